"""Prediction statuses, the time-to-event model, the censored fit and the scores."""

import math

import numpy as np
import pandas as pd
import pytest
from conftest import run_runner
from hypothesis import assume, given
from hypothesis import strategies as st

from prequel.analysis import predictions as pred

MADE, DEADLINE = pd.Timestamp("2026-04-29"), pd.Timestamp("2027-06-30")


def ledger(*events):
    """events: (date text, lenient effect, strict effect)."""
    from prequel.dates import parse_period_end

    return pd.DataFrame(
        [
            {"event_id": f"e{i}", "as_of_date": parse_period_end(d), "lenient": lenient, "strict": strict}
            for i, (d, lenient, strict) in enumerate(events)
        ],
        columns=["event_id", "as_of_date", "lenient", "strict"],
    )


def status(kind, events, as_of, reading="strict", grace=14):
    return pred.status_of(kind, MADE, DEADLINE, events, reading, pd.Timestamp(as_of), grace).status


@pytest.mark.parametrize(
    "as_of, expected",
    [
        ("2026-04-28", "not_yet_made"),
        ("2026-04-29", "open"),
        ("2027-06-30", "open"),
        ("2027-07-01", "overdue"),
        ("2027-07-14", "overdue"),
        ("2027-07-15", "resolved_no"),
    ],
)
def test_by_deadline_without_an_event(as_of, expected):
    assert status("by_deadline", ledger(), as_of) == expected


@pytest.mark.parametrize(
    "as_of, expected",
    [("2026-04-29", "open"), ("2027-06-30", "open"), ("2027-07-14", "open"), ("2027-07-15", "resolved_yes")],
)
def test_not_before_without_an_event(as_of, expected):
    assert status("not_before", ledger(), as_of) == expected


def test_by_deadline_resolves_yes_only_once_the_event_is_dated_by_as_of():
    events = ledger(("2026-09-15", "qualifies", "qualifies"))
    assert status("by_deadline", events, "2026-09-14") == "open"
    assert status("by_deadline", events, "2026-09-15") == "resolved_yes"
    assert status("by_deadline", events, "2030-01-01") == "resolved_yes"


def test_not_before_resolves_no_as_soon_as_the_event_happens():
    events = ledger(("2027-03-01", "qualifies", "qualifies"))
    assert status("not_before", events, "2027-02-28") == "open"
    assert status("not_before", events, "2027-03-01") == "resolved_no"


def test_an_event_after_the_deadline_does_not_count():
    events = ledger(("2027-07-05", "qualifies", "qualifies"))
    assert status("by_deadline", events, "2027-07-10") == "overdue"
    assert status("by_deadline", events, "2027-08-01") == "resolved_no"
    assert status("not_before", events, "2027-08-01") == "resolved_yes"


def test_month_precision_counts_from_the_end_of_the_month():
    events = ledger(("2026-09", "qualifies", "qualifies"))
    assert status("by_deadline", events, "2026-09-15") == "open"
    assert status("by_deadline", events, "2026-09-30") == "resolved_yes"
    late = ledger(("2027-06", "qualifies", "qualifies"))  # counts from 2027-06-30, inside the window
    assert status("by_deadline", late, "2027-07-01") == "resolved_yes"


def test_an_event_before_the_prediction_makes_it_ambiguous_in_that_reading_only():
    events = ledger(("2025-12", "qualifies", "no"))
    assert status("by_deadline", events, "2026-05-01", "lenient") == "ambiguous"
    assert status("by_deadline", events, "2026-05-01", "strict") == "open"
    assert status("not_before", events, "2026-05-01", "lenient") == "ambiguous"


def test_a_broken_premise_annuls():
    events = ledger(("2026-03-24", "no", "breaks_premise"))
    assert status("by_deadline", events, "2026-04-28", "strict") == "not_yet_made"
    assert status("by_deadline", events, "2026-05-01", "strict") == "annulled"
    assert status("by_deadline", events, "2026-05-01", "lenient") == "open"


