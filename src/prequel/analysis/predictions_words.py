"""The prediction notebook's words: its answer and every sentence and caption it shows.

Numbers inside a sentence are formatted by the declaration of the result they restate
(``predictions.RESULTS``), so a figure reads the same in the text, the tables and the published results.
"""

from __future__ import annotations

import pandas as pd

from ..present.labels import listed
from ..present.report import esc, sourcing
from ..results import Answer, format_value, probability_range, range_text
from .demo_timing import round_probability
from .predictions import READINGS, RESULTS, SETTLED, STATUS_WORDS, event_words

PROBABILITY = RESULTS["probability"]


def _status(status: str) -> str:
    return STATUS_WORDS.get(status, status)


def setting_header(reading: str, min_confidence: str) -> str:
    """A column of the every-setting table: 'Lenient reading, reported evidence', never 'lenient reported'."""
    evidence = "reported evidence" if min_confidence == "reported" else "any evidence"
    return f"{reading.capitalize()} reading, {evidence}"


def _a(flags: list[str], count: int = 1) -> str:
    """'a disputed claim', 'an aggregator-only or disputed claim', 'an unconfirmed claim'; of ``count`` claims,
    '3 aggregator-only claims'."""
    words = " or ".join(flags) if flags else "unconfirmed"
    if count > 1:
        return f"{count} {words} claims"
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words} claim"


def _outcome(status: str, subject: str) -> str:
    """What confirming evidence would do: 'settle it as yes', 'make it open'."""
    verdict = {"resolved_yes": "yes", "resolved_no": "no"}.get(status)
    return f"settle {subject} as {verdict}" if verdict else f"make {subject} {_status(status)}"


def _by_outcome(row) -> dict[str | None, list[str]]:
    """A claim's pending events grouped by what each, confirmed alone, would make its status (None: only
    together with the others), in the order given: bull's Google has two that would each settle it as no and one,
    dated before the claim, that would make it ambiguous."""
    ids = str(row["pending"]).split(", ")
    alone = str(row.get("if_alone") or "").split(", ")
    alone = alone if len(alone) == len(ids) and all(alone) else [row["if_confirmed"]] * len(ids)
    groups: dict[str | None, list[str]] = {}
    for event, status in zip(ids, alone, strict=True):
        groups.setdefault(None if status == row["status"] else status, []).append(event)
    return groups


def _what_each(groups: dict[str | None, list[str]], together: str) -> str:
    """What confirming the pending claims would do: ', which would settle it as yes', ', either of which would
    ...', ': either of 2 would settle it as no; 1 would make it ambiguous (...)', ', which together would ...'."""

    def some(n: int) -> str:
        return "one" if n == 1 else "either of 2" if n == 2 else f"any of {n}"

    if len(groups) == 1:
        ((outcome, ids),) = groups.items()
        if outcome is None:
            return f", which together would {_outcome(together, 'it')}"
        which = "which" if len(ids) == 1 else f"{'either' if len(ids) == 2 else 'any'} of which"
        return f", {which} would {_outcome(outcome, 'it')}"
    return ": " + "; ".join(
        f"together they would {_outcome(together, 'it')}"
        if outcome is None
        else f"{some(len(ids))} would {_outcome(outcome, 'it')}"
        for outcome, ids in groups.items()
    )


def _possessive(title: str) -> str:
    """'Runway: world-model demo by June 2027' -> "Runway's world-model demo by June 2027"; a claim of absence
    keeps its title in quotes ('“Google: no world-model product before 2028”', never "Google's no ...")."""
    company, _, claim = str(title).partition(": ")
    if claim.startswith("no "):
        return f"“{title}”"
    return f"{company}'s {claim}" if claim else str(title)


def _status_by(status: str, by: str) -> str:
    """A status with what decided it: 'resolved: yes (A manifesto, 2026-06-23)'; one parenthesis, never two:
    'ambiguous (met or refuted before it was made; GWM-1, 2025-12-31)'."""
    if not by:
        return status
    return f"{status[:-1]}; {by})" if status.endswith(")") else f"{status} ({by})"


