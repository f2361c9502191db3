"""Prediction timelines: evidence rules, status rules, a transparent time-to-event model, and scores.

Which evidence counts (``counted_events``, the one rule shared with notebook 04): an event counts for a
prediction under reading r when it is marked ``qualifies`` (or, for annulment, ``breaks_premise``) under r,
is dated on or before the status date ``a`` (a month-dated event counts from the end of its month), and
passes ``min_confidence`` ("reported": only events whose confidence is ``reported``; "any": all).

Status of a prediction as of ``a`` (made date m, deadline D, grace g, reading r), rules in this order:
  1. Unconfirmed evidence never settles a claim. Under min_confidence "reported" an ``estimated`` or
     ``disputed`` event decides nothing; when counting it would change the status it is reported beside
     the status as *pending confirmation* (``pending``, ``if_confirmed``).
  2. The window decides first. The first counted qualifying event e in [m, D] decides: by_deadline ->
     resolved_yes, not_before -> resolved_no. Only when nothing in the window decides does a counted
     qualifying event before m make the claim ``ambiguous`` (met or refuted before it was made); earlier
     events beside an in-window decision are reported as ``earlier``.
  3. Annulled means the question's premise broke, nothing less: ``annulled`` when a counted
     ``breaks_premise`` event dated on or before min(a, D) precedes every counted in-window qualifying
     event (a premise that breaks after the claim was decided does not undo the decision).
  Otherwise: not_yet_made while a < m; by_deadline: open while a <= D, overdue for D < a <= D + g,
  resolved_no after; not_before: open until D + g, resolved_yes after.

Probability model (time t in months from the made date): qualifying releases arrive with cumulative
hazard q * H(t), H(t) = (t / eta)^k (k = 1: constant hazard), and with probability p_never the event
never happens at all, so the survival is S(t) = p_never + (1 - p_never) * exp(-q * H(t)) and
P(event in (a, D] | none by a) = 1 - S(D) / S(a). The shape k and scale eta are fitted by censored
maximum likelihood to the gaps between consecutive releases of one kind by one company (``release_gaps``);
their uncertainty is a bootstrap over releases with a fixed seed (``bootstrap_fits``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar

from ..dates import parse_period_end
from ..results import Analysis, Result, declare, range_text

if TYPE_CHECKING:
    from ..data import Dataset

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
    earlier: tuple[str, ...] = ()  # counted qualifying events before the made date, beside an in-window decision
    pending: tuple[str, ...] = ()  # uncounted (estimated/disputed) events that would change the status
    if_confirmed: str | None = None  # the status if the pending events were confirmed


def _check_choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {allowed}, got {value!r}")


def _event_dates(events: pd.DataFrame) -> pd.Series:
    """The date each event counts from: ``as_of_date`` when the loader made it, else the end of the
    period its ``as_of`` (or ``event_date``) names (a month-dated event counts from the end of its month)."""
    if "as_of_date" in events.columns:
        return pd.to_datetime(events["as_of_date"])
    column = "as_of" if "as_of" in events.columns else "event_date"
    return events[column].map(parse_period_end).astype("datetime64[ns]")


def _evidence(events: pd.DataFrame, as_of, reading: str, min_confidence: str, effect: str) -> pd.DataFrame:
    """Events marked ``effect`` under ``reading``, dated on or before ``as_of``, passing ``min_confidence``;
    sorted by date then id. The single place where 'which evidence counts' is decided."""
    _check_choice("reading", reading, READINGS)
    _check_choice("min_confidence", min_confidence, MIN_CONFIDENCE)
    dates = _event_dates(events)
    keep = (events[reading] == effect) & (dates <= pd.Timestamp(as_of))
    if min_confidence == "reported":
        keep &= events["confidence"] == "reported"
    out = events[keep].assign(as_of_date=dates[keep])
    return out.sort_values(["as_of_date", "event_id"], kind="stable").reset_index(drop=True)


def counted_events(events: pd.DataFrame, prediction_id: str, as_of, reading: str, min_confidence: str) -> pd.DataFrame:
    """The events of ``prediction_id`` that qualify under ``reading`` ("lenient" or "strict"), are dated on
    or before ``as_of`` (a month-dated event counts from the end of its month) and pass ``min_confidence``
    ("reported": only events whose confidence is ``reported``; "any": all), sorted by date then event id.

    The one rule for "which evidence counts", shared by the status logic (notebook 03) and the
    operational model's "is a demonstration already known" (notebook 04)."""
    return _evidence(events[events["prediction_id"] == prediction_id], as_of, reading, min_confidence, "qualifies")


