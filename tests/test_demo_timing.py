"""The one demo-timing model (``demo_timing``) in-process: notebooks 03 and 04 give the same event under the
same reading and date one probability, q comes from the evidence ledger with its uncertainty, and the
operating model (04) run through its entry point prices what investors can see."""

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from conftest import REPO
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from prequel.analysis import demo_timing as timing
from prequel.analysis import operations as ops
from prequel.analysis import predictions as pred
from prequel.declarations import check_parameters_then_load_data, parameters_cell
from prequel.pipeline.sources import discover

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
    # the disputed manifesto counts under min_confidence=any, but it is no release: x counts only what n holds
    anything = timing.qualifying_share(data.events, data.releases, RUNWAY, "runway", s.__class__(
        **{**s.__dict__, "min_confidence": "any"}))  # fmt: skip
    assert (anything.qualifying, anything.releases, anything.point) == (0, 6, pytest.approx(0.5 / 7))
    # leniently GWM-1 (e03) matches its release; Characters (e21) is a release of kind "other", not in n: 1 of 6
    lenient = timing.qualifying_share(data.events, data.releases, RUNWAY, "runway", s.__class__(
        **{**s.__dict__, "reading": "lenient"}))  # fmt: skip
    assert (lenient.qualifying, lenient.releases, lenient.matched) == (1, 6, ("e03",))
    # world-model releases only: GWM-1 is 1 of 1
    only_wm = timing.qualifying_share(data.events, data.releases, RUNWAY, "runway", s.__class__(
        **{**s.__dict__, "reading": "lenient"}), kinds=("world_model",))  # fmt: skip
    assert (only_wm.qualifying, only_wm.releases) == (1, 1)
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


# ---- one rounding rule (review 23, defect 4) -------------------------------------------------------------


def test_one_rounding_rule_never_reads_3_as_5_nor_a_positive_chance_as_0():
    from prequel.results import format_value

    declared = pred.RESULTS["probability"]
    assert declared.digits == timing.PROBABILITY_DIGITS
    cases = {0.031: (0.03, "3%"), 0.021: (0.02, "2%"), 0.0042: (0.004, "under 1%"), 0.674: (0.67, "67%"),
             0.095: (0.1, "10%"), 0.00049: (0.0005, "under 1%"), 0.0: (0.0, "0%"), 1.0: (1.0, "100%"),
             0.9962: (0.996, "over 99%")}  # fmt: skip
    for p, (published, shown) in cases.items():
        assert timing.round_probability(p) == published, p
        assert format_value(declared, timing.round_probability(p)) == shown == format_value(declared, p), p
    assert timing.round_interval(0.0042, 0.118) == (0.004, 0.12)
    assert timing.round_interval(0.02, 0.03) == (0.02, 0.03)  # already on the grid: unchanged


@given(st.floats(1e-6, 1.0))
def test_property_a_published_probability_is_within_half_a_point_and_never_zero(p):
    published = timing.round_probability(p)
    assert published > 0 and abs(published - p) <= 0.005 + 1e-12
    low, high = timing.round_interval(p, p)
    assert 0 < low <= published <= high


# ---- no look-ahead (review 23, defect 6) ---------------------------------------------------------------


def _with_release(data, day: str):
    """The data with one more Runway video release, first reported on ``day``."""
    extra = data.releases[data.releases["release_id"] == "runway_gen_4"].assign(
        release_id="runway_later", announced_date=day, as_of=day, as_of_date=pd.Timestamp(day)
    )
    return dataclasses.replace(data, releases=pd.concat([data.releases, extra], ignore_index=True))


def test_the_fit_uses_only_releases_known_by_as_of_censored_there(p03):
    params, data = p03
    fit = timing.fit_reference_class(data.releases, "weibull", None, None, "2026-06-01")
    assert fit.known_by == pd.Timestamp("2026-06-01")
    known = data.releases[data.releases["as_of_date"] <= pd.Timestamp("2026-06-01")]
    assert set(fit.gaps["from_release"]) <= set(known["release_id"])
    latest = fit.gaps[~fit.gaps["observed"]]
    assert len(latest) and (latest["months"] > 0).all()
    assert fit.eta != timing.fit_reference_class(data.releases, "weibull", None, None).eta  # the snapshot's differs


def test_a_release_reported_after_as_of_moves_no_probability_at_as_of(p03):
    params, data = p03
    later = _with_release(data, "2026-09-15")
    s = timing.Settings.of(params | {"as_of": "2026-06-01"})
    before, after = timing.claim_probability(data, RUNWAY, s), timing.claim_probability(later, RUNWAY, s)
    assert (after.point, after.low, after.high) == (before.point, before.low, before.high)
    # at the snapshot the new release is known and enters (the check can fail)
    now = timing.Settings.of(params)
    assert timing.claim_probability(later, RUNWAY, now).point != timing.claim_probability(data, RUNWAY, now).point


def test_the_probability_when_made_uses_what_was_known_on_the_made_date(p03):
    params, data = p03
    s = timing.Settings.of(params)
    made = timing.probability_when_made(data, RUNWAY, s)
    assert made == timing.probability_when_made(_with_release(data, "2026-09-15"), RUNWAY, s)
    assert made == timing.claim_probability(data, RUNWAY, timing.Settings.of(params | {"as_of": "2026-04-29"})).point
    table = pred.analyse(data, params).probability_table
    assert table.loc["Runway: world-model demo by June 2027", "model_p_when_made"] == timing.round_probability(made)


# ---- structural uncertainty (review 23, defect 5) -------------------------------------------------------


def test_the_interval_spans_every_structural_choice(p03):
    params, data = p03
    for reading in ("strict", "lenient"):
        claim = timing.claim_probability(
            data, "openai_demo_by_2027_12", timing.Settings.of(params | {"strictness": reading})
        )
        sweep = claim.sweep
        assert len(sweep) == len(timing.PRIORS) * len(timing.DENOMINATORS) * len(timing.CADENCES)
        assert (sweep["qualifying"] <= sweep["releases"]).all()
        fitted = sweep["probability"].dropna()
        assert fitted.nunique() > 2  # the choices matter, and each is shown
        assert claim.low <= fitted.min() and fitted.max() <= claim.high
        assert claim.low <= claim.point <= claim.high
    # Runway strict at the snapshot: the uniform prior and the company's own pace give more than the default
    runway = timing.claim_probability(data, RUNWAY, timing.Settings.of(params)).sweep.set_index(
        ["denominator", "cadence", "prior"])["probability"]  # fmt: skip
    default = runway[("video and world-model releases", "reference class", "Jeffreys Beta(1/2, 1/2)")]
    assert default == pytest.approx(timing.claim_probability(data, RUNWAY, timing.Settings.of(params)).point)
    assert runway[("video and world-model releases", "company's own", "uniform Beta(1, 1)")] > default


def test_a_structural_choice_outside_the_draws_widens_the_published_interval(p03):
    """Pace set and p_never 0: the draws vary q alone, and the world-model-only denominator (no OpenAI
    world-model release yet: the prior's 1/2) lies above their 95%; the published interval reaches it."""
    params, data = p03
    s = timing.Settings.of(params | {"median_months": 9.9, "weibull_k": 1.0, "p_never": 0.0})
    claim = timing.claim_probability(data, "openai_demo_by_2027_12", s)
    c = pred.with_dates(data.predictions).set_index("prediction_id").loc["openai_demo_by_2027_12"]
    _, draws_high = claim.timing.interval(c.kind, c.made_date, c.deadline_date, s.as_of)
    assert claim.high == claim.sweep["probability"].max() > draws_high