def p_range(p: float, interval: tuple[float, float] | list | None = None) -> str:
    """A probability with its interval: '20% (10% to 30%)', '3% (under 1% to 12%)'; an interval equal to the
    point is left out."""
    if interval is None or interval[0] == interval[1] == p:
        return format_value(PROBABILITY, p)
    low, high = (format_value(PROBABILITY, v) for v in interval)
    return f"{format_value(PROBABILITY, p)} ({probability_range(low, high)})"


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
    sweeps: dict | None = None,
    gaps: int | None = None,
) -> tuple[Answer, str]:
    """The notebook's answer, generated from its results: how many predictions are settled under the
    headline setting, and the probability of the one that pending evidence bears on (else the first open
    one), conditional on that evidence not being confirmed, with its flag (``confidence``: event id ->
    confidence). The details (at most about 50 words each) give each claim's status, what the other reading
    decides (``other``: its statuses with the same evidence), what is pending and where the strictest setting
    (strict reading, reported evidence only) does not support the stated status. The second value, Markdown for
    the body of the page, names the events behind them (``events``: each event id's description, so events are
    named in words, never by id) and says where each probability stands in its structural sweep and which
    choices it takes (``sweeps``: ``predictions.point_in_sweep`` by prediction; ``gaps``: the reference class's
    gaps). Key numbers name the results ``settled`` (by reading) and ``probability`` (by prediction)."""
    events, confidence = events or {}, confidence or {}

    def named(ids: str) -> str:
        return ", ".join(event_words(events[i]) if i in events else "an event" for i in str(ids).split(", "))

    def decided(row) -> str:
        if row.get("deciding_event") and not pd.isna(row["deciding_event"]):
            return f"{named(row['deciding_event'])}, {row['deciding_date']}"
        return ""

    def resolves(row) -> bool:
        return bool(row.get("pending")) and str(row.get("if_confirmed")).startswith("resolved")

    def flags_of(row) -> list[str]:
        return sorted({confidence[i] for i in str(row["pending"]).split(", ") if i in confidence})

    other_reading = next((r for r in READINGS if r != reading), None)
    other_rows = other.set_index("prediction_id") if other is not None and len(other) else None
    rows = headline.set_index("prediction_id")
    strict_status = strictest.set_index("prediction_id")["status"]
    details, notes, numbers, flips = [], [], [], []
    for pid, row in rows.iterrows():
        # the lead bullet says where each claim stands; its note in the body names the events and the choices
        text = f"{titles[pid]}: {_status_by(_status(row['status']), decided(row))}"
        note = []
        if row.get("earlier"):
            text += "; qualifying events before it was made too"
            note.append(f"qualifying events before it was made: {named(row['earlier'])}")
        if row.get("pending"):
            flags = flags_of(row)
            groups = _by_outcome(row)
            text += f"; pending confirmation of {_a(flags, sum(len(ids) for ids in groups.values()))}" + _what_each(
                groups, row["if_confirmed"]
            )
            flagged = f" ({', '.join(flags)})" if flags else ""
            note.append(f"pending confirmation of {named(row['pending'])}{flagged}")
            kind = " ".join(flags) + " " if flags else ""
            for outcome, ids in groups.items():
                quoted = [f"'{named(i)}'" for i in ids]
                claims = listed(quoted) if outcome is None else listed(quoted).replace(" and ", " or ")
                does = _outcome(row["if_confirmed"] if outcome is None else outcome, _possessive(titles[pid]))
                together = " together" if outcome is None else ""
                flips.append(f"confirming the {kind}claim{'s' * (len(ids) > 1)} {claims} would{together} {does}")
        if interval.get(pid) is not None:
            condition = " if the pending evidence is not confirmed" if resolves(row) else ""
            text += f"; model probability it comes true {p_range(probability[pid], interval[pid])}{condition}"
            note.append(
                f"model probability {format_value(PROBABILITY, probability[pid])}, interval over the inputs and "
                f"structural choices {range_text(PROBABILITY, *interval[pid])}"
                + sweep_choice((sweeps or {}).get(pid), gaps, str(titles[pid]).partition(": ")[0])
            )
            numbers.append((f"Chance of “{titles[pid]}”", f"probability.{pid}", f"probability_interval.{pid}"))
        said = None
        if other_rows is not None and pid in other_rows.index:
            alt = other_rows.loc[pid]
            if alt["status"] != row["status"]:
                text += f"; under the {other_reading} reading it is {_status(alt['status'])}"
                if decided(alt):
                    note.append(
                        f"under the {other_reading} reading it is {_status_by(_status(alt['status']), decided(alt))}"
                    )
                said = alt["status"] if other_reading == "strict" and min_confidence == "reported" else None
        strict = strict_status[pid]
        if strict != row["status"] and strict != said:
            text += f"; under the strict reading with reported evidence only it is {_status(strict)}"
            if min_confidence != "reported":
                flips.append(
                    f"with reported evidence only under the strict reading {_possessive(titles[pid])} is "
                    f"{_status(strict)}"
                )
        details.append(text)
        if note:
            notes.append(f"{titles[pid]}: {'; '.join(note)}.")
    count = RESULTS["settled"]
    n = len(rows)
    settled = rows[rows["status"].isin(SETTLED)]
    if len(settled):
        short = {"resolved_yes": "yes", "resolved_no": "no"}
        which = ", ".join(
            f"{str(titles[pid]).partition(': ')[0]}: {short.get(r['status'], _status(r['status']))}"
            for pid, r in settled.iterrows()
        )
        verb = "is" if len(settled) == 1 else "are"
        text = (
            f"As of {as_of}, {format_value(count, len(settled))} of the article's {n} predictions {verb} settled "
            f"({which})"
        )
        strict_settled = int(strictest["status"].isin(SETTLED).sum())
        if strict_settled != len(settled):  # the headline rests on a reading or on flagged evidence: say so
            text += f", {format_value(count, strict_settled)} under the strict reading with reported evidence only"
    else:
        evidence = (
            "reported evidence only"
            if min_confidence == "reported"
            else "estimated, disputed and aggregator-only evidence counted"
        )
        text = f"As of {as_of}, none of the article's {n} predictions is settled ({reading} reading, {evidence})"
    pending_rows = [pid for pid, r in rows.iterrows() if resolves(r) and interval.get(pid) is not None]
    open_rows = [pid for pid in rows.index if interval.get(pid) is not None]
    featured = (pending_rows or open_rows or [None])[0]
    if featured is not None:
        text += (
            f"; the model puts {_possessive(titles[featured])} at {p_range(probability[featured], interval[featured])}"
        )
        if featured in pending_rows:
            flags = flags_of(rows.loc[featured])
            text += f", unless {_a(flags)} is confirmed"
    numbers.insert(0, (f"Predictions settled ({reading} reading)", f"settled.{reading}", "predictions"))
    if other_rows is not None:
        other_settled = int(other_rows["status"].isin(SETTLED).sum())
        numbers.insert(1, (f"Settled under the {other_reading} reading", f"settled.{other_reading}", "predictions"))
        if other_settled != len(settled):
            verb = "is" if other_settled == 1 else "are"
            flips.append(
                f"under the {other_reading} reading {format_value(count, other_settled)} of {n} {verb} settled"
            )
    if not flips:
        flips.append(
            "only a new event in the ledger changes a status; the probabilities move with the model's assumptions"
        )
    counts = sourcing(sources if sources is not None else pd.DataFrame(columns=["source_url", "tier"]))
    return Answer(text, details, numbers[:5], "; ".join(flips), counts), claim_notes(notes)


