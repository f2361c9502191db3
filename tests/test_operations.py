"""The operational model: closed forms, conditioning on as_of, the new cash, revenue, cost and raise rules,
intervals, precision, and refusals through the runner (the entry point and its words: test_operations_entry.py)."""

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from conftest import REPO, run_in_process
from hypothesis import given, settings
from hypothesis import strategies as st

from prequel.analysis import operations as ops
from prequel.results import format_value

BASE = ops.Assumptions(
    cash_usd=(210e6, 740e6),
    net_burn_monthly_usd=(10e6, 40e6),
    arr_usd=(90e6, 136e6),
    arr_growth_annual=0.65,
    cost_growth_annual=0.3,
    window_months=(12.0, 18.0),
    demo_median_months=9.0,
    weibull_k=1.5,
    correction_if_miss=(0.3, 0.6),
    peer_revenue_multiple=(20.0, 20.0),
    post_money_usd=5.3e9,
    raise_lead_months=6.0,
    elapsed_months=0.0,
    demo_month=None,
)
SEED, N = 20261124, 20_000


def test_weibull_survival_closed_form():
    eta = 9 / math.log(2) ** (1 / 1.5)
    assert float(ops.weibull_survival(9, 9, 1.5)) == pytest.approx(0.5)
    assert float(ops.weibull_survival(12, 9, 1.5)) == pytest.approx(math.exp(-((12 / eta) ** 1.5)))
    assert float(ops.weibull_survival(0, 9, 1.5)) == 1.0


def test_p_miss_is_the_mean_conditional_survival_over_the_window():
    # exponential (k = 1): the mean of exp(-t/eta) over [a, b] has a closed form; memoryless given T > e
    eta = 9 / math.log(2)
    exact = eta * (math.exp(-12 / eta) - math.exp(-18 / eta)) / 6
    assert ops.p_miss_closed_form((12, 18), 9, 1.0) == pytest.approx(exact, rel=1e-6)
    assert ops.p_miss_closed_form((12, 12), 9, 1.0) == pytest.approx(math.exp(-12 / eta))
    assert ops.p_miss_closed_form((12, 18), 9, 1.0, elapsed=5) == pytest.approx(
        eta * (math.exp(-7 / eta) - math.exp(-13 / eta)) / 6, rel=1e-6
    )
    # half the window passed: the first half is a sure miss
    assert ops.p_miss_closed_form((12, 18), 9, 1.0, elapsed=15) == pytest.approx(
        0.5 + 0.5 * eta * (1 - math.exp(-3 / eta)) / 3, rel=1e-4
    )
    assert ops.p_miss_closed_form((12, 18), 9, 1.5, elapsed=18.5) == 1.0


def test_runway_arithmetic_without_cost_growth():
    assert float(ops.static_runway(300e6, 25e6)) == 12
    assert float(ops.cash_left(10, 300e6, 25e6, 120e6, 0.0)) == pytest.approx(50e6)
    assert float(ops.runway_months(300e6, 25e6, 120e6, 0.0)) == pytest.approx(12, abs=1e-6)
    g, t = 0.5, 7.0
    revenue = 120e6 / math.log(1.5) * (1.5 ** (t / 12) - 1)
    assert float(ops.cash_left(t, 300e6, 25e6, 120e6, g)) == pytest.approx(300e6 - 35e6 * t + revenue)
    t_star = float(ops.break_even_month(25e6, 120e6, g))
    assert 120e6 * 1.5 ** (t_star / 12) / 12 == pytest.approx(35e6)


def test_growing_costs_match_the_integral_and_move_break_even():
    g, c, t = 0.65, 0.3, 9.0
    s = np.linspace(0, t, 200_001)
    flow = 120e6 / 12 * 1.65 ** (s / 12) - 35e6 * 1.3 ** (s / 12)
    assert float(ops.cash_left(t, 300e6, 25e6, 120e6, g, c)) == pytest.approx(300e6 + np.trapezoid(flow, s), rel=1e-6)
    t_star = float(ops.break_even_month(25e6, 120e6, g, c))
    assert 120e6 / 12 * 1.65 ** (t_star / 12) == pytest.approx(35e6 * 1.3 ** (t_star / 12))
    assert t_star > float(ops.break_even_month(25e6, 120e6, g))
    # costs growing as fast as revenue: never default alive, whatever the cash
    assert math.isinf(float(ops.break_even_month(25e6, 120e6, 0.3, 0.3)))
    assert float(ops.runway_months(1e11, 25e6, 120e6, 0.3, 0.3)) < ops.MAX_MONTHS


def test_runway_root_is_where_cash_reaches_zero():
    months = float(ops.runway_months(100e6, 40e6, 120e6, 0.5, 0.2))
    assert months < ops.MAX_MONTHS
    assert float(ops.cash_left(months, 100e6, 40e6, 120e6, 0.5, 0.2)) == pytest.approx(0, abs=1e-3 * 100e6)


