"""Prediction timelines: evidence rules, status rules, a transparent time-to-event model, and scores.

Which evidence counts (``counted_events``, the one rule shared with notebook 04): an event counts for a
prediction under reading r when it is marked ``qualifies`` (or, for annulment, ``breaks_premise``) under r,
is dated on or before the status date ``a`` (a month-dated event counts from the end of its month), and
passes ``min_confidence`` ("reported": only events whose confidence is ``reported`` and whose source is not an
aggregator's page alone; "any": all).

Status of a prediction as of ``a`` (made date m, deadline D, grace g, reading r), rules in this order:
  1. Unconfirmed evidence never settles a claim. Under min_confidence "reported" an ``estimated`` or
     ``disputed`` event, or one cited from an aggregator's page alone, decides nothing; when counting it would
     change the status it is reported beside the status as *pending confirmation* (``pending``, ``if_confirmed``).
  2. The window decides first. The first counted qualifying event e in [m, D] decides: by_deadline ->
     resolved_yes, not_before -> resolved_no. Only when nothing in the window decides does a counted
     qualifying event before m make the claim ``ambiguous`` (met or refuted before it was made); earlier
     events beside an in-window decision are reported as ``earlier``.
  3. Annulled means the question's premise broke, nothing less: ``annulled`` when a counted
     ``breaks_premise`` event dated on or before min(a, D) precedes every counted in-window qualifying
     event (a premise that breaks after the claim was decided does not undo the decision).
  Otherwise: not_yet_made while a < m; by_deadline: open while a <= D, overdue for D < a <= D + g,
  resolved_no after; not_before: open until D + g, resolved_yes after.

Probability of an open claim: the demo-timing model of ``demo_timing`` (shared with notebook 04), one per
prediction's company, conditioned on as_of, the reading and min_confidence (``demo_timing.claim_probability``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..dates import parse_period_end
from ..present.labels import declared_columns
from ..results import Analysis, Result, declare, format_value, percent, range_text
from .demo_timing import (  # noqa: F401  (the model's functions, re-exported where tests and charts read them)
    PROBABILITY_DIGITS,
    ClaimProbability,
    Fit,
    Settings,
    bootstrap_fits,
    claim_probability,
    cumulative_curve,
    fit_reference_class,
    fit_scale,
    fit_weibull,
    interval_from_draws,
    known_by,
    log_likelihood,
    median_of,
    model_probability,
    months_between,
    p_event_between,
    prior_only_words,
    probability_when_made,
    profile_curve,
    release_gaps,
    round_interval,
    round_probability,
    scale_from_median,
    survival,
)

if TYPE_CHECKING:
    from ..data import Dataset

STATUSES = ("not_yet_made", "annulled", "ambiguous", "open", "overdue", "resolved_yes", "resolved_no")
READINGS = ("lenient", "strict")
MIN_CONFIDENCE = ("reported", "any")
#: Source tiers whose page alone never confirms an event: under min_confidence "reported" an event cited only
#: from an aggregator's page (a rewrite, an AI summary, a blog) is pending confirmation, as an estimated or
#: disputed one is; with "any" it counts. Notebook 04's "reported" leaves aggregator-only figures out the same way.
UNCONFIRMED_TIERS = frozenset({"aggregator"})
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
    if_alone: tuple[str, ...] = ()  # the status if each pending event alone were confirmed (as ``pending``)


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


def ledger_order(events: pd.DataFrame) -> pd.DataFrame:
    """The evidence ledger as a reader reads it: each prediction's events together (in the file's order of
    predictions), each by its date (a month-dated event at its month's end), never by the file's row order."""
    rank = {pid: i for i, pid in enumerate(dict.fromkeys(events["prediction_id"]))}
    key = pd.DataFrame({"p": events["prediction_id"].map(rank), "d": events["event_date"].map(parse_period_end)})
    return events.loc[key.sort_values(["p", "d"], kind="stable").index]


def confirmed(events: pd.DataFrame) -> pd.Series:
    """Per event: it can decide a status under min_confidence "reported": its confidence is ``reported`` and its
    source is not an aggregator's page alone (``UNCONFIRMED_TIERS``; each event of the ledger is its own fact).
    A disputed or aggregator-only fact never decides a headline alone: it is shown as pending confirmation."""
    tiers = events["source_tier"] if "source_tier" in events.columns else pd.Series("", index=events.index)
    return (events["confidence"] == "reported") & ~tiers.isin(UNCONFIRMED_TIERS)


def flags(events: pd.DataFrame) -> pd.Series:
    """Per event, by event id, what keeps it from deciding under "reported": its confidence ('estimated',
    'disputed'), else 'aggregator-only' when its page is an aggregator's, else 'reported' (it can decide)."""
    flag = events["confidence"].where((events["confidence"] != "reported") | confirmed(events), "aggregator-only")
    return pd.Series(flag.to_numpy(), index=events["event_id"].to_numpy())


def _evidence(events: pd.DataFrame, as_of, reading: str, min_confidence: str, effect: str) -> pd.DataFrame:
    """Events marked ``effect`` under ``reading``, dated on or before ``as_of``, passing ``min_confidence``;
    sorted by date then id. The single place where 'which evidence counts' is decided."""
    _check_choice("reading", reading, READINGS)
    _check_choice("min_confidence", min_confidence, MIN_CONFIDENCE)
    dates = _event_dates(events)
    keep = (events[reading] == effect) & (dates <= pd.Timestamp(as_of))
    if min_confidence == "reported":
        keep &= confirmed(events)
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
    min_confidence: str,
) -> Status:
    """The status of one prediction. ``events`` (that prediction's) needs columns event_id, confidence,
    as_of_date (or as_of / event_date) and one per reading."""
    _check_choice("reading", reading, READINGS)
    _check_choice("min_confidence", min_confidence, MIN_CONFIDENCE)
    as_of, made, deadline = pd.Timestamp(as_of), pd.Timestamp(made), pd.Timestamp(deadline)
    if as_of < made:
        return Status("not_yet_made")
    end_of_grace = deadline + pd.Timedelta(days=grace_days)

    def decide(confidence: str, ledger: pd.DataFrame = events) -> Status:
        return _decide(
            kind,
            made,
            deadline,
            _evidence(ledger, as_of, reading, confidence, "qualifies"),
            _evidence(ledger, as_of, reading, confidence, "breaks_premise"),
            as_of,
            end_of_grace,
        )

    status = decide(min_confidence)
    if min_confidence == "any":
        return status
    unconfirmed = pd.concat(
        [_evidence(events, as_of, reading, "any", effect) for effect in ("qualifies", "breaks_premise")]
    )
    unconfirmed = unconfirmed[~confirmed(unconfirmed)]
    if not len(unconfirmed):
        return status
    if_confirmed = decide("any")
    if if_confirmed.status == status.status:
        return status
    ids = sorted(set(unconfirmed["event_id"]))
    solid = confirmed(events)  # each unconfirmed event confirmed alone: those that would change the status
    each = {i: decide("any", events[solid | (events["event_id"] == i)]).status for i in ids}
    alone = [i for i in ids if each[i] != status.status]
    pending = tuple(alone or ids)
    return replace(status, pending=pending, if_confirmed=if_confirmed.status, if_alone=tuple(each[i] for i in pending))


