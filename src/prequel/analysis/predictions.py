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

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar

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


def _possessive(title: str) -> str:
    """'Runway: world-model demo by June 2027' -> "Runway's world-model demo by June 2027"."""
    company, _, claim = str(title).partition(": ")
    return f"{company}'s {claim}" if claim else str(title)


def finding(
    as_of: str,
    reading: str,
    min_confidence: str,
    titles: dict,
    headline: pd.DataFrame,
    strictest: pd.DataFrame,
    probability: dict,
    interval: dict,
    events: dict | None = None,
    other: pd.DataFrame | None = None,
    confidence: dict | None = None,
    sources: pd.DataFrame | None = None,
) -> dict:
    """The notebook's answer (``report.headline``), generated from its results: how many predictions are
    settled under the headline setting, and the probability of the one that pending evidence bears on (else
    the first open one), conditional on that evidence not being confirmed, with its flag (``confidence``:
    event id -> confidence). The details give each claim's status, what the other reading decides (``other``:
    its statuses with the same evidence), what is pending and where the strictest setting (strict reading,
    reported evidence only) does not support the stated status. ``events`` gives each event id its
    description, so events are named in words, never by id."""
    from ..present.report import count_of, pct_range, sourcing
    from ..present.report import headline as answer

    events, confidence = events or {}, confidence or {}

    def named(ids: str) -> str:
        return ", ".join(event_words(events[i]) if i in events else "an event" for i in str(ids).split(", "))

    def decided(row) -> str:
        if row.get("deciding_event") and not pd.isna(row["deciding_event"]):
            return f" ({named(row['deciding_event'])}, {row['deciding_date']})"
        return ""

    def resolves(row) -> bool:
        return bool(row.get("pending")) and str(row.get("if_confirmed")).startswith("resolved")

    other_reading = next((r for r in READINGS if r != reading), None)
    other_rows = other.set_index("prediction_id") if other is not None and len(other) else None
    rows = headline.set_index("prediction_id")
    details, numbers, flips = [], [], []
    for pid, row in rows.iterrows():
        text = f"{titles[pid]}: {STATUS_WORDS.get(row['status'], row['status'])}{decided(row)}"
        if row.get("earlier"):
            text += f"; qualifying events before it was made too ({named(row['earlier'])})"
        if row.get("pending"):
            flags = sorted({confidence[i] for i in str(row["pending"]).split(", ") if i in confidence})
            text += (
                f"; pending confirmation of {named(row['pending'])}{' (' + ', '.join(flags) + ')' if flags else ''}, "
                f"which would make it {STATUS_WORDS.get(row['if_confirmed'], row['if_confirmed'])}"
            )
            flags = sorted({confidence[i] for i in str(row["pending"]).split(", ") if i in confidence})
            claim = _possessive(titles[pid])
            outcome = {"resolved_yes": f"settle {claim} as yes", "resolved_no": f"settle {claim} as no"}.get(
                row["if_confirmed"], f"make {claim} {STATUS_WORDS.get(row['if_confirmed'], row['if_confirmed'])}"
            )
            flips.append(
                f"confirming the {' or '.join(flags) + ' ' if flags else ''}claim '{named(row['pending'])}' "
                f"would {outcome}"
            )
        if interval.get(pid) is not None:
            low, high = interval[pid]
            condition = " if the pending evidence is not confirmed" if resolves(row) else ""
            text += (
                f"; model probability it comes true {probability[pid]:.0%}{condition} "
                f"(90% interval {low:.0%} to {high:.0%})"
            )
            numbers.append({"label": f"P({titles[pid]})", "value": pct_range(probability[pid], interval[pid])})
        said = None
        if other_rows is not None and pid in other_rows.index:
            alt = other_rows.loc[pid]
            if alt["status"] != row["status"]:
                text += (
                    f"; under the {other_reading} reading it is "
                    f"{STATUS_WORDS.get(alt['status'], alt['status'])}{decided(alt)}"
                )
                said = alt["status"] if other_reading == "strict" and min_confidence == "reported" else None
        strict_status = strictest.set_index("prediction_id").loc[pid, "status"]
        if strict_status != row["status"] and strict_status != said:
            text += (
                f"; under the strict reading with reported evidence only it is "
                f"{STATUS_WORDS.get(strict_status, strict_status)}"
            )
            if min_confidence != "reported":
                flips.append(
                    f"with reported evidence only under the strict reading {_possessive(titles[pid])} is "
                    f"{STATUS_WORDS.get(strict_status, strict_status)}"
                )
        details.append(text)
    evidence = "reported evidence only" if min_confidence == "reported" else "estimated and disputed evidence counted"
    settled = rows[rows["status"].isin(SETTLED)]
    n = len(rows)
    if len(settled):
        short = {"resolved_yes": "yes", "resolved_no": "no"}
        which = ", ".join(
            f"{str(titles[pid]).partition(': ')[0]}: "
            f"{short.get(r['status'], STATUS_WORDS.get(r['status'], r['status']))}"
            for pid, r in settled.iterrows()
        )
        verb = "is" if len(settled) == 1 else "are"
        text = f"As of {as_of}, {len(settled)} of the article's {n} predictions {verb} settled ({which})"
        strict_settled = int(strictest["status"].isin(SETTLED).sum())
        if strict_settled != len(settled):  # the headline rests on a reading or on flagged evidence: say so
            text += f", {strict_settled} under the strict reading with reported evidence only"
    else:
        text = f"As of {as_of}, none of the article's {n} predictions is settled ({reading} reading, {evidence})"
    pending_rows = [pid for pid, r in rows.iterrows() if resolves(r) and interval.get(pid) is not None]
    open_rows = [pid for pid in rows.index if interval.get(pid) is not None]
    featured = (pending_rows or open_rows or [None])[0]
    if featured is not None:
        text += (
            f"; the model puts {_possessive(titles[featured])} at "
            f"{pct_range(probability[featured], interval[featured])}"
        )
        if featured in pending_rows:
            flags = sorted({confidence[i] for i in str(rows.loc[featured, "pending"]).split(", ") if i in confidence})
            text += f", unless {'a ' + ' or '.join(flags) if flags else 'an unconfirmed'} claim is confirmed"
    numbers.insert(0, {"label": f"Predictions settled ({reading} reading)", "value": count_of(len(settled), n)})
    if other_rows is not None:
        other_settled = int(other_rows["status"].isin(SETTLED).sum())
        numbers.insert(1, {"label": f"Settled under the {other_reading} reading", "value": count_of(other_settled, n)})
        if other_settled != len(settled):
            verb = "is" if other_settled == 1 else "are"
            flips.append(f"under the {other_reading} reading {count_of(other_settled, n)} {verb} settled")
    if not flips:
        flips.append(
            "only a new event in the ledger changes a status; the probabilities move with the model's assumptions"
        )
    empty = pd.DataFrame(columns=["source_url", "tier"])
    return answer(text, details, numbers, "; ".join(flips), sourcing(sources if sources is not None else empty))
