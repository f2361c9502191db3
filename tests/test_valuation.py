"""Notebook 06 in-process: the reverse valuation against hand-computed cases and its properties, the peer
classes, an as_of before the Series E, the aggregator rule, and the run-rate range shared with notebook 04."""

from __future__ import annotations

import dataclasses
import itertools
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prequel.analysis import operations, revenue, valuation
from prequel.analysis import valuation_words as w
from prequel.params import ParameterError, check_against_data
from prequel.results import format_value

DEFAULTS = {
    "as_of": "2026-11-24",
    "multiple_class": "both",
    "include_aggregator": False,
    "hurdle_irr": [0.25, 0.35],
    "years_to_exit": [5, 8],
    "revenue_growth": [0.4, 1.0],
    "n_draws": 4000,
    "seed": 20261124,
    "data_dir": "data",
}


def run(dataset, **changes):
    return valuation.analyse(dataset, {**DEFAULTS, **changes})


@pytest.fixture(scope="module")
def press_canva(dataset):
    """The data as if SaaStr's Canva figures were press (they are an aggregator's summary of Fortune's report): one
    private peer counted by default, so the counted path is tested on real figures."""
    tables = {}
    for name in ("valuation_figures", "valuation_multiples"):
        frame = getattr(dataset, name).copy()
        saastr = frame["source_url"].str.contains("saastr.com", regex=False)
        assert saastr.any() and (frame.loc[saastr, "source_tier"] == "aggregator").all()
        frame.loc[saastr, ["source_tier", "aggregator"]] = ["secondary", "false"]
        tables[name] = frame
    return dataclasses.replace(dataset, **tables)


# ---- the reverse valuation, by hand --------------------------------------------------------------------


def test_required_revenue_and_growth_match_hand_computed_cases():
    # $5.3B at 30% a year for 5 years is $19.68B; at 12.7x that is $1.5495B of revenue
    assert valuation.required_revenue(5.3e9, 0.30, 5, 12.7) == pytest.approx(1_549_490_472.44, rel=1e-9)
    # from $90M half a year before the round: (1,549.49 / 90) ** (1 / 5.5) - 1 = 67.77% a year
    assert valuation.required_growth(5.3e9, 0.30, 5, 12.7, 90e6, 0.5) == pytest.approx(0.6777124502, rel=1e-9)
    # no hurdle, an exit at the price paid: the revenue needed is the price over the multiple, whatever the years
    assert valuation.required_revenue(5.3e9, 0.0, 8, 53.0) == pytest.approx(1e8)


@settings(max_examples=200, deadline=None)
@given(
    h=st.floats(0, 1),
    dh=st.floats(0, 1),
    t=st.floats(1, 20),
    dt=st.floats(0, 10),
    m=st.floats(0.5, 200),
    dm=st.floats(0, 100),
)
def test_a_higher_hurdle_or_longer_horizon_never_lowers_the_revenue_needed_and_a_higher_multiple_never_raises_it(
    h, dh, t, dt, m, dm
):
    base = valuation.required_revenue(5.3e9, h, t, m)
    assert valuation.required_revenue(5.3e9, h + dh, t, m) >= base * (1 - 1e-12)
    assert valuation.required_revenue(5.3e9, h, t + dt, m) >= base * (1 - 1e-12)
    assert valuation.required_revenue(5.3e9, h, t, m + dm) <= base * (1 + 1e-12)


@settings(max_examples=60, deadline=None)
@given(
    h=st.tuples(st.floats(0, 0.6), st.floats(0, 0.6)).map(sorted),
    t=st.tuples(st.floats(1, 12), st.floats(1, 12)).map(sorted),
    m=st.tuples(st.floats(1, 80), st.floats(1, 80)).map(sorted),
    gap=st.floats(-0.5, 2),
)
def test_the_intervals_at_the_corners_hold_every_point_of_the_box(h, t, m, gap):
    """The published intervals come from the box's corners: no point inside lies outside them."""
    box = valuation.corners(5.3e9, tuple(h), tuple(t), tuple(m), 90e6, gap)
    grid = np.array(list(itertools.product(*(np.linspace(lo, hi, 7) for lo, hi in (h, t, m)))))
    rev = valuation.required_revenue(5.3e9, grid[:, 0], grid[:, 1], grid[:, 2])
    growth = valuation.required_growth(5.3e9, grid[:, 0], grid[:, 1], grid[:, 2], 90e6, gap)
    assert box["revenue"][0] <= rev.min() * (1 + 1e-9) and rev.max() <= box["revenue"][1] * (1 + 1e-9)
    assert box["growth"][0] - 1e-9 <= growth.min() and growth.max() <= box["growth"][1] + 1e-9


# ---- the headline, recomputed from the data files -------------------------------------------------------