def statuses(
    predictions: pd.DataFrame, events: pd.DataFrame, as_of, grace_days: int, min_confidence: str
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
                    "if_alone": ", ".join(s.if_alone),
                }
            )
    return pd.DataFrame(rows)


# ---- scores ----------------------------------------------------------------------------------


def brier(p_yes: float, outcome_yes: bool) -> float:
    return (p_yes - float(outcome_yes)) ** 2


def log_score(p_yes: float, outcome_yes: bool) -> float:
    """Natural log of the probability given to what happened (0 is perfect; -inf for certainty that failed)."""
    p = p_yes if outcome_yes else 1 - p_yes
    return math.log(p) if p > 0 else -math.inf


MIN_RESOLVED_FOR_CALIBRATION = 20


#: Statuses as a reader reads them.
STATUS_WORDS = {
    "not_yet_made": "not yet made",
    "annulled": "annulled (its premise broke)",
    "ambiguous": "ambiguous (met or refuted before it was made)",
    "open": "open",
    "overdue": "overdue (in its grace period)",
    "resolved_yes": "resolved: yes",
    "resolved_no": "resolved: no",
}


def event_words(description: str) -> str:
    """An event as a reader reads it: its description up to the first semicolon (no event id)."""
    return str(description).split("; ")[0]