@given(
    cash=st.floats(1e6, 1e10),
    burn=st.floats(1e5, 1e9),
    extra=st.floats(0, 1e9),
    arr=st.floats(0, 1e9),
    growth=st.floats(0, 3),
    cost=st.floats(0, 2),
    more_cost=st.floats(0, 1),
)
def test_more_burn_or_cost_growth_never_lengthens_runway(cash, burn, extra, arr, growth, cost, more_cost):
    assert ops.static_runway(cash, burn + extra) <= ops.static_runway(cash, burn)
    base = float(ops.runway_months(cash, burn, arr, growth, cost))
    assert float(ops.runway_months(cash, burn + extra, arr, growth, cost)) <= base + 1e-6
    assert float(ops.runway_months(cash, burn, arr, growth, cost + more_cost)) <= base + 1e-6


def test_monte_carlo_converges_to_the_conditional_closed_form():
    for elapsed in (0.0, 6.9, 14.0):
        a = ops.replace(BASE, "elapsed_months", elapsed)
        miss = ops.simulate(a, N, SEED, need_runway=False)["miss"].mean()
        closed = ops.p_miss_closed_form(a.window_months, a.demo_median_months, a.weibull_k, elapsed)
        assert abs(miss - closed) < 4 * math.sqrt(closed * (1 - closed) / N) + 1e-9


def test_p_miss_is_exact_and_a_large_simulation_of_the_survivors_agrees():
    """P(miss) is published from the closed form (no simulation noise at a rounding boundary); a 400,000-draw
    simulation, conditioned on surviving to as_of as the other chances are, agrees within its own noise."""
    n = 400_000
    for p_never, offset, elapsed in ((0.0, 0.0, 0.0), (0.1, 5.0, 6.9), (0.3, 12.0, 14.0)):
        a = dataclasses.replace(BASE, p_never=p_never, demo_offset_months=offset, elapsed_months=elapsed)
        exact = ops.summarize(a, ops.simulate(a, 200, SEED))["p_miss_window"]
        assert exact == ops.p_miss_exact(a)
        sims = ops.simulate(a, n, SEED)
        survivors = sims["survives"]
        simulated = sims["miss"][survivors].mean()
        assert abs(simulated - exact) < 4 * math.sqrt(exact * (1 - exact) / survivors.sum()) + 1e-9, (p_never, exact)
    counted = dataclasses.replace(BASE, demo_month=15.0)  # a counted demo at month 15 misses half of 12-18
    assert ops.p_miss_exact(counted) == pytest.approx(0.5)
    assert ops.p_miss_exact(dataclasses.replace(BASE, demo_month=3.0)) == 0.0


@settings(max_examples=40)
@given(
    e1=st.floats(0, 30),
    step=st.floats(0, 30),
    median=st.floats(0.5, 40),
    k=st.floats(0.3, 5),
    seed=st.integers(0, 2**32 - 1),
)
def test_p_miss_never_falls_as_as_of_moves_on_without_a_demo(e1, step, median, k, seed):
    a = ops.replace(ops.replace(BASE, "demo_median_months", median), "weibull_k", k)
    early = ops.simulate(ops.replace(a, "elapsed_months", e1), 400, seed, need_runway=False)
    late = ops.simulate(ops.replace(a, "elapsed_months", e1 + step), 400, seed, need_runway=False)
    assert np.all(late["demo"] >= early["demo"] - 1e-9) and np.all(early["demo"] > e1 - 1e-9)
    assert late["miss"].mean() >= early["miss"].mean()  # per draw, so also in the mean
    assert (
        ops.p_miss_closed_form(a.window_months, median, k, e1 + step)
        >= ops.p_miss_closed_form(a.window_months, median, k, e1) - 1e-9
    )


def test_a_counted_demo_fixes_the_demo_time():
    inside = ops.simulate(ops.replace(BASE, "demo_month", 1.8), N, SEED)
    assert not inside["miss"].any() and np.all(inside["demo"] == 1.8)
    before = ops.simulate(ops.replace(BASE, "demo_month", -4.0), 100, SEED)  # predates the window: month 0
    assert np.all(before["demo"] == 0.0)
    late = ops.simulate(ops.replace(BASE, "demo_month", 20.0), 1000, SEED)
    assert late["miss"].all()