def test_the_default_data_count_no_peer_and_say_so_before_what_aggregator_pages_give(dataset):
    """Every peer multiple rests on aggregator pages (SaaStr's Canva page summarises Fortune's report): by default
    no class is counted, and the finding says the data cannot settle it before the answer those pages give."""
    a = run(dataset)
    assert a.results["share_justified_without_thesis"] == {} and a.results["growth_for_half"] == {}
    assert a.answer.finding.startswith(
        "Every peer multiple rests on a figure only aggregator pages give: the data cannot settle this. "
        "On their figures, at $5.3B, investors earn"
    )
    assert len(a.answer.finding.split()) <= 100  # the review: a lead of about 150 words and 15 numbers
    counted = run(dataset, include_aggregator=True)
    half = format_value(valuation.RESULTS["growth_for_half"], counted.results["growth_for_half"]["private_ai"])
    assert f"(median 24x of 7 peers), growth of {half} a year justifies the price" in a.answer.finding
    # the second class's growth says it is one (issue 25: a bare '73%' read as a share of combinations)
    public = format_value(valuation.RESULTS["growth_for_half"], counted.results["growth_for_half"]["public_software"])
    assert f"and a survey median), {public} a year." in a.answer.finding
    assert not any("counted too" in d for d in a.answer.details)  # said once, in the finding
    assert a.answer.flip.startswith("A peer multiple from the company itself or the press would let the data settle")
    # no share claimed as the data's: those pages' shares are a result of their own, labelled as theirs
    assert [k[1] for k in a.answer.key_numbers] == [
        "implied_multiple_range.low",
        "share_on_aggregator_pages.private_ai",
        "share_on_aggregator_pages.public_software",
    ]
    assert all("on aggregator pages' figures only" in k[0] for k in a.answer.key_numbers[1:])
    # the round's $5.3B (udit.co) and Runway's run-rates (36Kr) rest on aggregator pages too: said at the multiple
    assert a.answer.key_numbers[0][0] == "Multiple the round paid, on aggregator pages' figures"
    assert a.round_table.set_index("").loc["Post-money", "from"].endswith("(from aggregator pages)")
    assert a.results["share_on_aggregator_pages"] == counted.results["share_justified_without_thesis"]
    assert counted.results["share_on_aggregator_pages"] == {}
    # sections 3 and 4 show what those pages give, their captions say so; never an empty table of 0 peers
    assert a.words.tables_basis == ": aggregator pages' figures only"
    assert list(a.classes["peers"]) == [7, 6] and not a.share_by_growth.empty
    assert counted.words.tables_basis == ""
    # how the share moves: those pages' shares at each end of the growth range (left out, no peer would remain)
    shares = ["class", "share justified", "share at the lowest growth assumed", "share at the highest growth assumed"]
    assert list(a.sensitivity) == shares and a.sensitivity.equals(counted.sensitivity[shares])


def test_the_headline_recomputes_from_the_data_files(press_canva):
    """Were Canva's $42B tender over its $3.3B ARR press figures, it would be the one private multiple on more than
    aggregator pages; the Series E's $5.3B (2026-02-10) and the last reported run-rate ($90M, 2025-06, 0.616 years
    before)."""
    a = run(press_canva)
    r = a.results
    assert r["peer_multiple_by_class"]["private_ai"] == {
        "median": pytest.approx(42 / 3.3),
        "low": pytest.approx(42 / 3.3),
        "high": pytest.approx(42 / 3.3),
        "peers": 1,
    }
    assert r["required_revenue_usd_interval"]["private_ai"]["low"] == pytest.approx(1_270_839_146.2, rel=1e-9)
    assert r["required_revenue_usd_interval"]["private_ai"]["high"] == pytest.approx(4_594_208_140.9, rel=1e-9)
    assert r["required_growth_interval"]["private_ai"]["low"] == pytest.approx(0.4695951098, rel=1e-8)
    assert r["required_growth_interval"]["private_ai"]["high"] == pytest.approx(0.7159394490, rel=1e-8)
    # the run-rate on the round's date: $90M (2025-06, the latest report) carried at 40%, to it carried at 100%
    assert r["run_rate_at_round_usd"]["low"] == pytest.approx(110_728_592.6, rel=1e-8)
    assert r["run_rate_at_round_usd"]["high"] == pytest.approx(137_937_367.0, rel=1e-8)
    assert r["implied_multiple_range"]["low"] == pytest.approx(5.3e9 / 137_937_367.0, rel=1e-8)
    assert "public_software" not in r["share_justified_without_thesis"]
    wanted = "No public software trailing enterprise value / sales multiple resting on more than aggregator"
    assert any(d.startswith(wanted) for d in a.answer.details)