EVENT_ID = re.compile(r"\be\d{2,3}\b")  # an event id inside a curator's note: "(e21)"


def without_event_ids(text, dates: dict) -> str:
    """A note with each event id it names replaced by words: 'launch on 2026-03-09 (e21)' -> '... (the event
    of 2026-03-09)'; an id no event has is left as it is."""
    if not isinstance(text, str):
        return text
    return EVENT_ID.sub(lambda m: f"the event of {dates[m[0]]}" if m[0] in dates else m[0], text)


def events_in_words(ids: str, events: dict) -> str:
    """A list of event ids ('e03, e21') as the events' descriptions, '; '-separated."""
    return "; ".join(event_words(events.get(i, i)) for i in str(ids).split(", ") if i)


#: Statuses that settle a prediction. ``ambiguous`` does not: a claim met or refuted before it was made has no
#: answer to score, so it is never counted as settled (issue 23).
SETTLED = ("resolved_yes", "resolved_no", "annulled")


# ---- the entry point ----------------------------------------------------------------------------

#: The data files the notebook's evidence comes from (its sources section).
SOURCE_FILES = ("predictions", "events", "model_releases")
CHART_FILES = ("predictions", "events")  # the timeline's: its sources in the image and under it (``cite``)
#: Shapes at which the notebook shows the profile likelihood.
PROFILE_SHAPES = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)

