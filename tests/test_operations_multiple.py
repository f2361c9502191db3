"""Notebook 04's peer multiple and implied multiple come from notebook 06's functions (issues 23 and 27: 04 and 06
never disagree), in-process: the default range is 06's private AI class range for the same as_of and evidence
setting (by default none: every private peer rests on aggregator pages alone); a stated range overrides it; with no
peer counted the revenue case is not priced, and the page says so; 04's implied multiple is 06's for the same
valuation and run-rate range."""

import numpy as np
import pytest
from conftest import REPO

from prequel.analysis import operations as ops
from prequel.analysis import operations_words as words
from prequel.analysis import valuation
from prequel.analysis.valuation_words import MONEY, TIMES, ends
from prequel.declarations import check_parameters_then_load_data, parameters_cell
from prequel.pipeline.sources import discover
from prequel.results import format_value

OPERATIONS, VALUATION = "04_operational_tradeoffs", "06_valuation"
FAST = {"n_sims": 500, "interval_sets": 10}  # the multiple does not depend on the simulation's size


def checked(stem: str, **changes) -> tuple[dict, object]:
    """A notebook's declared defaults with ``changes``, checked as its check cell checks them."""
    notebook = next(n for n in discover(REPO / "notebooks") if n.stem == stem)
    source = parameters_cell(notebook.read(), stem).source
    values = {k: d.default for k, d in notebook.declared.items()} | changes
    return check_parameters_then_load_data({"In": ["", source], **values})


def class_range_of_06(as_of: str, include_aggregator: bool) -> tuple[float, float] | None:
    params, data = checked(VALUATION, as_of=as_of, include_aggregator=include_aggregator, multiple_class="private_ai")
    stats = valuation.analyse(data, params).results["peer_multiple_by_class"].get("private_ai")
    return None if stats is None else (stats["low"], stats["high"])


@pytest.fixture(scope="module")
def default_04():
    params, data = checked(OPERATIONS, **FAST)
    return params, data, ops.analyse(data, params)


def test_the_default_multiple_is_notebook_06s_private_class_range(default_04):
    """By default 06 counts no private peer (each rests on aggregator pages alone): 04 does not price the revenue
    case either, and says so."""
    params, _, a = default_04
    assert class_range_of_06(params["as_of"], include_aggregator=False) is None
    assert a.model.peer_revenue_multiple == ops.NO_PEER_MULTIPLE and a.results["peer_multiple_basis"] == "not_priced"
    assert a.results["peer_multiple_peers"] == [] and "not priced" in a.text.multiple
    # the down round says so beside its chance, never that revenue at no multiple stays below the post-money
    down = next(d for d in a.answer.details if d.startswith("A down round"))
    assert words.NOT_PRICED in down and "revenue times the peer multiple" not in down
    assert (
        "Chance of a down round, revenue not priced",
        "p_down_round",
        "p_down_round_interval",
    ) in a.answer.key_numbers


def test_with_aggregator_pages_counted_04_takes_06s_range_and_names_its_peers():
    params, data = checked(OPERATIONS, min_confidence="any", **FAST)
    a = ops.analyse(data, params)
    expected = class_range_of_06(params["as_of"], include_aggregator=True)
    assert expected is not None and a.model.peer_revenue_multiple == pytest.approx(expected, rel=1e-12)
    assert a.results["peer_revenue_multiple"] == pytest.approx(list(expected), rel=1e-12)
    assert a.results["peer_multiple_basis"] == "peers" and a.results["peer_multiple_peers"]
    for peer in a.results["peer_multiple_peers"]:  # the page names the peers the range rests on
        assert peer in a.assumptions.set_index("assumption").loc["peer revenue multiple at a raise", "distribution"]
        assert peer in a.text.multiple.replace("\\", "")  # markdown escapes its brackets: 'Kling \\(Kuaishou\\)'


@pytest.mark.parametrize("as_of", ["2026-11-24", "2026-06-30", "2025-09-30"])
@pytest.mark.parametrize("evidence", ["any", "reported"])
def test_each_as_of_and_evidence_setting_takes_06s_range_for_the_same_setting(dataset, as_of, evidence):
    expected = class_range_of_06(as_of, include_aggregator=evidence == "any")
    got = ops.peer_multiple(dataset, as_of, evidence, None)
    if expected is None:  # 06 counts no private peer then: neither does 04
        assert got["basis"] == "not_priced" and got["range"] == ops.NO_PEER_MULTIPLE
    else:
        assert got["basis"] == "peers" and got["range"] == pytest.approx(expected, rel=1e-12)
    assert (expected is None) == (evidence == "reported")  # the data: private peers on aggregator pages alone