def test_the_share_is_the_fraction_of_draws_whose_growth_covers_the_growth_needed(press_canva):
    """With one peer and fixed hurdle and years, the share is P(g >= g*) for g uniform: (high - g*) / (high - low)."""
    a = run(press_canva, hurdle_irr=[0.3, 0.3], years_to_exit=[5, 5], n_draws=200_000)
    need = a.results["required_growth_interval"]["private_ai"]["low"]
    assert a.results["required_growth_interval"]["private_ai"]["high"] == pytest.approx(need)
    expected = (1.0 - need) / (1.0 - 0.4)
    assert a.results["share_justified_without_thesis"]["private_ai"] == valuation.round_share(expected)
    assert run(press_canva, revenue_growth=[2.0, 3.0]).results["share_justified_without_thesis"]["private_ai"] == 1.0
    assert run(press_canva, revenue_growth=[0.0, 0.1]).results["share_justified_without_thesis"]["private_ai"] == 0.0


def test_the_draws_are_seeded(dataset):
    first, again = run(dataset, include_aggregator=True), run(dataset, include_aggregator=True)
    assert first.results == again.results
    other = run(dataset, include_aggregator=True, seed=1, n_draws=200)
    assert other.results["growth_for_half"] != first.results["growth_for_half"]


# ---- classes, aggregator pages and conflicts ------------------------------------------------------------


@pytest.mark.parametrize("multiple_class", ["private_ai", "public_software", "both"])
@pytest.mark.parametrize("include_aggregator", [False, True])
def test_each_class_is_computed_apart_in_one_kind(press_canva, multiple_class, include_aggregator):
    dataset = press_canva
    a = run(dataset, multiple_class=multiple_class, include_aggregator=include_aggregator)
    chosen = {"private_ai": ("private_ai",), "public_software": ("public_software",)}.get(
        multiple_class, ("private_ai", "public_software")
    )
    assert set(a.results["peer_multiple_by_class"]) <= set(chosen)
    assert set(a.classes["class"]) == {valuation.CLASS_NAMES[c] for c in chosen}
    assert set(a.peers["peer_class"]) <= set(chosen)
    if "public_software" in chosen:
        public = a.peers[(a.peers["peer_class"] == "public_software") & a.peers["counts"]]
        stated = dataset.valuation_multiples
        ev = stated[stated["kind"] == "ev_to_sales"]
        # only EV/sales rows of listed software enter: Adobe's P/S of 5.28 and Palantir's P/S never do
        for peer in public.itertuples():
            own = ev[ev["peer_id"] == peer.peer_id]
            assert peer.low in set(own["low"]) and peer.high in set(own["high"]), peer
        assert "palantir" not in set(public["peer_id"])
        if include_aggregator:
            assert public.set_index("peer_id").loc["adobe", "low"] == 6.46
        assert ("public_software" in a.results["share_justified_without_thesis"]) == include_aggregator
    if "private_ai" in chosen:
        assert "private_ai" in a.results["share_justified_without_thesis"]


def test_aggregator_only_figures_never_count_by_default(dataset, press_canva):
    assert valuation.private_multiples(dataset.valuation_figures, "2026-11-24", False)["counts"].sum() == 0
    dataset = press_canva
    figures = dataset.valuation_figures.set_index("figure_id")
    pairs = valuation.private_multiples(dataset.valuation_figures, "2026-11-24", False)
    counted = pairs[pairs["counts"]]
    solid = dataset.valuation_figures[dataset.valuation_figures["aggregator"] == "false"]
    solid_facts = set(map(tuple, solid[valuation.FACT].astype(str).to_numpy()))
    for ids in counted["figures"]:
        for fid in ids.split(" / "):
            assert tuple(figures.loc[fid].reindex(valuation.FACT[1:]).astype(str)) in {f[1:] for f in solid_facts}
    assert set(counted["peer_id"]) == {"canva"}
    everyone = valuation.private_multiples(dataset.valuation_figures, "2026-11-24", True)
    assert {"kling", "synthesia", "elevenlabs", "heygen", "suno", "higgsfield"} <= set(everyone["peer_id"])


def test_conflicts_are_shown_as_ranges(dataset):
    peers = valuation.peer_ranges(dataset, "private_ai", "2026-11-24", True).set_index("peer_id")
    assert peers.loc["elevenlabs", "low"] == pytest.approx(11e9 / 500e6)  # the Sacra estimate
    assert peers.loc["elevenlabs", "high"] == pytest.approx(11e9 / 200e6)  # the disputed $200M
    assert peers.loc["heygen", "low"] == pytest.approx(440e6 / 20e6) and peers.loc["heygen", "high"] == 25
    assert peers.loc["synthesia", "reports"] == 3  # two dates of one round, two run-rates
    assert peers.loc["kling", "low"] == peers.loc["kling", "high"] == pytest.approx(36)


def test_a_conflicting_report_dated_later_is_not_seen_before_its_date(dataset):
    pairs = valuation.private_multiples(dataset.valuation_figures, "2025-12-31", True)
    synthesia = pairs[pairs["peer_id"] == "synthesia"]
    assert list(synthesia["valuation_date"]) == ["2025-10-29"]  # the January 2026 report is not known yet
    assert "kling" not in set(pairs["peer_id"])  # priced in July 2026


