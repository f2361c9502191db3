"""The operational model: closed forms, Monte Carlo convergence, properties, and refusals through the runner."""

import math

import numpy as np
import pytest
from conftest import run_in_process
from hypothesis import given
from hypothesis import strategies as st

from prequel.analysis import operations as ops

BASE = ops.Assumptions(
    cash_usd=(315e6, 857.5e6),
    net_burn_monthly_usd=(10e6, 40e6),
    arr_usd=136e6,
    arr_growth_annual=0.65,
    window_months=(12.0, 18.0),
    demo_median_months=9.0,
    weibull_k=1.5,
    existing_demo_counts=False,
    correction_if_miss=(0.3, 0.6),
    peer_revenue_multiple=20.0,
    post_money_usd=5.3e9,
)
SEED, N = 20261124, 20_000


def test_weibull_survival_closed_form():
    eta = 9 / math.log(2) ** (1 / 1.5)
    assert float(ops.weibull_survival(9, 9, 1.5)) == pytest.approx(0.5)
    assert float(ops.weibull_survival(12, 9, 1.5)) == pytest.approx(math.exp(-((12 / eta) ** 1.5)))
    assert float(ops.weibull_survival(0, 9, 1.5)) == 1.0


def test_p_miss_is_the_mean_survival_over_the_window():
    # exponential (k = 1): the mean of exp(-t/eta) over [a, b] has a closed form
    eta = 9 / math.log(2)
    exact = eta * (math.exp(-12 / eta) - math.exp(-18 / eta)) / 6
    assert ops.p_miss_closed_form((12, 18), 9, 1.0) == pytest.approx(exact, rel=1e-6)
    assert ops.p_miss_closed_form((12, 12), 9, 1.0) == pytest.approx(math.exp(-12 / eta))


def test_runway_arithmetic():
    assert float(ops.static_runway(300e6, 25e6)) == 12
    # no growth: cash falls linearly at the net burn
    assert float(ops.cash_left(10, 300e6, 25e6, 120e6, 0.0)) == pytest.approx(50e6)
    assert float(ops.runway_months(300e6, 25e6, 120e6, 0.0)) == pytest.approx(12, abs=1e-6)
    # with growth: cash(t) matches the integral of costs minus revenue
    g, t = 0.5, 7.0
    revenue = 120e6 / math.log(1.5) * (1.5 ** (t / 12) - 1)
    assert float(ops.cash_left(t, 300e6, 25e6, 120e6, g)) == pytest.approx(300e6 - 35e6 * t + revenue)
    # break-even: revenue / 12 equals costs
    t_star = float(ops.break_even_month(25e6, 120e6, g))
    assert 120e6 * 1.5 ** (t_star / 12) / 12 == pytest.approx(35e6)


def test_runway_root_is_where_cash_reaches_zero():
    months = float(ops.runway_months(100e6, 40e6, 120e6, 0.5))
    assert months < ops.MAX_MONTHS
    assert float(ops.cash_left(months, 100e6, 40e6, 120e6, 0.5)) == pytest.approx(0, abs=1e-3 * 100e6)


def test_monte_carlo_converges_to_the_closed_form_at_the_default_seed():
    sims = ops.simulate(BASE, N, SEED)
    closed = ops.p_miss_closed_form(BASE.window_months, BASE.demo_median_months, BASE.weibull_k)
    standard_error = math.sqrt(closed * (1 - closed) / N)
    assert abs(sims["miss"].mean() - closed) < 4 * standard_error
    assert np.median(sims["cash"]) == pytest.approx(np.mean(BASE.cash_usd), rel=0.02)


def test_an_existing_demo_means_no_miss_and_no_correction():
    sims = ops.simulate(ops.replace(BASE, "existing_demo_counts", True), N, SEED)
    assert not sims["miss"].any() and not sims["down_round"].any() and not sims["cash_out_before_demo"].any()


def test_same_seed_same_numbers():
    a, b = ops.simulate(BASE, 1000, 7), ops.simulate(BASE, 1000, 7)
    assert all(np.array_equal(a[k], b[k]) for k in a)


@given(
    cash=st.floats(1e6, 1e10),
    burn=st.floats(1e5, 1e9),
    extra=st.floats(0, 1e9),
    arr=st.floats(0, 1e9),
    growth=st.floats(0, 3),
)
def test_more_burn_never_lengthens_runway(cash, burn, extra, arr, growth):
    assert ops.static_runway(cash, burn + extra) <= ops.static_runway(cash, burn)
    assert (
        float(ops.runway_months(cash, burn + extra, arr, growth))
        <= float(ops.runway_months(cash, burn, arr, growth)) + 1e-6
    )


@given(
    median=st.floats(0.5, 60),
    k=st.floats(0.3, 5),
    low=st.floats(0.5, 60),
    width=st.floats(0, 60),
    seed=st.integers(0, 2**32 - 1),
)
def test_probabilities_are_probabilities(median, k, low, width, seed):
    a = ops.replace(
        ops.replace(ops.replace(BASE, "demo_median_months", median), "weibull_k", k),
        "window_months",
        (low, low + width),
    )
    summary = ops.summarize(a, ops.simulate(a, 500, seed))
    for key in ("p_miss_window", "p_cash_out_before_demo", "p_down_round"):
        assert 0 <= summary[key] <= 1
    assert 0 <= ops.p_miss_closed_form(a.window_months, median, k) <= 1


def test_tornado_is_sorted_by_swing():
    rows = ops.tornado(
        BASE, 2000, SEED, {"demo_median_months": (4.5, 13.5), "cash_usd": ((315e6,) * 2, (857.5e6,) * 2)}
    )
    assert rows[0]["assumption"] == "demo_median_months" and rows[0]["swing"] > rows[1]["swing"] == 0


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, message",
    [
        (["-p", "net_burn_monthly_usd=40e6,10e6"], "low is above high"),
        (["-p", "net_burn_monthly_usd=-5e6,10e6"], "out of range"),
        (["-p", "window_start=2020-01-01"], "parameter 'window_start': window_start 2020-01-01: the data hold no"),
        (["-p", "correction_if_miss=0.5,1.5"], "out of range"),
        (["-p", "n_sims=ten"], "parameter 'n_sims'"),
    ],
)
def test_invalid_assumptions_are_refused_before_any_kernel(tmp_path, args, message, capsys):
    code, stderr = run_in_process("04", "--out", str(tmp_path / "out"), *args, capsys=capsys)
    assert code == 2 and message in stderr, stderr
    assert not (tmp_path / "out").exists()
