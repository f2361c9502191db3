"""The one demo-timing model (``demo_timing``) in-process: notebooks 03 and 04 give the same event under the
same reading and date one probability, q comes from the evidence ledger with its uncertainty, and the
operating model (04) run through its entry point prices what investors can see."""

import math

import numpy as np
import pytest
from conftest import REPO
from scipy import stats

from prequel.analysis import demo_timing as timing
from prequel.analysis import operations as ops
from prequel.analysis import predictions as pred
from prequel.declarations import check_parameters_then_load_data
from prequel.pipeline.sources import discover, parameters_cell

RUNWAY = "runway_demo_by_2027_06"
AS_OF = ("2026-06-01", "2026-11-24", "2027-03-15")


def _defaults(stem: str):
    notebook = next(n for n in discover(REPO / "notebooks") if n.stem == stem)
    source = parameters_cell(notebook.read(), notebook.stem).source
    return check_parameters_then_load_data({"In": ["", source], **{k: d.default for k, d in notebook.declared.items()}})


@pytest.fixture(scope="module")
def p03():
    return _defaults("03_prediction_timelines")


@pytest.fixture(scope="module")
def p04():
    params, data = _defaults("04_operational_tradeoffs")
    return params | {"n_sims": 2000, "interval_sets": 10}, data  # the demo's probability does not depend on them


@pytest.mark.parametrize("reading", ["strict", "lenient"])
@pytest.mark.parametrize("evidence", ["reported", "any"])
def test_03_and_04_publish_one_probability_for_runways_demo(p03, p04, reading, evidence):
    published = []
    for as_of in AS_OF:
        setting = {"as_of": as_of, "strictness": reading, "min_confidence": evidence}
        r03 = pred.analyse(p03[1], p03[0] | setting).results
        r04 = ops.analyse(p04[1], p04[0] | setting).results
        assert r04["p_runway_demo_by_2027_06"] == r03["probability"][RUNWAY], (as_of, reading, evidence)
        assert r04["p_runway_demo_by_2027_06_interval"] == r03["probability_interval"].get(RUNWAY)
        published.append(r03["probability"][RUNWAY])
    if (reading, evidence) == ("strict", "reported"):  # open at every date: a number, and it moves with as_of
        assert all(p is not None for p in published) and len(set(published)) > 1 or published[0] > published[-1]


def test_04s_simulated_demo_times_are_03s_model(p04):
    """The simulation's demo time, at the deadline, has 03's unrounded probability (closed form and draws)."""
    params, data = p04
    for as_of in AS_OF:
        p = params | {"as_of": as_of}
        a = ops.analyse(data, p).model
        claim = ops.demo_time_model(data, p, "strict", "reported")["claim"]
        deadline = ops.months_between(p["window_start"], "2027-06-30")
        by_deadline = 1 - float(
            ops.conditional_survival(
                deadline, a.demo_median_months, a.weibull_k, a.elapsed_months, a.p_never, a.demo_offset_months
            )
        )
        assert by_deadline == pytest.approx(claim.point, rel=1e-9)
        sims = ops.simulate(a, 200_000, 7, need_runway=False)
        share = float((sims["demo"] <= deadline).mean())
        assert abs(share - claim.point) < 4 * math.sqrt(claim.point * (1 - claim.point) / 200_000) + 1e-9


def test_04s_overrides_replace_the_shared_model_only_when_set(p04):
    params, data = p04
    shared = ops.demo_time_model(data, params, "strict", "reported")
    assert shared["draws"] and shared["p_never"] == 0.1 and shared["median"] > 100  # q near 0: a distant median
    override = ops.demo_time_model(data, params | {"demo_median_months": 9.0, "weibull_k": 1.5}, "strict", "reported")
    assert (override["median"], override["k"], override["draws"]) == (9.0, 1.5, ())


def test_q_is_estimated_from_the_ledger_with_its_uncertainty(p03):
    params, data = p03
    s = timing.Settings.of(params)
    strict = timing.qualifying_share(data.events, data.releases, RUNWAY, "runway", s)
    # none of Runway's 6 dated video and world-model releases met the strict reading by the snapshot
    assert (strict.qualifying, strict.releases, strict.basis) == (0, 6, "estimated from the ledger")
    assert strict.point == pytest.approx(0.5 / 7)
    assert (strict.low, strict.high) == pytest.approx(tuple(stats.beta.ppf([0.05, 0.95], 0.5, 6.5)))
    assert strict.low < np.median(strict.draws) < strict.high
    # the disputed manifesto counts under min_confidence=any: 1 of 6
    anything = timing.qualifying_share(data.events, data.releases, RUNWAY, "runway", s.__class__(
        **{**s.__dict__, "min_confidence": "any"}))  # fmt: skip
    assert (anything.qualifying, anything.point) == (1, pytest.approx(1.5 / 7))
    # leniently GWM-1 and Characters qualify (the engineering post about Characters, e07, is no new artefact): 2 of 6
    lenient = timing.qualifying_share(data.events, data.releases, RUNWAY, "runway", s.__class__(
        **{**s.__dict__, "reading": "lenient"}))  # fmt: skip
    assert (lenient.qualifying, lenient.releases) == (2, 6)
    # conditioned on as_of: before any Runway release in the data, the prior alone
    early = timing.qualifying_share(data.events, data.releases, RUNWAY, "runway", s.__class__(
        **{**s.__dict__, "as_of": "2024-01-01"}))  # fmt: skip
    assert (early.qualifying, early.releases, early.point) == (0, 0, 0.5)
    # the reader's q replaces the estimate
    given = timing.qualifying_share(data.events, data.releases, RUNWAY, "runway", s.__class__(
        **{**s.__dict__, "q_qualify": 0.4}))  # fmt: skip
    assert (given.point, given.low, given.high, given.basis) == (0.4, 0.4, 0.4, "set by parameter")


def test_the_interval_holds_the_judgement_inputs_uncertainty(p03):
    """With the fit fixed (median and shape set), the interval still spreads: q's posterior and p_never's range."""
    params, data = p03
    fixed = timing.Settings.of(params | {"median_months": 9.9, "weibull_k": 1.0})
    claim = timing.claim_probability(data, RUNWAY, fixed)
    assert claim.low < claim.point < claim.high and claim.high - claim.low > 0.1
    assert claim.timing.p_never_low == 0 and claim.timing.p_never_high == pytest.approx(0.2)
    # every input set: nothing left to spread
    q = claim.timing.q
    given = {"median_months": 9.9, "weibull_k": 1.0, "q_qualify": q, "p_never": 0.0}
    known = timing.claim_probability(data, RUNWAY, timing.Settings.of(params | given))
    assert known.low == pytest.approx(known.point) and known.high == pytest.approx(known.point)


def test_p_never_states_its_basis_and_range():
    assert timing.p_never_range(0.1) == (0.0, 0.2) and timing.p_never_range(0.7) == (0.0, 1.0)


def test_more_burn_never_makes_a_down_round_less_likely_through_the_entry_point(p04):
    params, data = p04
    low = ops.analyse(data, params | {"net_burn_monthly_usd": [10e6, 20e6]}).results
    high = ops.analyse(data, params | {"net_burn_monthly_usd": [40e6, 60e6]}).results
    assert high["p_down_round"] >= low["p_down_round"] and high["p_must_raise"] >= low["p_must_raise"]
    assert high["p_down_round"] > 0