# ---- as_of ------------------------------------------------------------------------------------------------


def test_an_as_of_before_the_series_e_sees_only_the_earlier_rounds_and_says_so(dataset):
    a = run(dataset, as_of="2025-12-31")
    assert a.results["valuation_usd"] == 3e9 and a.results["round_date"] == "2025-04-30"
    assert "the Series D paid" in a.answer.details[0] and "$3B" in a.answer.finding
    assert any("later rounds (Series E) are not seen" in d for d in a.answer.details)
    assert 5.3e9 not in set(a.round_table["value"]) and "$5.3B" not in a.answer.finding
    after = run(dataset)
    assert not any("not seen" in d for d in after.answer.details)


def test_an_as_of_before_any_run_rate_is_refused_with_one_line(dataset):
    from prequel.declarations import _declarations_in, specs

    source = (valuation.__file__.rsplit("/src/", 1)[0]) + "/notebooks/06_valuation.py"
    cell = open(source, encoding="utf-8").read().split('# %% tags=["parameters"]')[1].split("# %%")[0]
    declared = specs(_declarations_in([cell])[1])
    with pytest.raises(ParameterError) as info:
        check_against_data(declared, {**DEFAULTS, "as_of": "2024-06-30"}, dataset)
    message = str(info.value)
    assert "\n" not in message and "as_of" in message and "no reported run-rate" in message


# ---- one run-rate range for notebooks 04 and 06 -------------------------------------------------------------


def test_notebook_04_and_06_bound_a_run_rate_with_one_function(dataset, monkeypatch):
    """04's range is 06's rule on the window's start; replacing the shared function changes both."""
    ours = revenue.run_rate_range(dataset.metrics, "runway", "2026-04-29", 0.4, 1.0, False)
    theirs = operations.arr_range(dataset, "runway", "2026-04-29", (0.4, 1.0), False)
    assert (theirs["low"], theirs["high"]) == (ours["low"], ours["high"])
    calls = []
    real = revenue.run_rate_range
    monkeypatch.setattr(revenue, "run_rate_range", lambda *a: calls.append(a) or real(*a))
    operations.arr_range(dataset, "runway", "2026-04-29", (0.4, 1.0), False)
    run(dataset, multiple_class="private_ai")
    assert [c[2] for c in calls] == ["2026-04-29", valuation.runway_round(dataset, "2026-11-24")["date"]]


def test_the_latest_run_rate_bounds_the_high_end_and_nothing_dated_later_counts(dataset):
    """The high end is the latest counted run-rate carried at the high rate: at the Series E (2026-02-10) the
    2025-06 report ($90M), not the 2024-12 one ($70M) carried further at 100%, which the 2025-06 report already
    measured lower; a run-rate added after the date (2026-05) is no floor on it."""
    at_round = revenue.run_rate_range(dataset.metrics, "runway", "2026-02-10", 0.4, 1.0, False)
    years = (pd.Timestamp("2026-02-10") - pd.Timestamp("2025-06-30")).days / 365.25
    older = 70e6 * 2 ** ((pd.Timestamp("2026-02-10") - pd.Timestamp("2024-12-31")).days / 365.25)
    assert at_round["high"] == pytest.approx(90e6 * 2**years) and at_round["high"] < older
    assert at_round["high_id"] == at_round["low_id"] == "m010" and at_round["floor"] is None
    assert at_round["low"] == pytest.approx(90e6 * 1.4**years)
    a = run(dataset)
    assert a.results["implied_multiple_range"] == pytest.approx(
        {"low": 5.3e9 / (90e6 * 2**years), "high": 5.3e9 / (90e6 * 1.4**years)}
    )
    # on a frame of its own: a later report, even a lower one, replaces an older one at the high end
    frame = dataset.metrics[dataset.metrics["metric_id"].isin(["m009", "m010"])].copy()
    frame.loc[frame["metric_id"] == "m010", "value"] = 60e6
    low_growth = revenue.run_rate_range(frame, "runway", "2026-02-10", 0.0, 1.0, False)
    assert low_growth["high"] == pytest.approx(60e6 * 2**years) and low_growth["low"] == 60e6


def test_the_implied_multiple_is_the_valuation_over_the_range():
    low, high = revenue.implied_multiple_range(5.3e9, {"low": 100e6, "high": 200e6})
    assert (low, high) == (26.5, 53.0)