def test_a_down_round_needs_a_forced_raise():
    sims = ops.simulate(BASE, N, SEED)
    assert not (sims["down_round"] & ~sims["must_raise"]).any()
    # all the cash in the world: default alive, never raises, so never a down round even if every demo misses
    rich = ops.replace(ops.replace(BASE, "cash_usd", (1e12, 1e12)), "demo_median_months", 600.0)
    rich = ops.replace(ops.replace(rich, "cost_growth_annual", 0.0), "elapsed_months", 0.0)
    sims = ops.simulate(rich, 2000, SEED)
    assert sims["miss"].mean() > 0.9 and not sims["must_raise"].any() and not sims["down_round"].any()


def test_a_raise_is_priced_from_what_is_known_at_its_date():
    # so little cash that the raise comes at as_of (month 0): no demo shown yet, so the thesis is priced at the
    # haircut even though the window is still open, and revenue x multiple is far below the post-money
    poor = ops.replace(ops.replace(BASE, "cash_usd", (1e6, 1e6)), "peer_revenue_multiple", (0.1, 0.1))
    sims = ops.simulate(ops.replace(poor, "demo_median_months", 600.0), 2000, SEED)
    assert sims["must_raise"].all() and np.all(sims["raise_month"] == 0) and sims["down_round"].all()
    np.testing.assert_allclose(sims["price_at_raise"], BASE.post_money_usd * (1 - sims["haircut"]))
    # a demo shown before the raise keeps the post-money: no down round
    shown = ops.simulate(ops.replace(poor, "demo_month", 0.0), 2000, SEED)
    assert shown["must_raise"].all() and not shown["down_round"].any()
    # revenue alone can carry the price: a multiple that values the run-rate above the post-money
    rich = ops.simulate(ops.replace(poor, "peer_revenue_multiple", (100.0, 100.0)), 2000, SEED)
    assert rich["must_raise"].all() and not rich["down_round"].any()


#: Draws of the whole model for the property tests (run-rate growth >= 0: with a shrinking run-rate an
#: earlier raise sees more revenue, so more burn can lower the chance of a down round, as it would).
MODELS = st.fixed_dictionaries(
    {
        "cash": st.tuples(st.floats(1e7, 2e9), st.floats(0, 1e9)),
        "burn": st.tuples(st.floats(1e6, 8e7), st.floats(0, 5e7)),
        "arr": st.tuples(st.floats(1e7, 3e8), st.floats(0, 2e8)),
        "growth": st.floats(0, 2),
        "cost": st.floats(0, 1),
        "median": st.floats(0.5, 200),
        "k": st.floats(0.3, 4),
        "p_never": st.floats(0, 0.9),
        "haircut": st.tuples(st.floats(0, 0.9), st.floats(0, 0.1)),
        "multiple": st.tuples(st.floats(0.1, 60), st.floats(0, 20)),
        "lead": st.floats(0, 24),
        "elapsed": st.floats(0, 30),
        "seed": st.integers(0, 2**32 - 1),
    }
)


def _model(m: dict) -> ops.Assumptions:
    def span(pair):
        return (pair[0], pair[0] + pair[1])

    return ops.Assumptions(
        span(m["cash"]), span(m["burn"]), span(m["arr"]), m["growth"], m["cost"], (12.0, 18.0), m["median"],
        m["k"], span(m["haircut"]), span(m["multiple"]), 5.3e9, m["lead"], m["elapsed"], None, m["p_never"],
    )  # fmt: skip


def _down(a: ops.Assumptions, seed: int) -> tuple[np.ndarray, np.ndarray]:
    sims = ops.simulate(a, 300, seed)
    return sims["down_round"], sims["survives"]


def _never_less_likely(worse: ops.Assumptions, a: ops.Assumptions, seed: int) -> None:
    """Per draw (common random numbers) among the draws that survive to as_of under both; with nothing dropped
    (as_of at the window's start) that is every draw, so the chance itself never falls."""
    (down_worse, alive_worse), (down, alive) = _down(worse, seed), _down(a, seed)
    assert np.all(alive_worse <= alive), "a worse setting never lets a draw survive that did not"
    assert np.all(down_worse[alive_worse] >= down[alive_worse])
    if a.elapsed_months == 0:
        assert alive_worse.all() and down_worse.mean() >= down.mean()


@settings(max_examples=60, deadline=None)
@given(m=MODELS, more=st.floats(0, 5e7))
def test_a_down_round_never_gets_less_likely_as_burn_rises(m, more):
    a = _model(m)
    _never_less_likely(
        ops.replace(a, "net_burn_monthly_usd", tuple(b + more for b in a.net_burn_monthly_usd)), a, m["seed"]
    )
    at_start = ops.replace(a, "elapsed_months", 0.0)
    _never_less_likely(
        ops.replace(at_start, "net_burn_monthly_usd", tuple(b + more for b in a.net_burn_monthly_usd)),
        at_start,
        m["seed"],
    )