def test_grace_period_length_is_a_parameter():
    assert status("by_deadline", ledger(), "2027-07-10", grace=0) == "resolved_no"
    assert status("by_deadline", ledger(), "2027-07-10", grace=30) == "overdue"


# ---- the model -------------------------------------------------------------------------


def test_exponential_matches_its_closed_form():
    eta = 12.0
    assert pred.p_event_between(0, 6, eta, 1.0) == pytest.approx(1 - math.exp(-6 / eta))
    # memoryless: the window's probability does not depend on where it starts
    assert pred.p_event_between(10, 16, eta, 1.0) == pytest.approx(1 - math.exp(-6 / eta))


def test_weibull_matches_its_closed_form_with_thinning_and_never():
    eta, k, q, never = 10.0, 1.5, 0.4, 0.2

    def s(t):
        return never + (1 - never) * math.exp(-q * (t / eta) ** k)

    assert pred.p_event_between(3, 9, eta, k, q, never) == pytest.approx(1 - s(9) / s(3))
    assert pred.scale_from_median(10, 1.5) * math.log(2) ** (1 / 1.5) == pytest.approx(10)
    assert float(
        pred.survival(pred.scale_from_median(7, 2.0) * math.log(2) ** 0.5, pred.scale_from_median(7, 2.0), 2.0)
    ) == pytest.approx(0.5)


def test_censored_fit_recovers_the_scale():
    rng = np.random.default_rng(7)
    eta, k = 15.0, 1.5
    times = eta * rng.weibull(k, 20000)
    censor = rng.uniform(0, 40, times.size)
    observed = times <= censor
    fitted = pred.fit_scale(np.minimum(times, censor), observed, k)
    assert fitted == pytest.approx(eta, rel=0.03)
    # exponential: events over exposure
    assert pred.fit_scale([1, 2, 3, 4], [True, False, True, False], 1.0) == pytest.approx(10 / 2)


def test_censored_fit_needs_an_event():
    with pytest.raises(ValueError):
        pred.fit_scale([1.0, 2.0], [False, False], 1.5)


@given(
    a=st.floats(0, 60),
    span=st.floats(0, 60),
    eta=st.floats(0.5, 100),
    k=st.floats(0.3, 5),
    q=st.floats(0, 1),
    never=st.floats(0, 1),
)
def test_probability_is_a_probability(a, span, eta, k, q, never):
    p = pred.p_event_between(a, a + span, eta, k, q, never)
    assert -1e-12 <= p <= 1 + 1e-12


@given(
    d=st.floats(1, 60),
    eta=st.floats(0.5, 100),
    k=st.floats(0.3, 5),
    q=st.floats(0.01, 1),
    never=st.floats(0, 0.99),
    a1=st.floats(0, 1),
    a2=st.floats(0, 1),
)
def test_probability_does_not_grow_as_as_of_nears_the_deadline(d, eta, k, q, never, a1, a2):
    early, late = sorted((a1 * d, a2 * d))
    assume(late - early > 1e-6)
    assert pred.p_event_between(late, d, eta, k, q, never) <= pred.p_event_between(early, d, eta, k, q, never) + 1e-9


def test_scores():
    assert pred.brier(0.85, True) == pytest.approx(0.0225)
    assert pred.brier(0.85, False) == pytest.approx(0.7225)
    assert pred.log_score(0.85, True) == pytest.approx(math.log(0.85))
    assert pred.log_score(1.0, False) == -math.inf


def test_reference_class_lags_are_positive_and_censored_at_the_snapshot(dataset):
    lags = pred.answer_lags(dataset.releases, "2026-11-24")
    assert (lags["months"] > 0).all() and lags["observed"].any() and (~lags["observed"]).any()


# ---- through the runner -----------------------------------------------------------------