def test_the_words_restate_the_results(press_canva):
    a = run(press_canva)
    r = a.results
    share = r["share_justified_without_thesis"]["private_ai"]
    shown = format_value(valuation.RESULTS["share_justified_without_thesis"], share)
    assert any(d.startswith("Revenue needed at exit at one peer's multiple")
               and f"; {shown} of combinations justified over the assumed 40% to 100% growth" in d
               for d in a.answer.details)  # fmt: skip
    half = format_value(valuation.RESULTS["growth_for_half"], r["growth_for_half"]["private_ai"])
    assert f"growth of {half} a year justifies the price in half the combinations" in a.answer.finding
    assert f"below {half} a year" in a.answer.flip
    numbers = a.published()["key_numbers"]
    assert [n["key"] for n in numbers] == [
        "growth_for_half.private_ai",
        "implied_multiple_range.low",
        "peer_multiple_by_class.private_ai.median",
        "share_justified_without_thesis.private_ai",
    ]
    assert numbers[0]["value"] == f"{half} (47% to 72%)"
    assert numbers[2]["label"] == "Multiple of the one peer (Canva's 2025-08 employee and secondary tender)"
    assert numbers[3]["label"].startswith("Share justified if growth is 40% to 100% (assumed)")


# ---- the headline says no more than its inputs (review 23, defect 10) ----------------------------------------


def test_one_peer_is_named_with_its_kind_of_price_never_a_median(press_canva):
    a = run(press_canva)
    assert (
        "At one peer's multiple (Canva's 2025-08 employee and secondary tender, 13x, one secondary source),"
        in a.answer.finding
    )
    assert "median" not in a.answer.finding.lower() and "median" not in a.words.chart_alt.lower()
    assert "median" not in a.classes.loc[0, "multiple"] and "one peer: Canva's" in a.classes.loc[0, "multiple"]
    mix = "(median 24x valuation / run-rate of 7 peers: 1 employee and secondary tender, 6 primary rounds)"
    assert any(mix in d for d in a.answer.details)  # the other aggregator setting, in the details
    many = run(press_canva, include_aggregator=True)
    assert "private AI video and creative multiples (median 24x of 7 peers)," in many.answer.finding
    assert any(mix in d for d in many.answer.details)
    assert any("one peer's multiple (Canva's" in d for d in many.answer.details)


def test_the_finding_leads_with_the_growth_needed_against_the_growth_shown(press_canva):
    a = run(press_canva)
    low, high = (a.results["required_growth_interval"]["private_ai"][e] for e in ("low", "high"))
    share = valuation.RESULTS["growth_for_half"]
    half = format_value(share, a.results["growth_for_half"]["private_ai"])
    assert a.answer.finding.startswith(  # issue 25: whole sentences, no band read as a condition, no fragment
        "At $5.3B, investors earn their 25% to 35% yearly target (from aggregator pages) on video revenue alone "
        "only if Runway's run-rate grows fast. "
        "At one peer's multiple (Canva's 2025-08 employee and secondary "
        "tender, 13x, one secondary source), "
        f"growth of {half} a year justifies the price in half the combinations of multiple, hurdle and horizon. "
        "Runway's own"
    )
    # none and all are in the details, with the revenue needed
    needed = f"growing {format_value(share, low)} to {format_value(share, high)} a year"
    assert any(d.startswith("Revenue needed at exit") and needed in d for d in a.answer.details)
    sentences = a.answer.finding.split(". ")  # the review: one very long sentence
    assert len(sentences) == 3 and all(len(s.split()) <= 40 for s in sentences), sentences
    # Runway's own growth with the span its two rounded figures allow, flagged (36Kr relays The Information), and no
    # comparable's: every peer's growth has an end on aggregator pages alone, and the finding counts them
    assert a.answer.finding.endswith(". Runway's own grew about 66% a year over 6 months (from aggregator pages)")
    assert (
        "Runway's own grew about 66% a year over 6 months (29% to 120% within its two figures' rounding; from "
        "aggregator pages); no comparable's growth counted (3 of 3 rest on aggregator pages)" in a.answer.details
    )
    assert a.growth.loc[a.growth["company"] != "Runway", "rests_on_aggregator_pages"].all()
    counted = " ".join(run(press_canva, include_aggregator=True).answer.details)
    assert "pages); comparables' 78% to 1,900% over 4 to 12 months only" in counted  # two figures, not '1898%'
    assert "Suno about 1,900% a year" in run(press_canva).words.growth_sentence
    # the multiple the round paid stands in the details and the key numbers, not in the finding
    assert "paid" not in a.answer.finding and "the Series E paid 38x to 48x it" in a.answer.details[0]