@settings(max_examples=60, deadline=None)
@given(m=MODELS, cut=st.floats(0, 1))
def test_a_down_round_never_gets_less_likely_as_revenue_falls(m, cut):
    # costs are the net burn plus the starting revenue, grown at the cost growth: when costs grow faster than
    # revenue, less revenue means slower-growing costs and a later raise, so the property holds where g >= c
    a = ops.replace(_model(m), "cost_growth_annual", min(m["cost"], m["growth"]))
    _never_less_likely(ops.replace(a, "arr_usd", tuple(max(x * (1 - cut), 1.0) for x in a.arr_usd)), a, m["seed"])


@settings(max_examples=60, deadline=None)
@given(m=MODELS, deeper=st.floats(0, 0.5))
def test_a_down_round_never_gets_less_likely_as_the_haircut_deepens(m, deeper):
    a = _model(m)
    deep = ops.replace(a, "correction_if_miss", tuple(min(h + deeper, 1.0) for h in a.correction_if_miss))
    _never_less_likely(deep, a, m["seed"])


@settings(max_examples=60, deadline=None)
@given(m=MODELS)
def test_no_raise_and_no_cash_out_is_placed_before_as_of(m):
    a = _model(m)
    sims = ops.simulate(a, 300, m["seed"])
    alive = sims["survives"]
    assert np.all(sims["runway"][alive] >= a.elapsed_months) and np.all(sims["raise_month"] >= a.elapsed_months)
    assert np.all(sims["demo"] >= a.elapsed_months)
    # the draws whose cash would have run out earlier are the ones the data contradict: dropped, never placed
    assert np.array_equal(~alive, sims["runway"] < a.elapsed_months)
    assert not (sims["must_raise"] | sims["down_round"] | sims["cash_out_before_demo"])[~alive].any()
    summary = ops.summarize(a, sims)
    assert summary["p_out_by_as_of"] == pytest.approx((~alive).mean())
    if alive.any():  # every chance is over the survivors, renormalised
        assert summary["p_down_round"] == pytest.approx(sims["down_round"].sum() / alive.sum())


def test_the_haircut_sets_how_deep_a_down_round_goes():
    deep = ops.simulate(ops.replace(BASE, "correction_if_miss", (0.9, 0.9)), N, SEED)
    shallow = ops.simulate(ops.replace(BASE, "correction_if_miss", (0.3, 0.3)), N, SEED)
    assert deep["down_round"].mean() >= shallow["down_round"].mean() > 0
    assert np.nanmedian(deep["price_at_raise"][deep["down_round"]]) < np.nanmedian(
        shallow["price_at_raise"][shallow["down_round"]]
    )
    # no haircut at all: a raise without a demo keeps the post-money, so no down round
    none = ops.simulate(ops.replace(BASE, "correction_if_miss", (0.0, 0.0)), N, SEED)
    assert not none["down_round"].any()


def test_demo_times_with_p_never_and_an_offset_follow_their_closed_form():
    for p_never, offset, elapsed in ((0.3, 0.0, 0.0), (0.2, 3.0, 6.9), (0.0, 5.0, 10.0)):
        a = ops.replace(ops.replace(ops.replace(BASE, "p_never", p_never), "demo_offset_months", offset),
                        "elapsed_months", elapsed)  # fmt: skip
        sims = ops.simulate(a, N, SEED, need_runway=False)
        closed = ops.p_miss_closed_form(a.window_months, 9.0, 1.5, elapsed, p_never=p_never, offset=offset)
        assert abs(sims["miss"].mean() - closed) < 4 * math.sqrt(closed * (1 - closed) / N) + 1e-9
        assert np.all(sims["demo"] >= elapsed)


def test_same_seed_same_numbers():
    a, b = ops.simulate(BASE, 1000, 7), ops.simulate(BASE, 1000, 7)
    assert all(np.array_equal(a[k], b[k], equal_nan=True) for k in a)


@given(
    median=st.floats(0.5, 60),
    k=st.floats(0.3, 5),
    low=st.floats(0.5, 60),
    width=st.floats(0, 60),
    elapsed=st.floats(0, 40),
    seed=st.integers(0, 2**32 - 1),
)
def test_probabilities_are_probabilities(median, k, low, width, elapsed, seed):
    a = ops.replace(
        ops.replace(ops.replace(BASE, "demo_median_months", median), "weibull_k", k),
        "window_months",
        (low, low + width),
    )
    a = ops.replace(a, "elapsed_months", elapsed)
    summary = ops.summarize(a, ops.simulate(a, 500, seed))
    for key in ("p_miss_window", "p_cash_out_before_demo", "p_down_round", "p_must_raise"):
        assert 0 <= summary[key] <= 1
    assert 0 <= ops.p_miss_closed_form(a.window_months, median, k, elapsed) <= 1


