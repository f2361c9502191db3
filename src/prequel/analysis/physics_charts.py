"""Charts of the physics-evidence notebook: every entry against its date, and the frontier's pace."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display

from ..present.labels import span
from ..present.report import show_md
from ..present.style import (
    CAPTION_SIZE,
    LOW_HIGH,
    alt_text,
    caption,
    company_colors,
    date_axis,
    direct_label,
    finding_title,
    fits,
    mpl_text,
    on_narrow,
    readable_text,
    state_finding,
)
from ..results import format_value
from .physics import (
    INPUT_NAMES,
    MEASURE,
    PACE_STEP,
    RESULTS,
    START_WORDS,
    YEAR_DAYS,
    round_step,
)


def score(value: float) -> str:
    """A leaderboard score as its declaration shows it on every page, tile and chart: '43.8%'."""
    return format_value(RESULTS["best_score"], value)


INPUT_MARKERS = {"i2v": "o", "v2v": "s"}
OTHERS = "0.7"
FIT = LOW_HIGH[0]  # the fitted pace: a dark grey, never a company's colour


def _wrap(text: str, width: int = 95) -> str:
    return "\n".join(textwrap.wrap(mpl_text(text), width))


HIGHLIGHT = "runway"  # the company the article is about: found at a glance (larger marks, its label in bold)
NAMED = "#4D4D4D"  # an emphasised company without a colour of its own: dark grey, named


def _labels(ax, rows: pd.DataFrame, colors: dict, names: dict) -> list:
    """Name the article's companies' entries beside their markers, each in its company's colour (Runway's first and
    in bold), placed apart by ``direct_label``. A model with several entries (from an image and from a video) is
    named once, at its best score: two labels of one name would cross their leader lines. Returns the labels a phone
    hides: all but Runway's and each other company's best entry (``_phone_names``)."""
    best = rows.sort_values("score_pct", ascending=False, kind="stable").drop_duplicates(["company_id", "model"])
    kept = _phone_names(best)
    # the latest placed first: the leaders of the crowded first entries, placed after, keep off their labels
    first = best.assign(other=best["company_id"] != HIGHLIGHT, day=-best["as_of_date"].astype("int64"))
    order = first.sort_values(["other", "day", "score_pct"], kind="stable")
    hidden = []
    for row in order.itertuples():
        ours = row.company_id == HIGHLIGHT
        text = entry_name(row.company_id, row.model, names)  # the marker's shape gives the input type
        label = direct_label(ax, row.as_of_date, row.score_pct, text, color=readable_text(colors.get(row.company_id,
                             NAMED)), gap=7, fontweight="bold" if ours else "normal")  # fmt: skip
        if row.Index not in kept:
            hidden.append(label)
    return hidden


def _phone_names(best: pd.DataFrame) -> set:
    """The entries of ``best`` (one a model) a phone names: Runway's, and each other company's best single-output
    entry (its best of several outputs when it has no other), as the chart's alt text names them."""
    single = best["best_of_n"] != "true"
    top = best.assign(single=single).sort_values(["single", "score_pct"], ascending=False, kind="stable")
    return set(best.index[best["company_id"] == HIGHLIGHT]) | set(top.drop_duplicates("company_id").index)


def entry_name(company_id: str, model, names: dict) -> str:
    """A leaderboard entry named for readers: "Google: VideoPoet", or the model alone when it starts with its
    company's name ("Runway Gen 3")."""
    company = names.get(company_id, company_id).split(" (")[0]  # "Google (Alphabet)" -> "Google"
    return str(model) if str(model).lower().startswith(company.lower()) else f"{company}: {model}"