def test_the_share_is_shown_as_a_function_of_the_growth(dataset):
    """None of the combinations below the lowest growth needed, all from the highest, half at the median; the
    table rises with the growth and its rows at the assumed range's ends match the sensitivity table."""
    a = run(dataset, include_aggregator=True, n_draws=20_000)
    per_class, _ = valuation.class_results(
        dataset, {**DEFAULTS, "include_aggregator": True, "n_draws": 20_000}, True, 5.3e9, 90e6, a_gap(dataset)
    )
    for cls, x in per_class.items():
        low, high = x["box"]["growth"]
        assert valuation.share_at(x, low - 1e-9) == 0.0 and valuation.share_at(x, high) == 1.0
        assert valuation.share_at(x, x["growth_for_half"]) == pytest.approx(0.5, abs=1e-3)
        assert x["share_at_growth"]["low"] == valuation.share_at(x, 0.4), cls
    table = a.share_by_growth
    for cls in ("private AI video and creative", "public software"):
        shares = [_read_share(t) for t in table[cls]]
        assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] == 1.0, (cls, shares)
        ends = table[table["note"] == "assumed range's end"][cls].tolist()
        row = a.sensitivity[a.sensitivity["class"] == cls].iloc[0]
        assert ends == [row["share at the lowest growth assumed"], row["share at the highest growth assumed"]]
    assert list(table["growth a year"])[:3] == ["20%", "30%", "40%"]  # from below the lowest growth needed (23%)


def a_gap(dataset) -> float:
    last = valuation.last_run_rate(dataset, "2026-11-24")
    return valuation.years_between(last["as_of_date"], valuation.runway_round(dataset, "2026-11-24")["date"])


def _read_share(text: str) -> float:
    """'under 5%' reads 0.01, 'over 95%' 0.99: enough to check the order."""
    if text.startswith("under"):
        return 0.01
    if text.startswith("over"):
        return 0.99
    return float(text.rstrip("%")) / 100


def test_a_positive_share_never_reads_as_zero_nor_a_short_one_as_all():
    assert valuation.shown_share(0.02) == "under 5%" and valuation.shown_share(0.0) == "0%"
    assert valuation.shown_share(0.98) == "over 95%" and valuation.shown_share(1.0) == "100%"
    assert valuation.shown_share(0.026) == "5%" and valuation.shown_share(0.974) == "95%"


def test_trailing_and_forward_multiples_never_share_a_statistic(dataset):
    """With aggregator rows, the public SaaS median's latest row is forward (6.8x, 2026-05): the class takes its
    latest trailing one (6.4x, 2026-03), and the forward rows stay in the table of stated multiples."""
    public = valuation.peer_ranges(dataset, "public_software", "2026-11-24", True).set_index("peer_id")
    assert public.loc["public_saas_median", "low"] == 6.4
    stated = dataset.valuation_multiples.set_index("multiple_id")
    trailing = set(stated.loc[stated["basis"] == "trailing", "low"])
    assert set(public["low"]) <= trailing and set(public["high"]) <= trailing
    a = run(dataset, include_aggregator=True)
    assert a.results["peer_multiple_by_class"]["public_software"]["median"] == pytest.approx((6.4 + 6.46) / 2)
    assert set(a.stated.loc[a.stated["basis"] == "forward", "multiple_id"]) >= {"saas_median_valueadd"}
    # a survey median drawn among the companies is said to be one (issue 25: "6 peers" counted it as a company)
    said = "(median 6.4x trailing enterprise value / sales of 5 companies and a survey median)"
    assert any(said in d for d in a.answer.details)


def test_a_class_counts_its_companies_and_its_survey_medians_apart():
    assert w.peer_count(7, 0) == "7 peers"
    assert w.peer_count(6, 1) == "5 companies and a survey median"
    assert w.peer_count(3, 2) == "1 company and 2 survey medians"


def test_the_run_rate_added_after_the_last_report_is_a_floor_under_a_later_run_rate(dataset):
    last = valuation.last_run_rate(dataset, "2026-11-24")
    # m012 ($40M added in Q2 2026) was stated before the quarter ended, a target: estimated, so no floor
    assert dataset.metrics.set_index("metric_id").loc["m012", "confidence"] == "estimated"
    assert valuation.run_rate_floor_after(dataset, "2026-11-24", last, 0.4) is None
    assert "at least $130M" not in run(dataset).words.round_sentence
    # were it reported: $90M (2025-06-30) plus the $40M added (dated 2026-05, read as 2026-05-31)
    metrics = dataset.metrics.copy()
    metrics.loc[metrics["metric_id"] == "m012", "confidence"] = "reported"
    reported = dataclasses.replace(dataset, metrics=metrics)
    floor = valuation.run_rate_floor_after(reported, "2026-11-24", last, 0.4)
    assert floor["floor"] == 130e6 and floor["on"] == "2026-05"
    assert floor["low_path"] == pytest.approx(90e6 * 1.4 ** (335 / 365.25))
    assert valuation.run_rate_floor_after(reported, "2026-03-31", last, 0.4) is None
    assert "at least $130M" in run(reported).words.round_sentence