@settings(max_examples=15)
@given(
    median=st.floats(1, 30),
    elapsed=st.floats(0, 20),
    growth=st.floats(0, 2),
    cost=st.floats(0, 1),
    seed=st.integers(0, 2**32 - 1),
)
def test_intervals_contain_their_points(median, elapsed, growth, cost, seed):
    a = ops.Assumptions(**{**BASE.__dict__, "demo_median_months": median, "elapsed_months": elapsed})
    a = ops.replace(ops.replace(a, "arr_growth_annual", growth), "cost_growth_annual", cost)
    point = ops.summarize(a, ops.simulate(a, 300, seed))
    found = ops.intervals(a, 300, seed, sets=20)
    for m in ops.METRICS:
        low, high = found[m]
        assert 0 <= low <= point[m] <= high <= 1
        rounded, (r_low, r_high) = ops.rounded_chance(point[m], found[m])
        assert r_low <= rounded <= r_high and r_low <= low + 1e-9 and r_high >= high - 1e-9


def test_intervals_show_the_assumptions_spread_and_collapse_when_settled():
    a = ops.replace(BASE, "elapsed_months", 6.9)
    found = ops.intervals(a, 2000, SEED, sets=50)
    assert found["p_miss_window"][1] - found["p_miss_window"][0] > 0.2  # the demo assumptions matter a lot
    past = ops.intervals(ops.replace(BASE, "elapsed_months", 18.5), 2000, SEED, sets=20)
    assert past["p_miss_window"] == (1.0, 1.0)  # the window is over without a demo: a miss, whatever is assumed
    shown = ops.intervals(ops.replace(BASE, "demo_month", 2.0), 2000, SEED, sets=20)
    assert shown["p_miss_window"] == (0.0, 0.0)


def test_sensitivity_names_the_drivers_of_each_result():
    rows = ops.sensitivity(ops.replace(BASE, "elapsed_months", 6.9), 2000, SEED, ops.sensitivity_ranges(BASE))
    assert {r["metric"] for r in rows} == set(ops.METRICS)
    assert ops.drivers(rows, "p_miss_window")[0] in ("demo_median_months", "weibull_k", "window_months")
    assert "correction_if_miss" not in ops.drivers(rows, "p_miss_window", top=20)  # the haircut cannot move a miss
    assert ops.drivers(rows, "p_cash_out_before_demo")[0] in ("cash_usd", "net_burn_monthly_usd")
    down = [r for r in rows if r["metric"] == "p_down_round"]
    assert [r["swing"] for r in down] == sorted((r["swing"] for r in down), reverse=True)


def test_tornado_is_sorted_by_swing():
    rows = ops.tornado(
        BASE,
        2000,
        SEED,
        {"demo_median_months": (4.5, 13.5), "cash_usd": ((315e6,) * 2, (857.5e6,) * 2)},
        "p_miss_window",
    )
    assert rows[0]["assumption"] == "demo_median_months" and rows[0]["swing"] > rows[1]["swing"] == 0


@pytest.mark.parametrize(
    "point, interval, expected",
    [
        # whole points, outward: no 5-point steps
        (0.3646, (0.0028, 0.5696), (0.36, (0.002, 0.57))),
        (0.0517, (0.0002, 0.113), (0.05, (0.0002, 0.12))),
        (0.057, (0.021, 0.089), (0.06, (0.02, 0.09))),
        # near 1: never '100%' for a chance below 1, never '0%' for one above 0
        (0.9436, (0.8512, 0.99731), (0.94, (0.85, 0.998))),
        (0.9964, (0.98, 0.99991), (0.996, (0.98, 0.99991))),
        (0.0031, (0.00004, 0.02), (0.003, (0.00004, 0.02))),
        (1.0, (1.0, 1.0), (1.0, (1.0, 1.0))),
        (0.0, (0.0, 0.0), (0.0, (0.0, 0.0))),
    ],
)
def test_probabilities_are_rounded_by_the_collections_one_rule(point, interval, expected):
    assert ops.rounded_chance(point, interval) == expected
    p, (low, high) = expected
    shown = [format_value(ops.RESULTS["p_miss_window"], x) for x in (p, low, high)]
    for value, text in zip((point, *interval), shown, strict=True):
        assert (text == "100%") == (value == 1.0) and (text == "0%") == (value == 0.0), (value, text)


def test_round_sig():
    assert ops.round_sig(136_352_000) == 140_000_000 and ops.round_sig(38.87) == 39 and ops.round_sig(0) == 0


# ---- inputs from data --------------------------------------------------------------------------


