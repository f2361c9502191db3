"""Prediction timelines: status rules, a transparent time-to-event model, and scores.

Status of a prediction as of a date ``a`` (made date m, deadline D, grace g, reading r), in order:
  not_yet_made  a < m
  annulled      an event marked ``breaks_premise`` under r is dated on or before a
  ambiguous     a qualifying event under r predates m (it was met or refuted before it was made)
  by_deadline:  resolved_yes if a qualifying event e <= min(a, D); open while a <= D;
                overdue for D < a <= D + g; resolved_no after
  not_before:   resolved_no once a qualifying event e <= min(a, D); resolved_yes after D + g; open before
Only events dated on or before ``a`` count; a month-dated event counts from the end of its month.

Probability model (time t in months from the made date): qualifying releases arrive with cumulative
hazard q * H(t), H(t) = (t / eta)^k (k = 1: constant hazard), and with probability p_never the event
never happens at all, so the survival is S(t) = p_never + (1 - p_never) * exp(-q * H(t)) and
P(event in (a, D] | none by a) = 1 - S(D) / S(a).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..dates import parse_period_end

STATUSES = ("not_yet_made", "annulled", "ambiguous", "open", "overdue", "resolved_yes", "resolved_no")
READINGS = ("lenient", "strict")
MIN_CONFIDENCE = ("reported", "any")
DAYS_PER_MONTH = 365.25 / 12
#: A stated words-to-probability scale for the article's unhedged wording (a judgement, shown in the notebook).
WORDS_TO_PROBABILITY = {"will": 0.85, "will not": 0.85, "likely": 0.7, "may": 0.5, "unlikely": 0.3}


@dataclass(frozen=True)
class Status:
    status: str
    deciding_event: str | None = None  # event_id
    deciding_date: pd.Timestamp | None = None


def _event_dates(events: pd.DataFrame) -> pd.Series:
    """The date each event counts from: ``as_of_date`` when the loader made it, else the end of the
    period its ``as_of`` (or ``event_date``) names (a month-dated event counts from the end of its month)."""
    if "as_of_date" in events.columns:
        return pd.to_datetime(events["as_of_date"])
    column = "as_of" if "as_of" in events.columns else "event_date"
    return events[column].map(parse_period_end)


def counted_events(events: pd.DataFrame, prediction_id: str, as_of, reading: str, min_confidence: str) -> pd.DataFrame:
    """The events of ``prediction_id`` that qualify under ``reading`` ("lenient" or "strict"), are dated on
    or before ``as_of`` (a month-dated event counts from the end of its month) and pass ``min_confidence``
    ("reported": only events whose confidence is ``reported``; "any": all), sorted by date then event id.

    The one rule for "which evidence counts", shared by the status logic (notebook 03) and the
    operational model's "is a demonstration already known" (notebook 04)."""
    if reading not in READINGS:
        raise ValueError(f"reading must be one of {READINGS}, got {reading!r}")
    if min_confidence not in MIN_CONFIDENCE:
        raise ValueError(f"min_confidence must be one of {MIN_CONFIDENCE}, got {min_confidence!r}")
    dates = _event_dates(events)
    keep = events["prediction_id"] == prediction_id
    keep &= (events[reading] == "qualifies") & (dates <= pd.Timestamp(as_of))
    if min_confidence == "reported":
        keep &= events["confidence"] == "reported"
    out = events[keep].assign(as_of_date=dates[keep])
    return out.sort_values(["as_of_date", "event_id"], kind="stable").reset_index(drop=True)


def status_of(
    kind: str,
    made: pd.Timestamp,
    deadline: pd.Timestamp,
    events: pd.DataFrame,
    reading: str,
    as_of: pd.Timestamp,
    grace_days: int,
) -> Status:
    """The status of one prediction. ``events`` needs columns event_id, as_of_date, and one per reading."""
    if reading not in READINGS:
        raise ValueError(f"reading must be one of {READINGS}, got {reading!r}")
    as_of, made, deadline = pd.Timestamp(as_of), pd.Timestamp(made), pd.Timestamp(deadline)
    if as_of < made:
        return Status("not_yet_made")
    known = events[events["as_of_date"] <= as_of].sort_values(["as_of_date", "event_id"], kind="stable")
    broken = known[known[reading] == "breaks_premise"]
    if len(broken):
        return Status("annulled", broken["event_id"].iloc[0], broken["as_of_date"].iloc[0])
    qualifying = known[known[reading] == "qualifies"]
    early = qualifying[qualifying["as_of_date"] < made]
    if len(early):
        return Status("ambiguous", early["event_id"].iloc[0], early["as_of_date"].iloc[0])
    in_window = qualifying[qualifying["as_of_date"] <= deadline]
    end_of_grace = deadline + pd.Timedelta(days=grace_days)
    if kind == "by_deadline":
        if len(in_window):
            return Status("resolved_yes", in_window["event_id"].iloc[0], in_window["as_of_date"].iloc[0])
        if as_of <= deadline:
            return Status("open")
        return Status("overdue") if as_of <= end_of_grace else Status("resolved_no")
    if kind == "not_before":
        if len(in_window):
            return Status("resolved_no", in_window["event_id"].iloc[0], in_window["as_of_date"].iloc[0])
        return Status("resolved_yes") if as_of > end_of_grace else Status("open")
    raise ValueError(f"unknown kind {kind!r}")