def _decide(kind, made, deadline, qualifying, broken, as_of, end_of_grace) -> Status:
    """Rules 2 and 3 and the clock, on evidence already counted (rule 1)."""
    in_window = qualifying[(qualifying["as_of_date"] >= made) & (qualifying["as_of_date"] <= deadline)]
    breaks = broken[broken["as_of_date"] <= deadline]
    if len(breaks) and (not len(in_window) or breaks["as_of_date"].iloc[0] < in_window["as_of_date"].iloc[0]):
        return Status("annulled", breaks["event_id"].iloc[0], breaks["as_of_date"].iloc[0])
    early = qualifying[qualifying["as_of_date"] < made]
    if len(in_window):
        first = in_window.iloc[0]
        if kind not in ("by_deadline", "not_before"):
            raise ValueError(f"unknown kind {kind!r}")
        state = "resolved_yes" if kind == "by_deadline" else "resolved_no"
        return Status(state, first["event_id"], first["as_of_date"], earlier=tuple(early["event_id"]))
    if len(early):
        return Status("ambiguous", early["event_id"].iloc[0], early["as_of_date"].iloc[0])
    if kind == "by_deadline":
        if as_of <= deadline:
            return Status("open")
        return Status("overdue") if as_of <= end_of_grace else Status("resolved_no")
    if kind == "not_before":
        return Status("resolved_yes") if as_of > end_of_grace else Status("open")
    raise ValueError(f"unknown kind {kind!r}")


def status_of(
    kind: str,
    made: pd.Timestamp,
    deadline: pd.Timestamp,
    events: pd.DataFrame,
    reading: str,
    as_of: pd.Timestamp,
    grace_days: int,
    min_confidence: str = "reported",
) -> Status:
    """The status of one prediction. ``events`` (that prediction's) needs columns event_id, confidence,
    as_of_date (or as_of / event_date) and one per reading."""
    _check_choice("reading", reading, READINGS)
    _check_choice("min_confidence", min_confidence, MIN_CONFIDENCE)
    as_of, made, deadline = pd.Timestamp(as_of), pd.Timestamp(made), pd.Timestamp(deadline)
    if as_of < made:
        return Status("not_yet_made")
    end_of_grace = deadline + pd.Timedelta(days=grace_days)

    def decide(confidence: str) -> Status:
        return _decide(
            kind,
            made,
            deadline,
            _evidence(events, as_of, reading, confidence, "qualifies"),
            _evidence(events, as_of, reading, confidence, "breaks_premise"),
            as_of,
            end_of_grace,
        )

    status = decide(min_confidence)
    if min_confidence == "any":
        return status
    unconfirmed = pd.concat(
        [_evidence(events, as_of, reading, "any", effect) for effect in ("qualifies", "breaks_premise")]
    )
    unconfirmed = unconfirmed[unconfirmed["confidence"] != "reported"]
    if not len(unconfirmed):
        return status
    if_confirmed = decide("any")
    if if_confirmed.status == status.status:
        return status
    return replace(status, pending=tuple(sorted(unconfirmed["event_id"])), if_confirmed=if_confirmed.status)