def test_a_stated_range_overrides_the_peers(dataset):
    assert ops.peer_multiple(dataset, "2026-11-24", "reported", [5, 7]) == {
        "range": (5.0, 7.0), "basis": "parameter", "peers": None
    }  # fmt: skip
    params, data = checked(OPERATIONS, peer_revenue_multiple=[5, 7], **FAST)
    a = ops.analyse(data, params)
    assert a.model.peer_revenue_multiple == (5.0, 7.0) and a.results["peer_multiple_basis"] == "parameter"
    assert a.results["peer_multiple_peers"] == [] and "set in the rerun block" in a.text.multiple


def test_with_no_peer_counted_the_revenue_case_is_not_priced_and_the_page_says_so(dataset):
    early = ops.peer_multiple(dataset, "2000-01-01", "any", None)
    assert early["basis"] == "not_priced" and early["range"] == ops.NO_PEER_MULTIPLE
    said = words.peer_multiple_words(early, "2000-01-01", "any")
    assert "no peer counts" in said and "not priced" in said and "aggregator-only figures counted" in said
    # a raise then is priced on the thesis alone: at the post-money when a demo was shown, cut when not
    a = ops.Assumptions(
        (1e6, 1e6), (20e6, 20e6), (90e6, 90e6), 0.5, 0.3, (12, 18), 10, 1.5, (0.4, 0.4), early["range"], 5.3e9
    )
    sims = ops.simulate(a, 2000, 7)
    raised = sims["must_raise"]
    thesis = np.where(sims["demo_shown_at_raise"], 5.3e9, 5.3e9 * 0.6)
    assert raised.any() and np.allclose(sims["price_at_raise"][raised], thesis[raised])


def test_one_peer_is_called_thin(dataset):
    peers = valuation.peer_ranges(dataset, ops.PEER_CLASS, "2026-11-24", True).head(1)
    one = {"range": (peers["low"].iloc[0], peers["high"].iloc[0]), "basis": "peers", "peers": peers}
    assert "one peer only" in words.peer_multiple_words(one, "2026-11-24", "reported")


def test_04_and_06_publish_one_multiple_for_the_round_and_one_growth_for_runway(default_04):
    """Issue 25: 04 gave the multiple on the run-rate at its window's start (33-45x), 06 at the round's date
    (38-48x), and Runway's growth as 65% against 06's 66%: with their defaults the two declared results agree, and
    04's page says the round's date. A stated run-rate at the window's start does not change the round's multiple."""
    params06, data = checked(VALUATION)
    v = valuation.analyse(data, params06)
    implied = v.results["implied_multiple_range"]
    params04, _, a = default_04
    assert a.model.post_money_usd == v.results["valuation_usd"]
    assert a.results["implied_revenue_multiple_interval"] == pytest.approx([implied["low"], implied["high"]], rel=1e-12)
    span = ends(TIMES, a.results["implied_revenue_multiple_interval"])  # both pages show one range, rounded alike
    rates = ends(MONEY, list(v.results["run_rate_at_round_usd"].values()))
    assert v.results["round_date"] in a.text.multiple and f"paid **{span}**" in a.text.multiple
    assert rates in a.text.multiple and f"paid {span} it" in " ".join(v.answer.details)
    stated = ops.analyse(data, checked(OPERATIONS, arr_usd=[1e8, 2e8], **FAST)[0])
    assert stated.results["implied_revenue_multiple_interval"] == a.results["implied_revenue_multiple_interval"]
    runway = v.growth.set_index("company").loc["Runway", "growth_per_year"]
    growth_06 = format_value(valuation.RESULTS["growth_for_half"], runway)
    assert format_value(valuation.RESULTS["growth_for_half"], params04["arr_growth_annual"]) == growth_06 == "66%"


def test_with_no_run_rate_before_the_round_04_implies_no_multiple(dataset):
    """The round known on 2025-01-01 (Series C extension, 2023) has no reported run-rate before it."""
    assert ops.paid_multiple(dataset, "2025-01-01", (0.4, 1.0), False) is None
    assert "No multiple is implied" in words.paid_words(None, {})