def test_runway_run_rates_on_aggregator_pages_alone_are_flagged_beside_the_headline(dataset):
    # 36Kr relays The Information's report, an aggregator page: the run-rate the growth starts from says so
    flagged = run(dataset)
    assert "6 months (from aggregator pages)" in flagged.answer.finding
    assert "rounding; from aggregator pages)" in " ".join(flagged.answer.details)
    assert "run-rate, $90M in 2025-06 (from aggregator pages);" in " ".join(flagged.answer.details)
    assert flagged.round_table.iloc[-2]["from"] == "2025-06 (from aggregator pages)"
    # were the same two figures also reported by the press, no flag
    metrics = dataset.metrics.copy()
    press = metrics[metrics["metric_id"].isin(["m009", "m010"])].assign(source_tier="secondary")
    solid = run(dataclasses.replace(dataset, metrics=pd.concat([metrics, press], ignore_index=True)))
    assert "6 months (from aggregator pages)" not in solid.answer.finding
    assert "run-rate, $90M in 2025-06;" in " ".join(solid.answer.details)
    assert "within its two figures' rounding); comparables'" in " ".join(solid.answer.details)


# ---- the page: what readers read -----------------------------------------------------------------------

IDENTIFIER = re.compile(r"(?<![\w/.$-])[a-zA-Z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/]|\.\w)|\bm\d{3}\b")


@pytest.mark.parametrize(
    "shown, frame",
    [
        (w.run_rates_shown, "run_rates"),
        (w.peers_shown, "peers"),
        (w.pairs_shown, "private_pairs"),
        (w.stated_shown, "stated"),
        (w.hurdles_shown, "hurdles"),
        (w.growth_table_shown, "growth"),
    ],
)
def test_the_tables_readers_see_carry_no_ids_and_no_raw_flags(dataset, shown, frame):
    table = shown(getattr(run(dataset, include_aggregator=True), frame))
    assert len(table) and not {"peer_id", "figures", "multiple_id", "hurdle_id", "metric_id"} & set(table.columns)
    cells = [str(x) for x in table.drop(columns=["source_url"], errors="ignore").to_numpy().ravel()]
    assert not [c for c in cells if IDENTIFIER.search(c) or c in ("true", "false", "True", "False")]  # missing: "—"
    raw = [c for c in cells if re.fullmatch(r"-?\d+(\.\d+)?", c) and abs(float(c)) >= 1e5]  # issue 25: '42,000,000,000'
    assert not raw, raw


def test_a_range_whose_ends_read_alike_is_written_once(press_canva):
    a = run(press_canva)
    assert a.classes.loc[a.classes["class"] == "private AI video and creative", "range"].item() == "13x"
    assert w.ends(w.TIMES, (35.3, 48.2)) == "35x to 48x"
    assert not IDENTIFIER.search(" ".join(a.round_table.astype(str).to_numpy().ravel()))


def test_the_peers_chart_names_each_class_once_and_keeps_its_legend_clear_on_a_phone(dataset):
    from prequel.analysis.valuation_charts import multiples_chart
    from prequel.present.style import narrow_variant

    a = run(dataset)
    implied = (a.results["implied_multiple_range"]["low"], a.results["implied_multiple_range"]["high"])
    fig = multiples_chart(a.peers, implied, "t", "alt")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels and not any("(" in x and "creative" in x for x in labels)  # no class beside every peer
    headings = [t.get_text() for t in ax.texts]
    assert sorted(headings) == sorted(valuation.CLASS_NAMES[c] for c in set(a.peers["peer_class"]))
    before = ax.get_ylim()
    assert narrow_variant(fig) is not None
    assert ax.get_ylim() == before and [t.get_text() for t in ax.texts] == headings  # the phone's changes undone
    keys = [t.get_text() for t in ax.get_legend().get_texts()]  # no key for what is not drawn: nothing counts
    assert "counted" not in keys and "rests on aggregator pages only (not counted)" in keys
    plt.close(fig)


def test_the_peers_chart_title_says_all_when_every_multiple_drawn_lies_below():
    """Issue 25: bear's chart read 'more than 6 of 6 peers'."""
    from prequel.analysis.valuation_words import standing_title

    peers = pd.DataFrame({"high": [2.0, 6.4, 21.95]})
    assert standing_title("Paid 38x", peers, 38.0) == "Paid 38x, above all 3 multiples drawn"
    assert standing_title("Paid 38x", peers, 10.0) == "Paid 38x, above 2 of the 3 multiples drawn"
    assert standing_title("Paid 1x", peers, 1.0) == "Paid 1x"


def test_the_peers_chart_is_titled_by_where_the_round_stands_among_the_peers(dataset):
    from prequel.analysis.valuation_charts import multiples_chart_of

    a = run(dataset)
    fig = multiples_chart_of(a)  # 38x to 48x; only ElevenLabs (22x to 55x) and Synthesia (27x to 40x) reach 38x
    assert fig.prequel_alt.startswith(
        "Runway's round paid 38x to 48x its estimated run-rate, above 11 of the 13 multiples drawn"
    )
    # ElevenLabs' 55x divides by a disputed run-rate, its 22x by an estimate: the range is marked where drawn
    names = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "ElevenLabs *" in names and "Canva" in names
    assert any(t.get_text().endswith("* Its range includes an estimated or disputed figure.") for t in fig.texts)
    assert a.peers.set_index("peer")["contested"].to_dict()["ElevenLabs"]
    plt.close(fig)