def claim_notes(notes: list[str]) -> str:
    """The detail behind the answer's bullets, one per claim, for the body of the page (Markdown)."""
    if not notes:
        return ""
    return "What each claim's line in the answer rests on:\n\n" + "\n".join(f"- {esc(n)}" for n in notes)


def _sweep_ends(sweep: dict) -> tuple[float, float]:
    return round_probability(sweep["low"]), round_probability(sweep["high"])


def prior_only_ends(sweep: dict) -> str:
    """Which ends of a sweep only prior-only rows reach (``predictions.point_in_sweep``): ' (the 10% rests on the
    prior alone: 1 release)'; empty when rows resting on the ledger reach both ends."""
    (low, high), labels = _sweep_ends(sweep), (sweep["low_prior_only"], sweep["high_prior_only"])
    return _prior_only_note(zip((low, high), labels, strict=True))


def _prior_only_note(ends) -> str:
    """' (the 10% rests on the prior alone: 1 release)' for each (value, label) end with a prior-only label."""
    notes = [
        f"the {format_value(RESULTS['probability_sweep'], value)} "
        + label.replace("prior only", "rests on the prior alone")
        for value, label in ends
        if label
    ]
    return f" ({'; '.join(dict.fromkeys(notes))})" if notes else ""


def _table_end_label(group: pd.DataFrame, value: float) -> str | None:
    """The sweep table's 'the share rests on' at ``value`` when every row there rests on the prior alone, else None."""
    labels = group.loc[group["probability"] == value, "the share rests on"]
    return labels.max() if labels.str.startswith("prior only").all() else None