def test_cash_is_below_capital_raised_minus_what_was_spent(dataset):
    sourced = ops.sourced_inputs(dataset, "runway", "2026-04-29")
    bound = ops.cash_bound(sourced, "2026-04-29", (10e6, 40e6))
    assert bound["high"] < sourced["total_raised_usd"]
    assert bound["high"] == pytest.approx(sourced["total_raised_usd"] - 10e6 * bound["months_since_previous"])
    assert bound["low"] == pytest.approx(sourced["last_round_usd"] - 40e6 * bound["months_since_last"])
    assert 0 <= bound["low"] <= bound["high"]
    # a burn so high that nothing can be left: cash never negative, low never above high
    broke = ops.cash_bound(sourced, "2026-04-29", (1e9, 2e9))
    assert broke == {**broke, "low": 0.0, "high": 0.0}


def test_revenue_is_notebook_06s_range_at_the_window_start_from_what_is_dated_by_then(dataset):
    growth = (0.4, 1.0)  # notebook 06's default growth range, 04's revenue_growth
    reported = ops.arr_range(dataset, "runway", "2026-04-29", growth, include_estimates=False)
    anything = ops.arr_range(dataset, "runway", "2026-04-29", growth, include_estimates=True)
    years = ops.months_between("2025-06-30", "2026-04-29") / 12
    # the run-rate added in Q2 2026 is dated 2026-05 (read as 2026-05-31): after the window's start, so no floor
    assert reported["floor"] is None and anything["floor"] is None
    assert reported["low"] == anything["low"] == pytest.approx(90e6 * 1.4**years)
    # the high end: the latest counted run-rate (2025-06, $90M), not the older 2024-12 one carried further
    assert reported["high"] == pytest.approx(90e6 * 2**years) and reported["high_id"] == "m010"
    assert anything["high"] == pytest.approx(300e6 * 2 ** (ops.months_between("2025-12-31", "2026-04-29") / 12))
    assert "estimated" not in set(reported["rows"]["confidence"]) and anything["high_id"] == "m011"
    assert "m0" not in anything["high_from"] + anything["low_from"], "a reader sees words, never a record id"
    # the run-rate added in Q2 2026 was stated before the quarter ended (a target, estimated): never a floor
    june = ops.arr_range(dataset, "runway", "2026-06-15", growth, include_estimates=False)
    assert june["floor"] is None and "added by" not in june["low_from"]
    # were it reported: from the floor's own date on, the low end is at least the last reported run-rate plus it
    metrics = dataset.metrics.copy()
    metrics.loc[metrics["metric_id"] == "m012", "confidence"] = "reported"
    june = ops.arr_range(dataclasses.replace(dataset, metrics=metrics), "runway", "2026-06-15", growth, False)
    assert june["floor"]["floor"] == 130e6 and june["low"] == pytest.approx(130e6 * 1.4 ** (15 / 365.25))
    assert "added by 2026-05" in june["low_from"]


def declared_defaults(stem: str) -> dict:
    from prequel.pipeline.sources import discover

    notebook = next(n for n in discover(REPO / "notebooks") if n.stem == stem)
    return {k: d.default for k, d in notebook.declared.items()}


@pytest.mark.parametrize("as_of", ["2026-04-29", "2026-08-01", "2026-11-24"])
def test_04_and_06_give_one_run_rate_and_multiple_for_the_same_valuation(dataset, as_of):
    """Defect 7: 04's run-rate at the window's start is 06's function with 06's growth, so a later date never
    shows a lower run-rate (a higher multiple) than 06 shows at the round's earlier date."""
    from prequel.analysis import revenue, valuation

    six_defaults = declared_defaults("06_valuation")
    growth = declared_defaults("04_operational_tradeoffs")["revenue_growth"]
    assert growth == six_defaults["revenue_growth"] == [0.4, 1.0], "one growth basis, declared alike in 04 and 06"
    six = valuation.analyse(dataset, {**six_defaults, "as_of": as_of, "data_dir": "data"})
    four = ops.arr_range(dataset, "runway", "2026-04-29", tuple(growth), False)
    direct = revenue.run_rate_range(dataset.metrics, "runway", "2026-04-29", 0.4, 1.0, False)
    assert (four["low"], four["high"]) == (direct["low"], direct["high"])  # as_of adds nothing dated later
    at_round = six.results["run_rate_at_round_usd"]
    assert four["low"] >= at_round["low"] and four["high"] >= at_round["high"]  # later date: never lower


@pytest.mark.parametrize(
    "as_of, reading, min_confidence, event, pending",
    [
        ("2026-11-24", "strict", "reported", None, ["e08"]),  # e08 is disputed: pending, not counted
        ("2026-11-24", "strict", "any", "e08", []),
        # GWM-1 (Dec 2025) and Characters (Mar 2026) predate the claim: 03 calls it ambiguous, so no demo here
        # e21 (an aggregator's page alone) predates the claim: confirmed, it changes nothing, so it is not pending
        ("2026-11-24", "lenient", "reported", None, ["e08"]),
        ("2026-11-24", "lenient", "any", "e08", []),
        ("2026-06-01", "strict", "any", None, []),  # before the manifesto
    ],
)
def test_demo_state_uses_the_shared_evidence_rule(dataset, as_of, reading, min_confidence, event, pending):
    state = ops.demo_state(dataset.events, "2026-04-29", as_of, reading, min_confidence, dataset.predictions)
    assert state["demo_event"] == event and state["pending"] == pending
    if event == "e08":
        assert state["demo_month"] == pytest.approx(ops.months_between("2026-04-29", "2026-06-23"))