def test_growth_shown_carries_the_span_its_rounded_figures_allow(dataset):
    """$70M (2024-12) to $90M (2025-06), each rounded to $10M: the rate lies between 85/75 and 95/65 annualised."""
    assert [valuation.rounding_half_unit(x) for x in (70e6, 90e6, 3.3e9, 125e6, 7.0)] == [5e6, 5e6, 5e7, 0.5e6, 0.5]
    growth = valuation.growth_shown(dataset, DEFAULTS["as_of"]).set_index("company").loc["Runway"]
    years = growth["years"]
    assert growth["growth_low"] == pytest.approx((85 / 75) ** (1 / years) - 1)
    assert growth["growth_high"] == pytest.approx((95 / 65) ** (1 / years) - 1)
    assert growth["growth_low"] < growth["growth_per_year"] < growth["growth_high"]
    shown = w.growth_table_shown(valuation.growth_shown(dataset, DEFAULTS["as_of"]))
    assert shown.set_index("company").loc["Runway", "growth_within_rounding"] == "29% to 120%"  # two figures from 100%


def test_no_aggregator_value_decides_the_headline_silently(press_canva):
    """A disputed or aggregator-only fact never decides a headline alone: an assumed range's end that comes from an
    aggregator's page is said beside the figure (the hurdle in the finding, the growth in the flip) and every such
    value in the details; the one counted peer's single secondary source is said beside its multiple."""
    a = run(press_canva)
    tiers = valuation.assumption_tiers(press_canva, DEFAULTS)
    assert tiers == {k: ["aggregator", "aggregator"] for k in ("hurdle_irr", "revenue_growth")} | {
        "years_to_exit": ["aggregator", "secondary"]
    }
    for name, values in tiers.items():
        weak = [x for x, t in zip(DEFAULTS[name], values, strict=True) if t == "aggregator"]
        said = w.from_aggregators(name, DEFAULTS[name], tiers)
        assert bool(weak) == bool(said), name
    assert "investors earn their 25% to 35% yearly target (from aggregator pages) on" in a.answer.finding
    assert "13x, one secondary source)" in a.answer.finding
    assert a.answer.flip.endswith("the range assumed is 40% to 100% (from aggregator pages)")
    assert "at 40% to 100% growth a year (from aggregator pages), so" in a.answer.details[0]
    hurdle = (
        "The hurdle: 25% to 35% a year (from aggregator pages) over 5 to 8 years to exit (the 5-year end from "
        "aggregator pages), "
    )
    assert a.answer.details[1].startswith(hurdle)
    sourced = run(press_canva, hurdle_irr=[0.3, 0.3], years_to_exit=[8, 8])  # Industry Ventures' (secondary) values
    assert "aggregator" not in sourced.answer.finding.split(" on video revenue")[0]
    assert "The hurdle: 30% a year over 8 years to exit, on" in sourced.answer.details[1]
    # values no source is declared for: the reader's own, nothing claimed
    own = run(press_canva, hurdle_irr=[0.2, 0.27])
    assert "aggregator" not in own.answer.finding.split(" on video revenue")[0]


def test_each_declared_assumption_source_holds_its_value_and_every_default_has_one(dataset):
    hurdles = dataset.return_hurdles.set_index("hurdle_id")
    for value, (file, row) in valuation.ASSUMPTION_SOURCES["hurdle_irr"].items():
        assert file == "return_hurdles" and hurdles.loc[row, "measure"] == "target_irr"
        assert float(hurdles.loc[row, "low"]) <= value <= float(hurdles.loc[row, "high"]), row
    for value, (file, row) in valuation.ASSUMPTION_SOURCES["years_to_exit"].items():
        assert file == "return_hurdles" and float(hurdles.loc[row, "hold_years"]) == value, row
    for value, (file, row) in valuation.ASSUMPTION_SOURCES["revenue_growth"].items():
        table = getattr(dataset, file)
        note = table[table[table.columns[0]] == row]["note"].iloc[0]
        assert f"{value:.0%}" in note, (row, note)
    for name, sources in valuation.ASSUMPTION_SOURCES.items():
        assert all(any(np.isclose(x, v) for v in sources) for x in DEFAULTS[name]), name


def test_the_peers_table_heads_a_tier_as_a_tier_never_as_a_count(dataset):
    """Review: its column of source tiers was headed 'Sole source of', the sources list's count of figures."""
    from prequel.present.labels import label

    shown = w.peers_shown(run(dataset).peers)
    assert "single_source" not in shown.columns and label("single_source_tier") == "Rests on one source of tier"
    assert set(shown["single_source_tier"]) <= {"", "primary", "secondary", "aggregator"}