def evidence_chart(
    entries: pd.DataFrame,
    frontier: pd.DataFrame,
    emphasised: list[str],
    colors: dict,
    names: dict,
    threshold: float,
    as_of,
    source_note: str = "",
    input_type: str = "both",
):
    """Every entry's score against the date it was added (i2v circles, v2v squares; best-of-N hollow), the
    article's companies in their colours and labelled, others grey; the running best as a step line; the
    ceiling (a second real recording) at 100% and the threshold when it differs."""
    fig, ax = plt.subplots(figsize=(10, 5.6))
    ax.axhline(100, color="0.2", lw=1.2)
    ax.text(0.01, 99, "100% = as close to reality as\na second real recording", transform=ax.get_yaxis_transform(),
            va="top", fontsize=CAPTION_SIZE, color="0.2")  # fmt: skip
    if threshold < 100:
        ax.axhline(threshold, color="0.35", lw=1, ls="--")
        ax.text(0.01, threshold - 1, f"threshold {threshold:g}%", transform=ax.get_yaxis_transform(), va="top",
                fontsize=CAPTION_SIZE, color="0.35")  # fmt: skip
    if len(frontier):
        end = max(pd.Timestamp(as_of), frontier["date"].iloc[-1])
        ax.step(list(frontier["date"]) + [end], list(frontier["best"]) + [frontier["best"].iloc[-1]], where="post",
                color="0.1", lw=1.5)  # fmt: skip
        holder = frontier.iloc[-1]  # the headline's model (the frontier's entry holding it) is named where it ends
        best = "running best"
        if {"company_id", "model"} <= set(frontier.columns):
            best += f": {entry_name(holder['company_id'], holder['model'], names)}, {score(holder['best'])}"
        # on a phone, it ends at the line's end: inside the plot, in two lines (centred, it passed the plot's edge)
        direct_label(ax, end, holder["best"], best, side="above", phone_ha="right", phone_wrap=30)
    for row in entries.itertuples():
        runway, named = row.company_id == HIGHLIGHT, row.company_id in emphasised
        color = colors.get(row.company_id, NAMED) if named else OTHERS
        hollow = row.best_of_n == "true"
        ax.plot(row.as_of_date, row.score_pct, marker=INPUT_MARKERS[row.input_type], ls="none",
                markersize=10 if runway else 7 if named else 6, markeredgecolor=color, markeredgewidth=1.4,
                markerfacecolor="white" if hollow else color, zorder=4 if runway else 3 if named else 2)  # fmt: skip
    hidden = _labels(ax, entries[entries["company_id"].isin(emphasised)], colors, names)
    ax.set_ylim(0, 105)
    ax.set_ylabel(f"Physics-IQ score (% {MEASURE})")  # the measure as the title and the sentences name it
    date_axis(ax.xaxis, "%Y-%m")
    runway = names.get(HIGHLIGHT, "Runway")
    note = caption(fig, _wrap(" ".join([source_note, _key(runway)]).strip(), 140))
    phone_note = " ".join([source_note, _key(runway, phone=bool(hidden))]).strip()
    on_narrow(fig, lambda: _fewer_names(ax, hidden, note, phone_note))
    _evidence_finding(fig, entries, frontier, emphasised, names, threshold, input_type)
    fig.tight_layout()
    return fig


PHONE_SCORE_LABEL = "Physics-IQ score (%)"  # one line on a phone: the title names the measure


def _key(runway: str, phone: bool = False) -> str:
    """The chart's key; on a ``phone``, in fewer words, saying that only Runway's entries and each company's best
    are named."""
    shapes = "Circles: from one image; squares: from a video's first frames; hollow: best of several outputs."
    if phone:
        return (
            f"Colours: the article's companies ({runway}'s marks larger); grey: other entries. Named: {runway}'s "
            f"entries and each other company's best (every entry is in the table below). {shapes} Line: the running "
            "best."
        )
    return (
        f"The article's companies in their colours ({runway}'s marks larger, named in bold); other entries light "
        f"grey; a model with several entries is named once, at its best. {shapes} Line: the running best of the "
        "setting's input type."
    )


def _fewer_names(ax, hidden: list, note, phone_note: str) -> Callable[[], None]:
    """On a phone, the ``hidden`` labels hidden (crowded early entries left no place for every name), the axis label
    in one line, and the caption (``note``) as ``phone_note`` (saying which entries are named). Returns the undo."""
    label, written = ax.get_ylabel(), note.get_text()
    for t in hidden:
        t.set_visible(False)
    ax.set_ylabel(PHONE_SCORE_LABEL)
    note.set_text(mpl_text(phone_note))

    def undo() -> None:
        for t in hidden:
            t.set_visible(True)
        ax.set_ylabel(label)
        note.set_text(written)

    return undo


def _evidence_finding(fig, entries, frontier, emphasised, names, threshold: float, input_type: str) -> None:
    """The best score that counts (the frontier's input type) against the ceiling of a real recording (or the
    threshold), and where each of the article's companies stands (its best single-output entry on the chart)."""
    short = None
    if len(frontier):
        best = float(frontier["best"].iloc[-1])
        start = START_WORDS[input_type].strip()
        lead = f"{start[:1].upper() + start[1:]}, the best model" if start else "The best model"
        title = f"{lead} reaches {score(best)} of a real recording's {MEASURE}"
        short = next(  # the phone's title, in two lines: the input type kept when it fits
            (t for t in (f"Best {start.removeprefix('starting ')}: {score(best)} of a real recording's {MEASURE}"
             if start else "", f"Best model: {score(best)} of a real recording's {MEASURE}")
             if t and fits(t)), None,
        )  # fmt: skip
        if threshold < 100:
            title = f"The best model scores {score(best)}, against a threshold of {threshold:g}%"
    else:
        title = "No entry counts under these settings"
    single = entries[entries["company_id"].isin(emphasised) & (entries["best_of_n"] != "true")]
    ours = [
        f"{names.get(c, c)} {score(rows['score_pct'].max())} "
        f"({rows.loc[rows['score_pct'].idxmax(), 'model']}, "
        f"{INPUT_NAMES.get(rows.loc[rows['score_pct'].idxmax(), 'input_type'], '')})"
        for c, rows in single.groupby("company_id", sort=False)
    ]
    missing = [names.get(c, c) for c in emphasised if c not in set(single["company_id"])]
    state_finding(
        fig,
        finding_title(title),
        alt_text(
            title,
            "The article's companies, best single-output entry: " + ", ".join(ours) if ours else "",
            ("No entry: " + ", ".join(missing)) if missing else "",
            f"{len(entries)} entries drawn against the date each was added",
        ),
        phone_title=short,
    )