def statuses(predictions: pd.DataFrame, events: pd.DataFrame, as_of, grace_days: int) -> pd.DataFrame:
    """Status of every prediction under both readings."""
    rows = []
    for p in predictions.itertuples():
        own = events[events["prediction_id"] == p.prediction_id]
        for reading in READINGS:
            s = status_of(
                p.kind,
                parse_period_end(p.made_on),
                parse_period_end(p.deadline),
                own,
                reading,
                pd.Timestamp(as_of),
                grace_days,
            )
            rows.append(
                {
                    "prediction_id": p.prediction_id,
                    "reading": reading,
                    "status": s.status,
                    "deciding_event": s.deciding_event,
                    "deciding_date": None if s.deciding_date is None else f"{s.deciding_date:%Y-%m-%d}",
                }
            )
    return pd.DataFrame(rows)


# ---- the time-to-event model ---------------------------------------------------------------


def months_between(start, end) -> float:
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / DAYS_PER_MONTH


def scale_from_median(median_months: float, k: float) -> float:
    """Weibull scale eta whose median is ``median_months`` (k = 1: the exponential)."""
    if median_months <= 0 or k <= 0:
        raise ValueError("median and shape must be positive")
    return median_months / math.log(2) ** (1 / k)


def survival(t, eta: float, k: float, q: float = 1.0, p_never: float = 0.0):
    """P(no qualifying event by t months); t may be an array; t <= 0 gives 1."""
    t = np.maximum(np.asarray(t, dtype=float), 0.0)
    return p_never + (1 - p_never) * np.exp(-q * (t / eta) ** k)


def p_event_between(a: float, d: float, eta: float, k: float, q: float = 1.0, p_never: float = 0.0) -> float:
    """P(a qualifying event in (a, d] months | none by a)."""
    if d <= a:
        return 0.0
    s_a = float(survival(a, eta, k, q, p_never))
    return 0.0 if s_a == 0 else float(1 - survival(d, eta, k, q, p_never) / s_a)


def fit_scale(durations: np.ndarray, observed: np.ndarray, k: float) -> float:
    """Censored maximum-likelihood Weibull scale for a fixed shape k (closed form):
    eta^k = sum(t_i^k) / (number of observed events); k = 1 gives the exponential's mean."""
    durations, observed = np.asarray(durations, float), np.asarray(observed, bool)
    if observed.sum() == 0:
        raise ValueError("no observed events to fit")
    return float((np.sum(durations**k) / observed.sum()) ** (1 / k))


def answer_lags(releases: pd.DataFrame, snapshot, kinds=("video", "world_model")) -> pd.DataFrame:
    """Reference class: for each dated release by one company and each other company that releases
    models of any kind, the months until that company's next release of the same kind, censored at the
    snapshot date when it has none."""
    dated = releases[releases["announced_date"].notna() & releases["kind"].isin(kinds)]
    companies = sorted(dated["company_id"].unique())
    rows = []
    for r in dated.itertuples():
        for other in companies:
            if other == r.company_id:
                continue
            later = dated[
                (dated["company_id"] == other) & (dated["kind"] == r.kind) & (dated["as_of_date"] > r.as_of_date)
            ]
            if len(later):
                rows.append(
                    {
                        "release_id": r.release_id,
                        "answered_by": other,
                        "kind": r.kind,
                        "observed": True,
                        "months": months_between(r.as_of_date, later["as_of_date"].min()),
                    }
                )
            else:
                rows.append(
                    {
                        "release_id": r.release_id,
                        "answered_by": other,
                        "kind": r.kind,
                        "observed": False,
                        "months": months_between(r.as_of_date, snapshot),
                    }
                )
    lags = pd.DataFrame(rows)
    return lags[lags["months"] > 0].reset_index(drop=True)


def model_probability(kind: str, made, deadline, as_of, eta: float, k: float, q: float, p_never: float) -> float:
    """P(the claim resolves yes | no qualifying event by as_of), from the made date's clock."""
    start = max(0.0, months_between(made, as_of))
    end = months_between(made, deadline)
    p_event = p_event_between(start, end, eta, k, q, p_never)
    return p_event if kind == "by_deadline" else 1 - p_event


def cumulative_curve(kind: str, made, deadline, as_of, eta, k, q, p_never, horizon_end) -> pd.DataFrame:
    """P(event by date t | none by as_of) for t from as_of to horizon_end (monthly), for the chart."""
    start = pd.Timestamp(max(pd.Timestamp(made), pd.Timestamp(as_of)))
    dates = pd.date_range(start, pd.Timestamp(horizon_end), freq="MS")
    a = months_between(made, start)
    values = [p_event_between(a, months_between(made, d), eta, k, q, p_never) for d in dates]
    return pd.DataFrame({"date": dates, "p_event_by_date": values})


# ---- scores ----------------------------------------------------------------------------------


def brier(p_yes: float, outcome_yes: bool) -> float:
    return (p_yes - float(outcome_yes)) ** 2


def log_score(p_yes: float, outcome_yes: bool) -> float:
    """Natural log of the probability given to what happened (0 is perfect; -inf for certainty that failed)."""
    p = p_yes if outcome_yes else 1 - p_yes
    return math.log(p) if p > 0 else -math.inf


MIN_RESOLVED_FOR_CALIBRATION = 20