def statuses(
    predictions: pd.DataFrame, events: pd.DataFrame, as_of, grace_days: int, min_confidence: str = "reported"
) -> pd.DataFrame:
    """Status of every prediction under both readings, with pending and earlier evidence."""
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
                min_confidence,
            )
            rows.append(
                {
                    "prediction_id": p.prediction_id,
                    "reading": reading,
                    "min_confidence": min_confidence,
                    "status": s.status,
                    "deciding_event": s.deciding_event,
                    "deciding_date": None if s.deciding_date is None else f"{s.deciding_date:%Y-%m-%d}",
                    "earlier": ", ".join(s.earlier),
                    "pending": ", ".join(s.pending),
                    "if_confirmed": s.if_confirmed,
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


def release_gaps(releases: pd.DataFrame, snapshot, kinds=("video", "world_model")) -> pd.DataFrame:
    """Reference class: for each company that releases a kind of model, the months between its
    consecutive dated releases of that kind (observed), and from its latest one to the snapshot (censored).

    A claim asks when one named company releases; only companies that release that kind of model enter,
    and each release is counted once (it ends exactly one gap). Releases of one company and kind on the
    same date count as one."""
    dated = releases[releases["announced_date"].notna() & releases["kind"].isin(kinds)]
    rows = []
    for (company, kind), group in dated.groupby(["company_id", "kind"], sort=True):
        days = sorted(group["as_of_date"].unique())
        firsts = group.sort_values(["as_of_date", "release_id"]).drop_duplicates("as_of_date")["release_id"].tolist()
        for i, day in enumerate(days):
            later = days[i + 1] if i + 1 < len(days) else None
            rows.append(
                {
                    "company_id": company,
                    "kind": kind,
                    "from_release": firsts[i],
                    "to_release": firsts[i + 1] if later is not None else None,
                    "observed": later is not None,
                    "months": months_between(day, later if later is not None else snapshot),
                }
            )
    gaps = pd.DataFrame(rows, columns=["company_id", "kind", "from_release", "to_release", "observed", "months"])
    return gaps[gaps["months"] > 0].reset_index(drop=True)


def log_likelihood(durations, observed, eta: float, k: float) -> float:
    """Censored Weibull log-likelihood: observed gaps contribute the density, censored ones the survival."""
    t, d = np.asarray(durations, float), np.asarray(observed, bool)
    z = (t / eta) ** k
    return float(np.sum(d * (math.log(k) - math.log(eta) + (k - 1) * np.log(t / eta))) - np.sum(z))


def fit_weibull(durations, observed, k: float | None = None) -> tuple[float, float]:
    """Censored maximum-likelihood (eta, k). With ``k`` given only the scale is fitted (closed form);
    otherwise the shape maximizes the profile likelihood over 0.1 <= k <= 10."""
    durations, observed = np.asarray(durations, float), np.asarray(observed, bool)
    if k is not None:
        return fit_scale(durations, observed, k), float(k)
    if observed.sum() == 0:
        raise ValueError("no observed events to fit")

    def negative_profile(log_k: float) -> float:
        shape = math.exp(log_k)
        return -log_likelihood(durations, observed, fit_scale(durations, observed, shape), shape)

    best = minimize_scalar(negative_profile, bounds=(math.log(0.1), math.log(10)), method="bounded")
    shape = float(math.exp(best.x))
    return fit_scale(durations, observed, shape), shape


def profile_curve(durations, observed, shapes) -> pd.DataFrame:
    """Log-likelihood at each shape with its best scale (the fit across shapes), relative to the best."""
    rows = []
    for k in shapes:
        eta = fit_scale(durations, observed, k)
        rows.append({"k": float(k), "eta": eta, "log_likelihood": log_likelihood(durations, observed, eta, k)})
    out = pd.DataFrame(rows)
    return out.assign(relative=out["log_likelihood"] - out["log_likelihood"].max())


def bootstrap_fits(gaps: pd.DataFrame, k: float | None, draws: int = 1000, seed: int = 20261124) -> pd.DataFrame:
    """Refit (eta, k) on resamples of the releases (rows of ``gaps``, with replacement) with a fixed seed;
    resamples without an observed gap cannot be fitted and are dropped (their count is ``len`` short)."""
    rng = np.random.default_rng(seed)
    t, d = gaps["months"].to_numpy(float), gaps["observed"].to_numpy(bool)
    fits = []
    for _ in range(draws):
        pick = rng.integers(0, len(t), len(t))
        if not d[pick].any():
            continue
        fits.append(fit_weibull(t[pick], d[pick], k))
    return pd.DataFrame(fits, columns=["eta", "k"])


def interval_from_draws(point: float, draws, level: float = 0.9) -> tuple[float, float]:
    """Percentile interval of ``draws`` at ``level``, widened to include ``point`` when a skewed
    bootstrap would leave it outside."""
    values = np.asarray(draws, float)
    if not len(values):
        return point, point
    low, high = np.quantile(values, [(1 - level) / 2, (1 + level) / 2])
    return float(min(low, point)), float(max(high, point))


def round_interval(low: float, high: float, step: float) -> tuple[float, float]:
    """Round an interval outward to ``step`` (so a rounded interval still contains what it contained)."""
    return round(math.floor(low / step + 1e-9) * step, 10), round(math.ceil(high / step - 1e-9) * step, 10)


def model_probability(kind: str, made, deadline, as_of, eta: float, k: float, q: float, p_never: float) -> float:
    """P(the claim resolves yes | no qualifying event by as_of), from the made date's clock."""
    start = max(0.0, months_between(made, as_of))
    end = months_between(made, deadline)
    p_event = p_event_between(start, end, eta, k, q, p_never)
    return p_event if kind == "by_deadline" else 1 - p_event


def cumulative_curve(kind: str, made, deadline, as_of, eta, k, q, p_never, horizon_end) -> pd.DataFrame:
    """For the chart, monthly from as_of to horizon_end: P(event by date t | none by as_of), and
    ``p_claim``, the quantity the probability table reports, as if the window closed at t: the same for a
    by-deadline claim, its complement (no event by t) for a not-before claim. At t = deadline ``p_claim``
    equals ``model_probability``."""
    start = pd.Timestamp(max(pd.Timestamp(made), pd.Timestamp(as_of)))
    dates = pd.date_range(start, pd.Timestamp(horizon_end), freq="MS")
    dates = dates.union(pd.DatetimeIndex([pd.Timestamp(deadline)])) if start <= pd.Timestamp(deadline) else dates
    a = months_between(made, start)
    values = np.array([p_event_between(a, months_between(made, d), eta, k, q, p_never) for d in dates])
    p_claim = values if kind == "by_deadline" else 1 - values
    return pd.DataFrame({"date": dates, "p_event_by_date": values, "p_claim": p_claim})


# ---- scores ----------------------------------------------------------------------------------


def brier(p_yes: float, outcome_yes: bool) -> float:
    return (p_yes - float(outcome_yes)) ** 2


def log_score(p_yes: float, outcome_yes: bool) -> float:
    """Natural log of the probability given to what happened (0 is perfect; -inf for certainty that failed)."""
    p = p_yes if outcome_yes else 1 - p_yes
    return math.log(p) if p > 0 else -math.inf


MIN_RESOLVED_FOR_CALIBRATION = 20


# ---- published figures -----------------------------------------------------------------------

#: Probabilities are published to this step: the fit rests on a few dozen release gaps of secondary
#: sources, and its 90% intervals are tens of points wide, so finer digits would be noise.
PROBABILITY_STEP = 0.05


def round_probability(p: float | None, step: float = PROBABILITY_STEP) -> float | None:
    return None if p is None or pd.isna(p) else round(round(p / step) * step, 2)


#: Statuses as a reader reads them.
STATUS_WORDS = {
    "not_yet_made": "not yet made",
    "annulled": "annulled (its premise broke)",
    "ambiguous": "ambiguous (settled before it was made)",
    "open": "open",
    "overdue": "overdue (in its grace period)",
    "resolved_yes": "resolved: yes",
    "resolved_no": "resolved: no",
}


def event_words(description: str) -> str:
    """An event as a reader reads it: its description up to the first semicolon (no event id)."""
    return str(description).split("; ")[0]


SETTLED = ("resolved_yes", "resolved_no", "annulled", "ambiguous")


# ---- the entry point ----------------------------------------------------------------------------

#: The data files the notebook's evidence comes from (its sources section).
SOURCE_FILES = ("predictions", "events", "model_releases")
#: Shapes at which the notebook shows the profile likelihood.
PROFILE_SHAPES = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
#: A shape used when the median is set and the shape is not.
DEFAULT_SHAPE = 1.5

RESULTS = declare(
    Result("as_of", "Status date", "date"),
    Result("strictness", "Reading of the headline", "status"),
    Result("min_confidence", "Evidence that can decide a status", "status"),
    Result("status", "Status", "status", by="prediction"),
    Result("status_by_reading", "Status by reading", "status", by="reading"),
    Result("status_by_setting", "Status by reading and evidence", "status", by="setting"),
    Result("pending", "Evidence pending confirmation", "text", by="prediction"),
    Result("predictions", "Predictions", "count"),
    Result("settled", "Predictions settled", "count", by="reading"),
    # published to the nearest 5 points (PROBABILITY_STEP); the chart data keep full precision
    Result("probability", "P(comes true)", "probability", by="prediction"),
    Result("probability_interval", "P(comes true), 90% interval", "probability", by="prediction"),
    Result("brier", "Brier score of the article's forecast", "number", digits=2, by="prediction"),
    Result(
        "fit",
        "Reference-class fit",
        fields=(
            Result("gaps", "Gaps", "count"),
            Result("observed", "Observed gaps", "count"),
            Result("shape_k", "Shape k", "number", digits=2),
            Result("median_months", "Median gap", "number", unit="months", digits=2),
        ),
    ),
)


@dataclass
class PredictionAnalysis(Analysis):
    """Everything notebook 03 shows: its tables, its chart's data, its sentences and its results."""

    settings: str  # one line: the setting and the size of the ledger
    note: str  # a warning when as_of is after the data snapshot (Markdown; empty otherwise)
    claims: pd.DataFrame  # the predictions with the criteria of each reading
    ledger: pd.DataFrame  # the events
    status_table: pd.DataFrame  # status under both readings with deciding, earlier and pending events
    status_caption: str
    settings_table: pd.DataFrame  # status by reading and evidence setting
    status_text: str  # Markdown
    fit_table: pd.DataFrame  # the reference class and its fit
    profile_table: pd.DataFrame  # the fit across shapes
    fit_text: str  # Markdown
    probability_table: pd.DataFrame  # to the nearest 5 points
    words_scale: pd.DataFrame  # the words-to-probability scale
    curves: pd.DataFrame  # the chart's curves at full precision (bottom panel)
    chart_windows: pd.DataFrame  # the chart's data (top): windows and statuses
    chart_events: pd.DataFrame  # the chart's data (top): events drawn as stems
    chart_curve: pd.DataFrame  # the chart's data (bottom), every third month
    scores: pd.DataFrame  # the resolved claims' scores, to 2 decimals
    scores_caption: str
    scores_empty: str
    calibration_text: str  # Markdown (empty when a calibration chart could be drawn)
    caveat_text: str  # Markdown
    grace_days: int = 0
    uncounted: frozenset = frozenset()  # events drawn as pending (not counted) on the chart
    source_note: str = ""

    DECLARATIONS = RESULTS


def with_dates(predictions: pd.DataFrame) -> pd.DataFrame:
    """The predictions with their made date, deadline and predicted date as timestamps, and a label."""
    return predictions.assign(
        made_date=predictions["made_on"].map(parse_period_end),
        deadline_date=predictions["deadline"].map(parse_period_end),
        predicted_end=predictions["predicted_date"].map(lambda d: parse_period_end(d) if d else pd.NaT),
        label=predictions["title"],
    )


@dataclass(frozen=True)
class Fit:
    """The reference class and the model's (eta, k), with the bootstrap draws and the world-model-only check."""

    gaps: pd.DataFrame
    eta: float
    k: float
    basis: str  # in words: fitted or set by parameter
    draws: pd.DataFrame  # (eta, k) per bootstrap refit
    wm_gaps: pd.DataFrame
    wm_eta: float
    wm_k: float


def _fit(releases: pd.DataFrame, params: dict) -> Fit:
    """The model fitted to the reference class, or set by ``median_months`` / ``weibull_k``."""
    from .. import SNAPSHOT_DATE

    gaps = release_gaps(releases, SNAPSHOT_DATE)
    fixed_k = 1.0 if params["hazard_model"] == "exponential" else params["weibull_k"]
    if params["median_months"] is None:
        eta, k = fit_weibull(gaps["months"], gaps["observed"], fixed_k)
        basis = "fitted (scale and shape)" if fixed_k is None else "fitted (scale; shape set)"
        draws = bootstrap_fits(gaps, fixed_k)
    else:
        k = DEFAULT_SHAPE if fixed_k is None else fixed_k
        eta, basis = scale_from_median(params["median_months"], k), "set by parameter"
        draws = pd.DataFrame({"eta": [eta], "k": [k]})
    wm_gaps = release_gaps(releases, SNAPSHOT_DATE, kinds=("world_model",))
    return Fit(gaps, eta, k, basis, draws, wm_gaps, *fit_weibull(wm_gaps["months"], wm_gaps["observed"], fixed_k))


def _median(eta: float, k: float) -> float:
    return eta * math.log(2) ** (1 / k)


def _fit_table(f: Fit) -> pd.DataFrame:
    def row(name: str, gaps: pd.DataFrame, k: float, eta: float, interval: str, basis: str) -> dict:
        observed = int(gaps["observed"].sum())
        return {"class": name, "gaps observed": observed, "censored": len(gaps) - observed, "shape k": round(k, 2),
                "k, 90% bootstrap": interval, "median (months)": round(_median(eta, k), 1), "basis": basis}  # fmt: skip

    k_low, k_high = f.draws["k"].quantile(0.05), f.draws["k"].quantile(0.95)
    used = row("video and world-model releases (used)", f.gaps, f.k, f.eta, f"{k_low:.1f} to {k_high:.1f}", f.basis)
    check = row("world-model releases only (check)", f.wm_gaps, f.wm_k, f.wm_eta, "", "fitted, shown for comparison")
    return pd.DataFrame([used, check])


def _probabilities(p: pd.DataFrame, chosen: pd.DataFrame, as_of: str, f: Fit, params: dict) -> pd.DataFrame:
    """Per prediction: the model's probability now with its bootstrap interval and the world-model class's
    (open claims only), the model's probability on the made date and the article's implied one."""
    q, never = params["q_qualify"], params["p_never"]
    rows = []
    for c in p.itertuples():
        state = chosen.loc[c.prediction_id, "status"]
        is_open = state in ("open", "not_yet_made")
        now = model_probability(c.kind, c.made_date, c.deadline_date, as_of, f.eta, f.k, q, never)
        at_made = model_probability(c.kind, c.made_date, c.deadline_date, c.made_date, f.eta, f.k, q, never)
        boot = [
            model_probability(c.kind, c.made_date, c.deadline_date, as_of, d.eta, d.k, q, never)
            for d in f.draws.itertuples()
        ]
        low, high = interval_from_draws(now, boot)
        wm = model_probability(c.kind, c.made_date, c.deadline_date, as_of, f.wm_eta, f.wm_k, q, never)
        rows.append({"prediction_id": c.prediction_id, "status": state, "model_p_now": now if is_open else None,
                     "interval_low": low if is_open else None, "interval_high": high if is_open else None,
                     "p_world_model_class": wm if is_open else None, "model_p_when_made": at_made,
                     "article_implied_p": params["author_implied_p"]})  # fmt: skip
    return pd.DataFrame(rows).set_index("prediction_id")


SCORE_COLUMNS = ["prediction_id", "outcome_yes", "article_p", "article_brier", "article_log", "model_p",
                 "model_brier", "model_log"]  # fmt: skip


def _scores(probs: pd.DataFrame) -> pd.DataFrame:
    """Brier and log scores of the article's and the model's forecasts, for resolved claims only."""
    rows = []
    for i, r in probs[probs["status"].isin(["resolved_yes", "resolved_no"])].iterrows():
        yes = r.status == "resolved_yes"
        a, m = r.article_implied_p, r.model_p_when_made
        rows.append([i, yes, a, brier(a, yes), log_score(a, yes), m, brier(m, yes), log_score(m, yes)])
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def _named(df: pd.DataFrame, titles: pd.Series) -> pd.DataFrame:
    """``prediction_id`` as the prediction's title, in a column named ``prediction``."""
    return df.assign(prediction_id=df["prediction_id"].map(titles)).rename(columns={"prediction_id": "prediction"})


def analyse(data: Dataset, params: dict) -> PredictionAnalysis:
    """Notebook 03 from the validated data and its checked parameters: statuses under every setting, the
    reference-class fit, the probabilities of the open claims, the timeline's data, scores and the answer."""
    from .. import SNAPSHOT_DATE
    from ..sourcing import cited_rows, outside_sources
    from . import predictions_words as words

    as_of, reading, evidence = str(params["as_of"]), params["strictness"], params["min_confidence"]
    grace, q, never = params["grace_days"], params["q_qualify"], params["p_never"]
    p, e = with_dates(data.predictions), data.events
    ids = list(p["prediction_id"])
    titles = p.set_index("prediction_id")["title"]
    events = e.set_index("event_id")["event"]

    status = statuses(p, e, as_of, grace, evidence)
    by_setting = pd.concat([statuses(p, e, as_of, grace, c) for c in MIN_CONFIDENCE])
    chosen = status[status["reading"] == reading].set_index("prediction_id")
    strictest = by_setting[(by_setting["reading"] == "strict") & (by_setting["min_confidence"] == "reported")]
    settings_table = (
        by_setting.pivot(index="prediction_id", columns=["reading", "min_confidence"], values="status")
        .reindex(ids)
        .rename(index=titles)
        .rename_axis("prediction")
    )
    settings_table.columns = [" ".join(c) for c in settings_table.columns]
    deciding = status["deciding_event"].map(lambda i: "" if pd.isna(i) else f"{i}: {events[i]}")
    status_table = status.assign(prediction=status["prediction_id"].map(titles), deciding=deciding)[
        ["prediction", "reading", "status", "deciding_date", "deciding", "earlier", "pending", "if_confirmed"]
    ]

    f = _fit(data.releases, params)
    gaps, eta, k = f.gaps, f.eta, f.k
    fit = {"gaps": len(gaps), "observed": int(gaps["observed"].sum()), "shape_k": k, "median_months": _median(eta, k)}
    profile = profile_curve(gaps["months"], gaps["observed"], list(PROFILE_SHAPES))
    profile = profile.assign(median=_median(profile["eta"], profile["k"])).round(1)

    probs = _probabilities(p, chosen, as_of, f, params)
    intervals = {
        i: list(round_interval(r.interval_low, r.interval_high, PROBABILITY_STEP))
        for i, r in probs.iterrows()
        if pd.notna(r.model_p_now)
    }
    probability = {i: round_probability(v) for i, v in probs["model_p_now"].items()}
    shown = probs.assign(
        model_p_now=probs["model_p_now"].map(round_probability),
        interval=[range_text(RESULTS["probability"], *intervals[i]) if i in intervals else "" for i in probs.index],
        p_world_model_class=probs["p_world_model_class"].map(round_probability),
        model_p_when_made=probs["model_p_when_made"].map(round_probability),
    ).drop(columns=["interval_low", "interval_high"])  # fmt: skip

    horizon = p["deadline_date"].max() + pd.Timedelta(days=120)
    open_ids = [i for i, r in chosen.iterrows() if r["status"] in ("open", "not_yet_made")]
    curves = pd.concat(
        [
            cumulative_curve(c.kind, c.made_date, c.deadline_date, as_of, eta, k, q, never, horizon).assign(
                prediction_id=c.prediction_id
            )
            for c in p.itertuples()
            if c.prediction_id in open_ids
        ]
        or [pd.DataFrame(columns=["date", "p_event_by_date", "p_claim", "prediction_id"])],
        ignore_index=True,
    )
    chart_curve = (
        curves.assign(date=curves["date"].dt.strftime("%Y-%m"))
        .drop_duplicates(["date", "prediction_id"], keep="last")
        .pivot(index="date", columns="prediction_id", values="p_claim")
        .rename(columns=titles)
        .iloc[::3]
        if len(curves)
        else pd.DataFrame()
    )
    chart_curve.columns.name = None
    window = p[["prediction_id", "made_on", "deadline", "predicted_date"]].assign(
        status=lambda d: d["prediction_id"].map(chosen["status"])
    )
    marks = e[e[reading].isin(["qualifies", "breaks_premise"])][
        ["prediction_id", "event_id", "event_date", reading, "confidence"]
    ]
    scores = _scores(probs)
    brier_of = scores.set_index("prediction_id")["article_brier"]

    results = {
        "as_of": as_of,
        "strictness": reading,
        "min_confidence": evidence,
        "status": chosen["status"].to_dict(),
        "status_by_reading": {
            r: status[status["reading"] == r].set_index("prediction_id")["status"].to_dict() for r in READINGS
        },
        "status_by_setting": {
            f"{r}/{c}": by_setting[(by_setting["reading"] == r) & (by_setting["min_confidence"] == c)]
            .set_index("prediction_id")["status"]
            .to_dict()
            for r in READINGS
            for c in MIN_CONFIDENCE
        },
        "pending": {i: r.pending.split(", ") if r.pending else [] for i, r in chosen.iterrows()},
        "predictions": len(data.predictions),
        "settled": {r: int(status[status["reading"] == r]["status"].isin(SETTLED).sum()) for r in READINGS},
        "probability": probability,
        "probability_interval": intervals,
        "brier": {i: brier_of.get(i) for i in ids},
        "fit": fit,
    }
    answer = words.finding(
        as_of,
        reading,
        evidence,
        titles.to_dict(),
        status[status["reading"] == reading],
        strictest,
        probability,
        intervals,
        events.to_dict(),
        status[status["reading"] != reading],
        e.set_index("event_id")["confidence"].to_dict(),
        outside_sources(cited_rows(data, SOURCE_FILES, as_of)),
    )
    companies = gaps["company_id"].nunique()
    return PredictionAnalysis(
        results=results,
        answer=answer,
        settings=words.settings_line(as_of, reading, evidence, len(p), len(e)),
        note=words.snapshot_note(as_of, SNAPSHOT_DATE),
        claims=p[["prediction_id", "kind", "claim", "made_on", "deadline", "lenient_criteria", "strict_criteria",
                  "article_words"]],
        ledger=e[["event_id", "prediction_id", "event_date", "event", "lenient", "strict", "judgement", "confidence",
                  "source_url", "source_tier"]],
        status_table=status_table,
        status_caption=words.status_caption(as_of, evidence),
        settings_table=settings_table,
        status_text=words.status_sentence(as_of, reading, evidence, chosen, titles.to_dict(), events.to_dict()),
        fit_table=_fit_table(f),
        profile_table=profile,
        fit_text=words.fit_sentence(fit, companies, params["hazard_model"], f.basis, q, never, len(f.draws)),
        probability_table=shown.rename(index=titles).rename_axis("prediction"),
        words_scale=pd.Series(WORDS_TO_PROBABILITY, name="probability").rename_axis("wording").to_frame(),
        curves=curves,
        chart_windows=_named(window, titles),
        chart_events=_named(marks, titles),
        chart_curve=chart_curve,
        scores=_named(scores, titles).round(2),
        scores_caption=words.scores_caption(as_of, reading, evidence),
        scores_empty=words.scores_empty(as_of, reading, len(p)),
        calibration_text=words.calibration_sentence(scores, len(p), MIN_RESOLVED_FOR_CALIBRATION),
        caveat_text=words.reference_class_caveat(companies, len(gaps), int(f.wm_gaps["observed"].sum())),
        grace_days=grace,
        uncounted=frozenset(e["event_id"]) - frozenset(e[e["confidence"] == "reported"]["event_id"])
        if evidence == "reported"
        else frozenset(),
        source_note=f"Sources: data/predictions.csv (the article) and data/events.csv "
        f"({e['source_url'].nunique()} sources).",
    )  # fmt: skip