def pace_chart(
    frontier: pd.DataFrame,
    pace: float,
    intercept: float,
    pace_interval: tuple[float, float],
    best: float,
    threshold: float,
    as_of,
    source_note: str = "",
):
    """The running best (steps and points) and the fitted line over the span it was fitted on. Nothing is drawn
    beyond the last frontier date: the line describes the past and is never carried to the threshold."""
    fig, ax = plt.subplots(figsize=(10, 5))
    start = frontier["date"].iloc[0]
    as_of = pd.Timestamp(as_of)
    ax.step(list(frontier["date"]) + [as_of], list(frontier["best"]) + [best], where="post", color="0.1", lw=1.5)
    direct_label(ax, as_of, best, "running best", side="above")
    ax.plot(frontier["date"], frontier["best"], "o", color="0.1", ms=5)
    span = np.array([0.0, (frontier["date"].iloc[-1] - start).days / YEAR_DAYS])
    fit_dates = [start + pd.Timedelta(days=float(d * YEAR_DAYS)) for d in span]
    ax.plot(fit_dates, intercept + pace * span, color=FIT, lw=1.5, ls="--")  # not a company's colour
    direct_label(
        ax,
        fit_dates[-1],
        intercept + pace * span[-1],
        f"trend, {pace:.0f} points a year",
        color=FIT,
        side="below",
        key="dashed line",
    )  # named in the caption where a phone has no room for it; fmt: skip
    ax.axhline(threshold, color="0.35", lw=1, ls="--")
    ax.text(0.01, threshold + 1, f"threshold {threshold:g}%", transform=ax.get_yaxis_transform(), fontsize=CAPTION_SIZE)
    ax.set_ylim(0, max(105, threshold + 5))
    ax.set_ylabel(f"Best Physics-IQ score so far (% {MEASURE})")
    date_axis(ax.xaxis, "%Y-%m", mdates.MonthLocator(bymonth=(1, 7)))  # half-years; fewer, shorter on a phone
    if source_note:
        caption(fig, _wrap(source_note, 140))
    _pace_finding(fig, pace, pace_interval, best, threshold)
    fig.tight_layout()
    return fig


def _pace_finding(fig, pace: float, pace_interval: tuple[float, float], best: float, threshold: float) -> None:
    """The fitted pace with its interval, and the best score against the threshold (no time to reach it)."""
    low, high = (round_step(v, PACE_STEP) for v in pace_interval)
    rate = f"about {round_step(pace, PACE_STEP):g} points a year"
    title = f"The best score has risen {rate}" if best < threshold else f"The best score has reached {threshold:g}%"
    state_finding(
        fig,
        finding_title(title),
        alt_text(
            title,
            f"Pace {rate}, 90% interval {span(f'{low:g}', f'{high:g}')}",
            f"best so far {score(best)}, threshold {threshold:g}%",
        ),
    )


def evidence_chart_of(a):
    """Notebook 05's first chart (``a``: its ``PhysicsAnalysis``; entries to draw)."""
    p = a.params
    return evidence_chart(
        a.chart_entries, a.frontier, a.article, company_colors(list(a.names)), a.names, p["threshold_pct"],
        p["as_of"], source_note=a.words.evidence_note, input_type=p["input_type"],
    )  # fmt: skip


def pace_chart_of(a):
    """Notebook 05's pace chart (``a``: its ``PhysicsAnalysis``, with a pace)."""
    r = a.pace
    return pace_chart(
        r.frontier, r.pace, r.intercept, r.pace_interval, r.best, a.params["threshold_pct"], a.params["as_of"],
        source_note=a.words.pace_note,
    )  # fmt: skip


def show_evidence_chart(a) -> None:
    """Notebook 05's first chart, or the sentence saying why there is none."""
    if a.chart_entries.empty:
        show_md(a.words.no_chart)
        return
    fig = evidence_chart_of(a)
    display(fig)
    plt.close(fig)


def show_pace_chart(a) -> None:
    """Notebook 05's pace chart, or the sentence saying why there is no pace."""
    if a.pace.pace is None:
        show_md(a.words.no_pace)
        return
    fig = pace_chart_of(a)
    display(fig)
    plt.close(fig)