POSITIONS = {"lowest": "the lowest of them", "highest": "the highest of them", "inside": "inside them"}


def sweep_choice(sweep: dict | None, gaps: int | None, company: str) -> str:
    """Where a point stands in its structural sweep and which choices it takes and why (``point_in_sweep``):
    '; its structural choices give 3% to 10%, the point the lowest of them (it takes ...)'. Empty without."""
    if sweep is None:
        return ""
    low, high = _sweep_ends(sweep)
    text = f"; its structural choices give {range_text(RESULTS['probability_sweep'], low, high)}"
    text += prior_only_ends(sweep)
    text += f", the point {POSITIONS[sweep['position']]}" if low != high else ""
    uses = sweep["uses"]
    if uses is not None:
        prior = str(uses["prior"]).partition(" ")[0]
        pace = f"the pace pooled over {gaps} gaps of the reference class" if gaps else "the reference class's pace"
        text += (
            f" (it takes all {uses['releases']} of {company}'s {uses['denominator']} and {pace}, the choices "
            f"resting on the most data, with the {prior} prior on the qualifying share)"
        )
    return text


# ---- the sentences and captions between the notebook's tables ---------------------------------------


def settings_line(as_of: str, reading: str, min_confidence: str, predictions: int, events: int) -> str:
    return f"as_of {as_of}; reading {reading}; evidence {min_confidence}; {predictions} predictions, {events} events"


def snapshot_note(as_of: str, snapshot: str) -> str:
    """A warning when the status date is after the data snapshot (empty otherwise)."""
    if pd.Timestamp(as_of) <= pd.Timestamp(snapshot):
        return ""
    return (
        f"**Note:** the date of the analysis ({esc(as_of)}) is after the data snapshot ({snapshot}). Events after the "
        "snapshot are not in the data, so statuses past it assume that nothing else happened."
    )


def status_caption(as_of: str, min_confidence: str) -> str:
    return (
        f"Status as of {as_of} under both readings ({min_confidence} evidence), with the deciding event, earlier "
        "qualifying events and evidence pending confirmation"
    )


def status_sentence(
    as_of: str, reading: str, min_confidence: str, chosen: pd.DataFrame, titles: dict, events: dict
) -> str:
    """Markdown: how many claims have each status under the chosen setting, then each claim's status with
    its deciding event and what pending evidence would make it (``events``: event id -> description)."""
    counts = chosen["status"].value_counts()
    parts = []
    for pid, r in chosen.iterrows():
        status, _, why = _status(r["status"]).partition(" (")  # 'ambiguous', 'met or refuted before it was made)'
        by = ""
        if pd.notna(r["deciding_event"]):
            by = f"decided by {event_words(events[r['deciding_event']])}, {r['deciding_date']}"
        inner = "; ".join(x for x in (why.removesuffix(")"), by) if x)  # one parenthesis: why, what decided it
        text = f"{esc(titles[pid])}: **{esc(status)}**" + (f" ({esc(inner)})" if inner else "")
        if r["pending"]:
            pending = "; ".join(event_words(events[e]) for e in r["pending"].split(", "))
            text += f"; pending confirmation of {esc(pending)}{esc(_what_each(_by_outcome(r), r['if_confirmed']))}"
        parts.append(text + ".")
    return (
        f"As of {esc(as_of)}, under the **{reading}** reading with **{min_confidence}** evidence: "
        + ", ".join(f"**{n}** {esc(_status(s))}" for s, n in counts.items())
        + ". "
        + " ".join(parts)
    )