@pytest.mark.parametrize("as_of", ["2026-05-01", "2026-11-24", "2027-09-01"])
@pytest.mark.parametrize("reading", ["strict", "lenient"])
@pytest.mark.parametrize("min_confidence", ["reported", "any"])
def test_a_demo_counts_in_04_only_where_03_calls_the_claim_resolved(dataset, as_of, reading, min_confidence):
    """Defect 9: one rule for a demo before the window: 04 counts a demo only when 03's status of the claim
    (``predictions.status_of``, read without a deadline) is resolved yes; an ambiguous claim counts none."""
    from prequel.analysis import predictions

    claim = predictions.with_dates(dataset.predictions).set_index("prediction_id").loc[ops.DEMO_PREDICTION]
    own = dataset.events[dataset.events["prediction_id"] == ops.DEMO_PREDICTION]
    three = predictions.status_of(claim["kind"], claim["made_date"], claim["deadline_date"], own, reading,
                                  pd.Timestamp(as_of), 0, min_confidence)  # fmt: skip
    state = ops.demo_state(dataset.events, "2026-04-29", as_of, reading, min_confidence, dataset.predictions)
    if three.status == "resolved_yes":
        assert state["demo_event"] == three.deciding_event
    if three.status in ("ambiguous", "open", "overdue"):
        assert state["demo_event"] is None and state["demo_month"] is None
    if reading == "lenient" and min_confidence == "reported" and as_of == "2026-11-24":
        assert three.status == "ambiguous" and state["earlier"] == ["e03"]  # e21 rests on aggregator pages


@pytest.mark.parametrize(
    "args, message",
    [
        (["-p", "net_burn_monthly_usd=40e6,10e6"], "low is above high"),
        (["-p", "net_burn_monthly_usd=-5e6,10e6"], "out of range"),
        (["-p", "window_start=2020-01-01"], "parameter 'window_start': window_start 2020-01-01: the data hold no"),
        (["-p", "correction_if_miss=0.5,1.5"], "out of range"),
        (["-p", "n_sims=ten"], "parameter 'n_sims'"),
        (["-p", "min_confidence=rumour"], "parameter 'min_confidence'"),
        (["-p", "strictness=loose"], "parameter 'strictness'"),
        (["-p", "as_of=2026-13-01"], "parameter 'as_of'"),
    ],
)
def test_invalid_assumptions_are_refused_before_any_kernel(tmp_path, args, message, capsys):
    code, stderr = run_in_process("04", "--out", str(tmp_path / "out"), *args, capsys=capsys)
    assert code == 2 and message in stderr, stderr
    assert not (tmp_path / "out").exists()


def test_a_deeper_haircut_moves_the_down_rounds_depth_not_its_chance():
    """Defect 8: any haircut above zero makes a raise without a demo a down round unless revenue covers the
    post-money, so P(down round) is flat in the haircut by construction and the page says so; its depth is not."""
    shallow = ops.replace(BASE, "correction_if_miss", (0.3, 0.3))
    deep = ops.replace(BASE, "correction_if_miss", (0.9, 0.9))
    s, d = ops.summarize(shallow, ops.simulate(shallow, N, SEED)), ops.summarize(deep, ops.simulate(deep, N, SEED))
    assert s["p_down_round"] == d["p_down_round"] > 0
    assert d["down_round_depth_median"] > s["down_round_depth_median"] > 0


def test_outcomes_the_data_contradict_are_dropped_and_the_rest_renormalised():
    """Defect 8: at a high burn most outcomes would already be out of cash by as_of: they are dropped (their share
    published), not moved to as_of, and every chance is over the survivors."""
    a = ops.replace(ops.replace(BASE, "net_burn_monthly_usd", (40e6, 60e6)), "elapsed_months", 6.9)
    sims = ops.simulate(a, N, SEED)
    s = ops.summarize(a, sims)
    alive = sims["survives"]
    assert 0 < s["p_out_by_as_of"] < 1 and s["p_out_by_as_of"] == pytest.approx(1 - alive.mean())
    assert s["p_must_raise"] == pytest.approx(sims["must_raise"][alive].mean())
    assert s["p_cash_out_before_demo"] == pytest.approx(sims["cash_out_before_demo"][alive].mean())
    assert s["p_down_round"] == pytest.approx(sims["down_round"][alive].mean())
    assert np.all(sims["runway"][alive] >= 6.9)


