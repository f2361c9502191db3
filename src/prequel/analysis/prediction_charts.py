"""The timeline chart of the prediction notebook."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.transforms import blended_transform_factory

from ..present.style import (
    CAPTION_SIZE,
    alt_text,
    caption,
    company_colors,
    date_axis,
    direct_label,
    finding_title,
    label_line_ends,
    on_narrow,
    pct_axis,
    readable_text,
    state_finding,
    wrapped_tick_labels,
)
from .predictions import with_dates
from .predictions_words import p_range

if TYPE_CHECKING:
    from ..data import Dataset
    from .predictions import PredictionAnalysis

EFFECT_MARKERS = {"qualifies": "o", "breaks_premise": "X"}
MARKER_WORDS = {"qualifies": "circle", "breaks_premise": "X"}  # each marker in a caption's words
#: Statuses in the order and words a title counts them.
STATUS_COUNTED = {
    "resolved_yes": "came true",
    "resolved_no": "failed",
    "annulled": "annulled",
    "ambiguous": "ambiguous",
    "overdue": "overdue",
    "open": "still open",
    "not_yet_made": "not yet made",
}


CHANCE_LABEL = "Chance the claim comes true if its window closed then"
CHANCE_WRAP = 28  # characters a line of the lower plot's axis label on the page


def _chance_label_above(ax) -> Callable[[], None]:
    """On a phone, the lower plot's axis label as its title: upright it was taller than the short plot and reached
    into the one above, and in three lines it left the plots too narrow. Returns the undo."""
    ax.set_ylabel("")
    ax.set_title(CHANCE_LABEL, fontsize=10, fontweight="normal")
    return lambda: (ax.set_title(""), ax.set_ylabel(textwrap.fill(CHANCE_LABEL, CHANCE_WRAP)))


def short(text: str, width: int = 34) -> str:
    """An event's name for a label: its headline (the words before a colon), shortened at a word to ``width``;
    a cut inside brackets cuts before them, so no label opens a bracket it does not close."""
    cut = textwrap.shorten(str(text).split(":")[0], width=width, placeholder="...")
    if cut.count("(") > cut.count(")"):
        opened = cut.rindex("(")
        cut = cut[:opened].rstrip() + "..." if opened else cut[1:]
    return cut


def timeline(
    predictions: pd.DataFrame,
    events: pd.DataFrame,
    curves: pd.DataFrame,
    as_of,
    reading: str,
    colors: dict,
    grace_days: int,
    source_note: str = "",
    uncounted: frozenset = frozenset(),
    intervals: dict | None = None,
    status: dict | None = None,
):
    """Top: each prediction's window (made -> deadline, grace hatched), its deciding events as labelled
    stems (filled: happened by as_of; hollow: not yet; dashed, '(pending)': not counted, pending confirmation),
    the article's predicted dates (hollow diamonds), as-of line, past shaded.
    Bottom: for each open claim, the quantity the probability table reports (P(the claim comes true))
    as if its window closed at each date; at the deadline it is the table's value, with its interval.
    ``status`` (prediction id -> status under ``reading``) gives the title its count; without it, a claim
    with a curve counts as open."""
    intervals = intervals or {}
    as_of = pd.Timestamp(as_of)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7.5), sharex=True, gridspec_kw={"height_ratios": [1.3, 1]})
    drawn = events[events[reading].isin(list(EFFECT_MARKERS))]
    start = min(
        drawn["as_of_date"].min() if len(drawn) else as_of, predictions["made_date"].min(), as_of
    ) - pd.Timedelta(days=60)
    end = max(predictions["deadline_date"].max() + pd.Timedelta(days=120), as_of + pd.Timedelta(days=60))
    for ax in (top, bottom):
        ax.axvspan(start, as_of, color="0.93", zorder=0)
        ax.axvline(as_of, color="0.2", ls="--", lw=1.2)
    top_edge = blended_transform_factory(top.transData, top.transAxes)  # inside the plot's top, however short it is
    top.text(as_of, 0.99, f" as of {as_of:%Y-%m-%d}", fontsize=CAPTION_SIZE, va="top", transform=top_edge)
    for i, p in enumerate(predictions.itertuples()):
        color, company = colors[p.company_id], str(p.label).split(":")[0]
        top.barh(i, (p.deadline_date - p.made_date).days, left=p.made_date, height=0.18, color=color, alpha=0.5)
        top.barh(i, grace_days, left=p.deadline_date, height=0.18, color="white", edgecolor=color, hatch="///")
        own = events[(events["prediction_id"] == p.prediction_id) & events[reading].isin(list(EFFECT_MARKERS))]
        for j, e in enumerate(own.itertuples()):
            happened = e.as_of_date <= as_of
            pending = e.event_id in uncounted
            height = 0.28 + 0.17 * (j % 3)
            top.vlines(e.as_of_date, i, i + height, color=color, lw=1, ls="--" if pending else "-")
            top.plot(
                e.as_of_date,
                i + height,
                marker=EFFECT_MARKERS[getattr(e, reading)],
                color=color,
                markerfacecolor=color if happened and not pending else "white",
                markersize=7,
            )
            text = (short(e.event, 24) + "\n(pending)") if pending else short(e.event)
            key = f"{company}'s {MARKER_WORDS[getattr(e, reading)]}"  # the caption names it where no place is free
            direct_label(top, e.as_of_date, i + height, text, color=readable_text(color), gap=6, key=key)
        if isinstance(p.predicted_date, str):
            when = p.predicted_end
            top.vlines(when, i - 0.35, i, color=color, lw=1, ls=":")
            top.plot(when, i - 0.35, marker="D", markerfacecolor="white", color=color, markersize=7)
            direct_label(top, when, i - 0.35, "article's predicted date", gap=6, key="hollow diamond")
    names = [str(label).split(":")[0] for label in predictions["label"]]  # on a phone the company, if it is enough
    phone_names = names if len(set(names)) == len(names) else None  # to tell them apart: the plot keeps its width
    wrapped_tick_labels(top.yaxis, range(len(predictions)), list(predictions["label"]), 24, 15, phone_names)
    top.set_ylim(-0.7, len(predictions) - 0.2)
    top.set_title("Each prediction's window and deciding events", fontsize=10, fontweight="normal")
    for company, curve in curves.groupby("prediction_id", sort=False):
        p = predictions.set_index("prediction_id").loc[company]
        color = colors[p["company_id"]]
        bottom.plot(curve["date"], curve["p_claim"], color=color, lw=2, label=str(p["label"]).split(":")[0], zorder=3)
        bottom.axvline(p["deadline_date"], color=color, ls=":", lw=1)
        at_deadline = curve[curve["date"] == p["deadline_date"]]
        if len(at_deadline) and company in intervals:
            point = float(at_deadline["p_claim"].iloc[0])
            low, high = intervals[company]
            bottom.errorbar(
                p["deadline_date"], point, yerr=[[point - low], [high - point]], color=color, capsize=4, marker="o"
            )
    if curves.empty:
        bottom.text(0.5, 0.5, "no open prediction at this date", transform=bottom.transAxes, ha="center", color="0.4")
    else:
        label_line_ends(bottom)  # each curve named by its company, at its end
    bottom.set_ylim(-0.03, 1.03)  # a curve at 0% or 100% stays visible above or below the frame's edge
    pct_axis(bottom.yaxis)
    bottom.set_ylabel(textwrap.fill(CHANCE_LABEL, CHANCE_WRAP))
    on_narrow(fig, lambda: _chance_label_above(bottom))
    bottom.set_xlabel("date")
    bottom.set_xlim(start, end)
    date_axis(bottom.xaxis, "%Y-%m", mdates.MonthLocator(bymonth=(1, 7)))
    caption(
        fig,
        source_note + " Shaded: the past. Circles: qualifying events; X: an event that breaks a premise; "
        "hollow: not yet happened; dashed, '(pending)': not counted until confirmed. Dotted lines: deadlines; "
        "hatched: grace period; bars at deadlines: intervals over the inputs and structural choices.",
    )
    _timeline_finding(fig, predictions, events, curves, as_of, reading, uncounted, intervals, status)
    fig.tight_layout()
    return fig


def _timeline_finding(fig, predictions, events, curves, as_of, reading, uncounted, intervals, status) -> None:
    """How many predictions came true, failed or are open as of ``as_of`` under the reading; evidence
    pending confirmation is named, since it would change a status."""
    ids = list(predictions["prediction_id"])
    open_ids = set(curves["prediction_id"]) if len(curves) else set()
    status = status or {i: "open" if i in open_ids else "decided" for i in ids}
    counts = pd.Series([status[i] for i in ids]).value_counts()
    words = {**STATUS_COUNTED, "decided": "decided"}
    where = f"As of {as_of:%Y-%m-%d} ({reading} reading)"
    if len(counts) == 1:
        every = {1: "the prediction", 2: "both predictions"}.get(len(ids), f"all {len(ids)} predictions")
        title = f"{where}: {every} {words[counts.index[0]]}"
    else:
        title = f"{where}: " + ", ".join(f"{counts[s]} {words[s]}" for s in words if s in counts)
    undecided = [i for i in ids if status[i] in ("open", "overdue", "not_yet_made")]
    pending = events[
        events["event_id"].isin(uncounted)
        & events["prediction_id"].isin(undecided)
        & (events["as_of_date"] <= as_of)
        & events[reading].isin(list(EFFECT_MARKERS))
    ]["prediction_id"].nunique()
    more = f"{pending} with evidence pending confirmation" if pending else ""
    chances = []
    for p in predictions.itertuples():
        curve = (
            curves[(curves["prediction_id"] == p.prediction_id) & (curves["date"] <= p.deadline_date)]
            if len(curves)
            else curves
        )
        if len(curve):
            low_high = (intervals or {}).get(p.prediction_id)
            who = str(p.label).split(":")[0]  # "Runway: world-model demo by June 2027" -> "Runway"
            # as the tiles and sentences give it, by the probability's declaration ('78% to over 99%')
            chances.append(f"{who} {p_range(float(curve['p_claim'].iloc[-1]), low_high)}")
    state_finding(
        fig,
        finding_title(title, more),
        alt_text(
            title + (f"; {more}" if more else ""),
            (
                "Chance that each open claim comes true, with its interval over the inputs and structural "
                "choices: " + "; ".join(chances)
            )
            if chances
            else "",
        ),
    )


def timeline_of(analysis: PredictionAnalysis, data: Dataset) -> plt.Figure:
    """The timeline of an entry point's result (``predictions.analyse``) over the data it read."""
    r = analysis.results
    return timeline(
        with_dates(data.predictions),
        data.events,
        analysis.curves,
        r["as_of"],
        r["strictness"],
        company_colors(list(data.companies["company_id"])),
        analysis.grace_days,
        source_note=analysis.source_note,
        uncounted=analysis.uncounted,
        intervals=r["probability_interval"],
        status=r["status"],
    )