def fit_sentence(fit: dict, companies: int, hazard_model: str, basis: str, draws: int) -> str:
    """Markdown: the reference class and the fitted model (``fit``: the published ``fit`` record)."""
    declared = RESULTS["fit"]
    k = format_value(declared.field("shape_k"), fit["shape_k"])
    median = format_value(declared.field("median_months"), fit["median_months"])
    curve = MODEL_WORDS.get(hazard_model, f"{hazard_model} curve")
    return (
        f"**{fit['gaps']}** gaps from {companies} companies, **{fit['observed']}** of them observed. The time "
        f"between releases, fitted as {curve}, has a shape of about {k} (1: the same chance every month) and a "
        f"median of about **{median}** ({basis}), before the share of releases that qualify and the chance that a "
        "demo never comes are applied (each claim's, with its basis, in the table below); "
        f"the fit is repeated on {draws:,} resamplings of the gaps for its uncertainty."
    )


#: The time-to-event models in a reader's words (the parameter's values stay in the rerun block).
MODEL_WORDS = {"weibull": "a Weibull curve", "exponential": "a constant chance each month"}


def share_basis(share) -> str:
    """How q was obtained, in words (``demo_timing.QualifyingShare``)."""
    if share.basis == "set by parameter":
        return "set by the reader (rerun block)"
    return (
        f"{share.qualifying} of {share.releases} answering releases known by the chosen date were matched by a "
        "counted qualifying event (Jeffreys posterior mean)"
    )


def sweep_sentence(sweep: pd.DataFrame) -> str:
    """Markdown: what the structural sweep spans (``sweep``: ``PredictionAnalysis.sweep_table``)."""
    if not len(sweep):
        return "No claim is open, so no structural choice is swept."
    shown = sweep.dropna(subset=["probability"])
    spans = "; ".join(
        f"{esc(title)}: {range_text(RESULTS['probability'], low, high)}"
        + _prior_only_note((end, _table_end_label(group, end)) for end in dict.fromkeys((low, high)))
        for title, group in shown.groupby("prediction", sort=False)
        for low, high in [(group["probability"].min(), group["probability"].max())]
    )
    unfitted = len(sweep) - len(shown)
    return (
        "Each open claim's probability under every combination of the structural choices (the prior on *q*; "
        "which releases answer, and so the pace they arrive at; the pooled reference class or the company's "
        "own gaps at the pooled shape), with the chance that it never comes at its stated value: "
        f"{spans}. The published interval spans all of them as well as the 90% interval of the joint draws."
        + (
            f" {unfitted} choices cannot be fitted (no observed gap of the company's own) and are left out."
            if unfitted
            else ""
        )  # fmt: skip
    )


def scores_caption(as_of: str, reading: str, min_confidence: str) -> str:
    return f"Scores as of {as_of} ({reading} reading, {min_confidence} evidence)"


def scores_empty(as_of: str, reading: str, predictions: int) -> str:
    return (
        f"None of the {predictions} predictions has come true or failed by {as_of} under the {reading} reading, "
        "so none is scored."
    )


def calibration_sentence(scores: pd.DataFrame, predictions: int, minimum: int) -> str:
    """Why there is no calibration chart (empty when there are enough resolved claims for one)."""
    if len(scores) >= minimum:
        return ""
    brier = RESULTS["brier"]
    means = (
        f"Mean Brier score: article **{format_value(brier, scores['article_brier'].mean())}**, "
        f"model **{format_value(brier, scores['model_brier'].mean())}**."
        if len(scores)
        else ""
    )
    return (
        f"No calibration chart: it needs at least {minimum} resolved claims to say anything, "
        f"and {len(scores)} of {predictions} are resolved here. " + means
    )


def reference_class_caveat(companies: int, gaps: int, world_model_observed: int) -> str:
    return (
        f"- The reference class pools video and world-model releases of {companies} companies "
        f"({gaps} gaps; the world-model class alone, {world_model_observed} observed gaps, is too few to "
        "fit a shape alone: it is shown as a check and is one of the structural choices the interval spans). "
        "The clock starts at the made date, not at each company's last release; only releases known by the chosen "
        "date enter, censored at it; *q* is estimated from the ledger and *p*<sub>never</sub> is a judgement, both "
        "drawn in the interval. The probability is a rough "
        "prior, not a forecast of any one company."
    )