def test_a_setting_at_which_no_outcome_lasts_to_as_of_is_flagged_not_read_as_0_percent():
    """Issue 25, bear 04: at the low cash setting cash runs out before the date of the analysis in every outcome,
    and the tornado drew P(down round) = 0%: a chance among survivors when there are none."""
    late = ops.replace(BASE, "elapsed_months", 6.9)
    rows = ops.sensitivity(late, 2000, SEED, {"cash_usd": ((1e6,) * 2, (857.5e6,) * 2)})
    down = next(r for r in rows if r["metric"] == "p_down_round")
    assert down["none_low"] and not down["none_high"], down
    miss = next(r for r in rows if r["metric"] == "p_miss_window")  # exact, not a chance among survivors
    assert not miss["none_low"] and not miss["none_high"]


def test_an_approximate_chance_never_reads_about_over_99_percent():
    from prequel.analysis import operations_words as words

    text = words.down_round_terms({"p_down_round": 0.9995, "p_down_round_interval": (0.995, 1.0)})
    assert "about over" not in text and "over 99%" in text, text
    assert "about 55%" in words.down_round_terms({"p_down_round": 0.55, "p_down_round_interval": (0.4, 0.7)})


def test_the_other_reading_s_bullet_counts_the_pending_claims_rather_than_naming_them_again():
    """Issue 25: the bear page's 'Under the lenient reading' bullet ran to 61 words, naming two claims the headline
    names already."""
    from prequel.analysis import operations_words as words

    claims = [
        "Runway manifesto: GWM-Robotics policy evaluations reportedly correlate 0.95 with physical tests",
        "Runway announces Characters, a real-time conversational video agent built on GWM-1, via API",
    ]
    other = {"demo_counted": None, "pending_confirmation": claims, "p_miss_window": 0.92}
    other |= {"p_miss_window_interval": (0.82, 0.99), "p_down_round": 0.996, "p_down_round_interval": (0.99, 1.0)}
    text = words._differing("Under the lenient reading", other)
    assert len(text.split()) <= 32 and "2 claims pending confirmation" in text and "about over" not in text, (
        len(text.split()),
        text,
    )


def test_the_burn_range_is_said_to_bracket_the_costs_only_when_it_does():
    """Review: bear's $25M to $60M was said to bracket Sora's $15M to $30.4M."""
    from prequel.analysis.operations_words import brackets

    costs = pd.Series([15e6, 30.4e6])
    assert brackets((10e6, 40e6), costs) == "brackets them"
    assert brackets((25e6, 60e6), costs) == "leaves out the lowest"
    assert brackets((10e6, 25e6), costs) == "leaves out the highest"
    assert brackets((20e6, 25e6), costs) == "lies between them"
    assert brackets((40e6, 60e6), costs) == "lies above all of them"
    assert brackets((1e6, 5e6), costs) == "lies below all of them"


def test_a_swing_is_the_change_the_page_shows_one_rule_for_the_lead_the_chart_and_the_table():
    """Bear 04: the lead named monthly burn as moving a down round (a tenth of a point around 100%) while the chart
    said it does not move it by 1 point, and cash's low setting, at which no outcome lasts, swung it by 100 points."""
    assert ops.visible_swing(0.999, 1.0, 1.0) == 0  # under the point shown at 100%
    assert ops.visible_swing(0.0, 0.999, 1.0, none_low=True) == 0  # the undefined low is not 0%: the middle stands
    assert ops.visible_swing(0.0, 0.6, 0.9, none_low=True) == pytest.approx(0.3)
    assert ops.visible_swing(0.2, 0.5, 0.3, none_low=True, none_high=True) == 0
    assert ops.visible_swing(0.2, 0.5, 0.3) == pytest.approx(0.3)
    assert ops.visible_swing(0.994, 0.998, 0.996) == pytest.approx(0.004)  # 99.4% to 99.8% reads apart
    rows = [{"metric": "p_down_round", "assumption": "net_burn_monthly_usd", "swing": ops.visible_swing(0.999, 1, 1)}]
    assert ops.drivers(rows, "p_down_round") == []
    late = ops.replace(BASE, "elapsed_months", 6.9)
    down = next(
        r
        for r in ops.sensitivity(late, 2000, SEED, {"cash_usd": ((1e6,) * 2, (857.5e6,) * 2)})
        if r["metric"] == "p_down_round"
    )
    assert down["none_low"] and down["swing"] == pytest.approx(
        ops.visible_swing(down["p_low"], down["p_high"], down["base"], none_low=True)
    )
    assert down["swing"] < 1  # never the distance from an undefined 0%