RESULTS = declare(
    Result("as_of", "Status date", "date"),
    Result("strictness", "Reading of the headline", "status"),
    Result("min_confidence", "Evidence that can decide a status", "status"),
    Result("status", "Status", "status", by="prediction", reads="“{}”: settled or still open, as of the date"),
    Result("status_by_reading", "Status by reading", "status", by="reading", reads="“{}”: settled or still open"),
    Result(
        "status_by_setting",
        "Status by reading and evidence",
        "status",
        by="setting",
        reads="“{}”: settled or still open",
    ),
    Result("pending", "Evidence pending confirmation", "text", by="prediction"),
    Result("predictions", "Predictions", "count"),
    Result("settled", "Predictions settled", "count", by="reading"),
    # published by the one rule of demo_timing (whole points; one significant figure below 1%); the chart
    # data keep full precision. The interval spans the 90% draws and the structural sweep.
    Result(
        "probability",
        "Chance it comes true",
        "probability",
        digits=PROBABILITY_DIGITS,
        by="prediction",
        reads="“{}”: the model's chance that it comes true",
    ),
    Result(
        "probability_interval",
        "Chance it comes true, interval over the inputs and structural choices",
        "probability",
        digits=PROBABILITY_DIGITS,
        by="prediction",
    ),  # fmt: skip
    Result(
        "probability_sweep",
        "Chance it comes true under each structural choice, lowest and highest",
        "probability",
        digits=PROBABILITY_DIGITS,
        by="prediction",
    ),  # fmt: skip
    Result(
        "qualifying_share",
        "Share of answering releases that qualify (q)",
        "share",
        digits=PROBABILITY_DIGITS,
        by="prediction",
        reads="“{}”: share of the company's releases that would count, estimated from its past releases",
    ),  # fmt: skip
    Result("qualifying_share_interval", "q, 90% interval", "share", digits=PROBABILITY_DIGITS, by="prediction"),
    Result(
        "brier",
        "Brier score of the article's forecast",
        "number",
        digits=2,
        by="prediction",
        reads=f"“{{}}”: how far the article's forecast missed (Brier score: {brier(1, True):g} certain and right, "
        f"{brier(0.5, True):g} a coin toss, {brier(1, False):g} certain and wrong)",
    ),
    Result(
        "fit",
        "Reference-class fit",
        reads="Time between one company's consecutive releases of one kind",
        fields=(
            Result("gaps", "Gaps", "count", listed=False),  # the fit's sample and shape: for its own section
            Result("observed", "Observed gaps", "count", listed=False),
            Result("shape_k", "Shape k", "number", digits=2, listed=False),
            Result("median_months", "Median gap", "number", unit="months", digits=2, reads="the median"),
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
    probability_table: pd.DataFrame  # rounded by demo_timing.round_probability
    sweep_table: pd.DataFrame  # each open claim's probability under each structural choice (rounded)
    sweep_text: str  # Markdown: what the sweep spans
    claims_text: str  # Markdown: the events and structural choices behind each claim's line in the answer
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


def _fit_table(f: Fit) -> pd.DataFrame:
    def row(name: str, gaps: pd.DataFrame, k: float, eta: float, interval: str, basis: str) -> dict:
        observed = int(gaps["observed"].sum())
        return {"class": name, "gaps observed": observed, "censored": len(gaps) - observed, "shape": round(k, 2),
                "shape, 90% bootstrap": interval, "median (months)": round(median_of(eta, k), 1),
                "basis": basis}  # fmt: skip

    k_low, k_high = f.draws["k"].quantile(0.05), f.draws["k"].quantile(0.95)
    used = row("video and world-model releases (used)", f.gaps, f.k, f.eta, f"{k_low:.1f} to {k_high:.1f}", f.basis)
    check = row("world-model releases only (check)", f.wm_gaps, f.wm_k, f.wm_eta, "", "fitted, shown for comparison")
    return pd.DataFrame([used, check])


def _probabilities(data: Dataset, p: pd.DataFrame, chosen: pd.DataFrame, f: Fit, params: dict):
    """Per prediction, from the shared demo-timing model (``demo_timing.claim_probability``): the probability
    now with its interval over the fit, the judgement inputs and the structural choices, and the world-model
    class's (open claims only), the probability on the made date from what was known then, the article's
    implied one, and the model's q and p_never."""
    from . import predictions_words as words

    settings = Settings.of(params)
    rows, claims, fits_when_made = [], {}, {}
    for c in p.itertuples():
        claim = claims[c.prediction_id] = claim_probability(data, c.prediction_id, settings, f)
        t, is_open = claim.timing, claim.point is not None
        made = known_by(c.made_date)
        if made not in fits_when_made:
            fits_when_made[made] = fit_reference_class(
                data.releases, settings.hazard_model, settings.median_months, settings.weibull_k, made
            )
        at_made = probability_when_made(data, c.prediction_id, settings, fits_when_made[made])
        rows.append({"prediction_id": c.prediction_id, "status": chosen.loc[c.prediction_id, "status"],
                     "model_p_now": claim.point, "interval_low": claim.low, "interval_high": claim.high,
                     "p_world_model_class": _world_model_check(claim) if is_open else None,
                     "model_p_when_made": at_made, "article_implied_p": params["author_implied_p"], "q": t.q,
                     "q_low": t.share.low, "q_high": t.share.high, "q_basis": words.share_basis(t.share),
                     "p_never": t.p_never,
                     "p_never_range": f"{percent(t.p_never_low)} to {percent(t.p_never_high)}"})  # fmt: skip
    return pd.DataFrame(rows).set_index("prediction_id"), claims


def _world_model_check(claim: ClaimProbability) -> float:
    """The sweep's world-model-only row: world-model releases as the denominator, the world-model class's pace."""
    sweep = claim.sweep
    row = sweep[(sweep["denominator"] == "world-model releases only") & (sweep["cadence"] == "reference class")]
    return float(row["probability"].iloc[0])


def point_in_sweep(claim: ClaimProbability) -> dict | None:
    """Where a claim's point stands in its structural sweep: the sweep's ``low`` and ``high``, the point's
    ``position`` (lowest, highest or inside) and, when the point is the sweep's row of the model's own choices
    (the first of ``PRIORS``, ``DENOMINATORS`` and ``CADENCES``: the prior, every answering release and the pooled
    pace, the choices resting on the most data), that row (``uses``; None when the reader set an input)."""
    from .demo_timing import CADENCES, DENOMINATORS, PRIORS

    fitted = None if claim.sweep is None else claim.sweep.dropna(subset=["probability"])
    if claim.point is None or fitted is None or fitted.empty:
        return None
    low, high = float(fitted["probability"].min()), float(fitted["probability"].max())
    point = claim.point
    position = "lowest" if point <= low or math.isclose(point, low) else "inside"
    position = "highest" if position == "inside" and (point >= high or math.isclose(point, high)) else position
    own = fitted[
        (fitted["prior"] == next(iter(PRIORS)))
        & (fitted["denominator"] == next(iter(DENOMINATORS)))
        & (fitted["cadence"] == CADENCES[0])
    ]
    uses = own.iloc[0] if len(own) and math.isclose(float(own["probability"].iloc[0]), point) else None
    prior_only = {"low_prior_only": _end_prior_only(fitted, low), "high_prior_only": _end_prior_only(fitted, high)}
    return {"low": low, "high": high, "position": position, "uses": uses, "choices": len(fitted), **prior_only}


def _end_prior_only(fitted: pd.DataFrame, end: float) -> str | None:
    """When every sweep row at ``end`` rests on the prior alone, how they read ('prior only: 1 release'); else
    None (a row resting on evidence reaches that end too)."""
    at_end = fitted[np.isclose(fitted["probability"], end)]
    if "prior_only" not in at_end or not at_end["prior_only"].all():
        return None
    return prior_only_words(int(at_end["releases"].max()))


def _sweep_table(claims: dict[str, ClaimProbability], titles: pd.Series) -> pd.DataFrame:
    """Every open claim's probability under each structural choice, as published (q to whole points)."""
    frames = [c.sweep.assign(prediction=titles[i]) for i, c in claims.items() if c.sweep is not None]
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True)
    return out.assign(
        releases=[f"{r.qualifying} of {r.releases}" for r in out.itertuples()],
        q=out["q"].round(2),
        q_rests_on=[prior_only_words(r.releases) if r.prior_only else "the ledger" for r in out.itertuples()],
        median_gap_months=out["median_gap_months"].round(1),
        probability=out["probability"].map(round_probability),
    )[["prediction", "denominator", "cadence", "prior", "releases", "q", "q_rests_on", "median_gap_months",
       "probability"]].rename(columns={"releases": "releases that qualify", "q_rests_on": "the share rests on",
                                       "median_gap_months": "median gap (months)"})  # fmt: skip


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
    from ..present.sources import chart_note
    from ..sourcing import cited_rows, outside_sources
    from . import predictions_words as words

    as_of, reading, evidence = str(params["as_of"]), params["strictness"], params["min_confidence"]
    grace = params["grace_days"]
    p, e = with_dates(data.predictions), data.events
    ids = list(p["prediction_id"])
    titles = p.set_index("prediction_id")["title"]
    events = e.set_index("event_id")["event"]
    event_dates = e.set_index("event_id")["event_date"].to_dict()

    by_setting = pd.concat([statuses(p, e, as_of, grace, c) for c in MIN_CONFIDENCE])
    status = by_setting[by_setting["min_confidence"] == evidence].reset_index(drop=True)  # each setting once
    chosen = status[status["reading"] == reading].set_index("prediction_id")
    strictest = by_setting[(by_setting["reading"] == "strict") & (by_setting["min_confidence"] == "reported")]
    settings_table = (
        by_setting.pivot(index="prediction_id", columns=["reading", "min_confidence"], values="status")
        .reindex(ids)
        .rename(index=titles)
        .rename_axis("prediction")
    )
    settings_table.columns = [words.setting_header(*c) for c in settings_table.columns]
    deciding = status["deciding_event"].map(lambda i: "" if pd.isna(i) else event_words(events[i]))
    status_table = status.assign(
        prediction=status["prediction_id"].map(titles),
        deciding=deciding,
        earlier=status["earlier"].map(lambda s: events_in_words(s, events)),  # words, never event ids
        pending=status["pending"].map(lambda s: events_in_words(s, events)),
    )[["prediction", "reading", "status", "deciding_date", "deciding", "earlier", "pending", "if_confirmed"]]

    f = fit_reference_class(data.releases, params["hazard_model"], params["median_months"], params["weibull_k"], as_of)
    gaps, eta, k = f.gaps, f.eta, f.k
    fit = {"gaps": len(gaps), "observed": int(gaps["observed"].sum()), "shape_k": k, "median_months": median_of(eta, k)}
    profile = profile_curve(gaps["months"], gaps["observed"], list(PROFILE_SHAPES))
    profile = profile.assign(median=median_of(profile["eta"], profile["k"])).round(1)

    probs, claims = _probabilities(data, p, chosen, f, params)
    sweep_table = _sweep_table(claims, titles)
    intervals = {i: c.published_interval for i, c in claims.items() if c.point is not None}
    probability = {i: c.published for i, c in claims.items()}
    sweeps = {i: point_in_sweep(c) for i, c in claims.items()}
    share = RESULTS["qualifying_share"]
    shown = probs.assign(
        model_p_now=probs["model_p_now"].map(round_probability),
        interval=[range_text(RESULTS["probability"], *intervals[i]) if i in intervals else "" for i in probs.index],
        p_world_model_class=probs["p_world_model_class"].map(round_probability),
        model_p_when_made=probs["model_p_when_made"].map(round_probability),
        q=[f"{format_value(share, round_probability(r.q))} ({range_text(share, *round_interval(r.q_low, r.q_high))})"
           for r in probs.itertuples()],  # fmt: skip
    ).drop(columns=["interval_low", "interval_high", "q_low", "q_high"])  # fmt: skip

    horizon = p["deadline_date"].max() + pd.Timedelta(days=120)
    open_ids = [i for i, r in chosen.iterrows() if r["status"] in ("open", "not_yet_made")]
    curves = pd.concat(
        [
            cumulative_curve(
                c.kind,
                c.made_date,
                c.deadline_date,
                as_of,
                eta,
                k,
                claims[c.prediction_id].timing.q,
                claims[c.prediction_id].timing.p_never,
                horizon,
            ).assign(prediction_id=c.prediction_id)  # fmt: skip
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
    declared_columns(chart_curve, RESULTS["probability"])  # a column per claim: its CSV at the probability's precision
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
        # q by the probabilities' rule: whole points, one significant figure below 1% (never a positive 0%)
        "probability_sweep": {
            i: [round_probability(w["low"]), round_probability(w["high"])] for i, w in sweeps.items() if w is not None
        },
        "qualifying_share": probs["q"].map(round_probability).to_dict(),
        "qualifying_share_interval": {i: list(round_interval(r.q_low, r.q_high)) for i, r in probs.iterrows()},
        "brier": {i: brier_of.get(i) for i in ids},
        "fit": fit,
    }
    answer, claims_text = words.finding(
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
        flags(e).to_dict(),
        outside_sources(cited_rows(data, SOURCE_FILES, as_of)),
        {i: w for i, w in sweeps.items() if w is not None},
        fit["gaps"],
    )
    companies = gaps["company_id"].nunique()
    return PredictionAnalysis(
        results=results,
        answer=answer,
        settings=words.settings_line(as_of, reading, evidence, len(p), len(e)),
        note=words.snapshot_note(as_of, SNAPSHOT_DATE),
        claims=p[["prediction_id", "kind", "claim", "made_on", "deadline", "lenient_criteria", "strict_criteria",
                  "article_words"]],
        ledger=ledger_order(e)[["prediction_id", "event_date", "event", "lenient", "strict", "judgement",
                                "confidence", "source_url", "source_tier"]].assign(  # events in words, never ids
            judgement=lambda x: x["judgement"].map(lambda t: without_event_ids(t, event_dates))
        ),
        status_table=status_table,
        status_caption=words.status_caption(as_of, evidence),
        settings_table=settings_table,
        status_text=words.status_sentence(as_of, reading, evidence, chosen, titles.to_dict(), events.to_dict()),
        fit_table=_fit_table(f),
        profile_table=profile,
        fit_text=words.fit_sentence(fit, companies, params["hazard_model"], f.basis, len(f.draws)),
        probability_table=shown.rename(index=titles).rename_axis("prediction"),
        sweep_table=sweep_table,
        sweep_text=words.sweep_sentence(sweep_table),
        claims_text=claims_text,
        words_scale=pd.Series(WORDS_TO_PROBABILITY, name="probability").rename_axis("wording").to_frame(),
        curves=curves,
        chart_windows=_named(window, titles),
        chart_events=_named(marks, titles).assign(event_id=marks["event_id"].map(lambda i: event_words(events[i])))
        .rename(columns={"event_id": "event"}),
        chart_curve=chart_curve,
        scores=_named(scores, titles).round(2),
        scores_caption=words.scores_caption(as_of, reading, evidence),
        scores_empty=words.scores_empty(as_of, reading, len(p)),
        calibration_text=words.calibration_sentence(scores, len(p), MIN_RESOLVED_FOR_CALIBRATION),
        caveat_text=words.reference_class_caveat(companies, len(gaps), int(f.wm_gaps["observed"].sum())),
        grace_days=grace,
        uncounted=frozenset(e[~confirmed(e)]["event_id"]) if evidence == "reported" else frozenset(),
        source_note=chart_note(data, CHART_FILES, as_of),
    )  # fmt: skip