EXPECTED = {  # as_of -> {prediction: (lenient, strict)}
    "2026-05-01": {
        "runway_demo_by_2027_06": ("ambiguous", "open"),
        "openai_demo_by_2027_12": ("open", "annulled"),
        "google_no_product_before_2028": ("ambiguous", "open"),
    },
    "2026-07-01": {
        "runway_demo_by_2027_06": ("ambiguous", "resolved_yes"),
        "openai_demo_by_2027_12": ("open", "annulled"),
        "google_no_product_before_2028": ("ambiguous", "open"),
    },
    "2027-07-10": {
        "runway_demo_by_2027_06": ("ambiguous", "resolved_yes"),
        "openai_demo_by_2027_12": ("open", "annulled"),
        "google_no_product_before_2028": ("ambiguous", "open"),
    },
    "2028-01-10": {
        "runway_demo_by_2027_06": ("ambiguous", "resolved_yes"),
        "openai_demo_by_2027_12": ("overdue", "annulled"),
        "google_no_product_before_2028": ("ambiguous", "open"),
    },
    "2028-06-30": {
        "runway_demo_by_2027_06": ("ambiguous", "resolved_yes"),
        "openai_demo_by_2027_12": ("resolved_no", "annulled"),
        "google_no_product_before_2028": ("ambiguous", "resolved_yes"),
    },
}


@pytest.mark.slow
@pytest.mark.parametrize("as_of", sorted(EXPECTED))
def test_statuses_through_the_runner(tmp_path, as_of):
    """One run per date: the headline reading alternates, and both readings are checked every time."""
    import json

    reading = "lenient" if sorted(EXPECTED).index(as_of) % 2 else "strict"
    index = ("lenient", "strict").index(reading)
    result = run_runner("03", "--out", str(tmp_path / "out"), "-p", f"as_of={as_of}", "-p", f"strictness={reading}")
    assert result.returncode == 0, result.stderr
    results = json.loads((tmp_path / "out" / "summary.json").read_text())["notebooks"]["03_prediction_timelines"][
        "results"
    ]
    assert results["as_of"] == as_of and results["strictness"] == reading
    assert results["status"] == {pid: pair[index] for pid, pair in EXPECTED[as_of].items()}
    for i, name in enumerate(("lenient", "strict")):
        assert results["status_by_reading"][name] == {pid: pair[i] for pid, pair in EXPECTED[as_of].items()}
    for pid, state in results["status"].items():
        assert (results["probability"][pid] is None) == (state not in ("open", "not_yet_made"))
        assert (results["brier"][pid] is None) == (state not in ("resolved_yes", "resolved_no"))


def test_counted_events_filters_by_prediction_reading_date_and_confidence():
    events = pd.DataFrame(
        [
            ("a2", "p", "2026-06", "qualifies", "no", "reported"),
            ("a1", "p", "2026-05-04", "qualifies", "qualifies", "reported"),
            ("a3", "p", "2026-05-10", "qualifies", "qualifies", "disputed"),
            ("a4", "q", "2026-05-01", "qualifies", "qualifies", "reported"),
            ("a5", "p", "2026-05-02", "no", "breaks_premise", "reported"),
        ],
        columns=["event_id", "prediction_id", "as_of", "lenient", "strict", "confidence"],
    )
    ids = lambda *args: pred.counted_events(events, *args)["event_id"].tolist()  # noqa: E731
    assert ids("p", "2026-11-24", "lenient", "any") == ["a1", "a3", "a2"]
    assert ids("p", "2026-11-24", "lenient", "reported") == ["a1", "a2"]
    assert ids("p", "2026-11-24", "strict", "any") == ["a1", "a3"]
    assert ids("p", "2026-11-24", "strict", "reported") == ["a1"]
    # a month-dated event counts from the end of its month
    assert ids("p", "2026-06-29", "lenient", "reported") == ["a1"]
    assert ids("p", "2026-06-30", "lenient", "reported") == ["a1", "a2"]
    assert ids("p", "2026-05-03", "lenient", "any") == []
    with pytest.raises(ValueError):
        pred.counted_events(events, "p", "2026-11-24", "lenient", "estimated")
