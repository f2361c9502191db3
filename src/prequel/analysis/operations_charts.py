"""Charts of the operational tradeoffs notebook."""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator, MultipleLocator

from ..present.labels import bare_label, roughly, span
from ..present.report import money, pct
from ..present.style import (
    CAPTION_SIZE,
    FOCUS,
    LOW_HIGH,
    NEUTRAL,
    alt_text,
    caption,
    count_axis,
    direct_label,
    finding_title,
    fits,
    label_bar_series,
    label_line_ends,
    mpl_text,
    neutral_heatmap,
    on_narrow,
    pct_axis,
    readable_text,
    state_finding,
    wrapped_tick_labels,
)
from .operations import visible_swing
from .operations_words import (
    ASSUMPTION_WORDS,
    NONE_SURVIVES,
    about,
    model_settings_note,
    points_shown,
    shown,
    tornado_names,
    tornado_short_names,
    window_chances,
)


def runway_heatmap(months: pd.DataFrame, alive: pd.DataFrame, source_note: str = ""):
    """Months of cash (no revenue growth) over a cash x burn grid; 'A' marks the cells where revenue overtakes
    growing costs before the cash runs out."""
    fig, ax = plt.subplots(figsize=(9, 5.2))
    whole = ax.get_subplotspec()  # the colour bar takes a part of it; the phone gives it back to the cells
    labels = months.round(0).astype(int).astype(str) + np.where(alive, " A", "")
    # whole months on the colour bar, as in the cells (never '7.5')
    neutral_heatmap(
        months, ax, annot=labels, fmt="", cbar_kws={"label": CELL_WORDS, "ticks": MaxNLocator(integer=True)}
    )
    ax.set_xlabel("net burn per month (US$)")
    ax.set_ylabel("cash at the window's start (US$)")
    ax.set_xticklabels([money(float(c)) for c in months.columns], rotation=0)
    ax.set_yticklabels([shown("cash_usd_at_start", float(i)) for i in months.index], rotation=0)
    alive_note = caption(fig, source_note + alive_words(alive, "A"))
    on_narrow(fig, lambda: _heatmap_on_a_phone(ax, whole, np.asarray(alive), alive_note, source_note))
    low, high = months.to_numpy().min(), months.to_numpy().max()
    alive_cells = int(np.asarray(alive).sum())
    title = f"At the assumed burn, cash lasts {span(f'{low:.0f}', f'{high:.0f}')} months"
    more = f"revenue catches up in {alive_cells} of {months.size} cases"
    cash_ends = (months.index.min(), months.index.max())
    state_finding(
        fig,
        finding_title(title, more),
        alt_text(
            title,
            f"Cash at the window's start {span(*(shown('cash_usd_at_start', x) for x in cash_ends))}; net burn "
            f"{span(money(months.columns.min()), money(months.columns.max()))} a month",
            f"{more} (revenue overtakes growing costs before the cash runs out)",
        ),
    )
    fig.tight_layout()
    return fig


ALIVE_NOTE = " {mark}: revenue overtakes growing costs before the cash runs out."
CELL_WORDS = "months of cash at constant burn"


def alive_words(alive: pd.DataFrame | np.ndarray, mark: str) -> str:
    """The caption's key to the mark of revenue catching up, or that it never does (no mark to explain)."""
    if not np.asarray(alive).any():
        return " In no case does revenue overtake growing costs before the cash runs out."
    return ALIVE_NOTE.format(mark=mark)


def _heatmap_on_a_phone(ax, whole, alive: np.ndarray, note, source_note: str) -> Callable[[], None]:
    """On a phone a cell holds two digits, not '34 A': cells where revenue catches up are outlined instead; the bar
    gives its width to the cells (their digits say what it says, and the caption what they count); every other
    burn tick is named (seven '$10M' run together). Returns the function that undoes it."""
    cells = [t for t in ax.texts if t.get_text()]
    saved = [(t, t.get_text()) for t in cells]
    saved_note, ticks, part = note.get_text(), ax.get_xticklabels(), ax.get_subplotspec()
    bars = [other for other in ax.figure.axes if other is not ax]  # the colour bar
    for t in cells:
        t.set_text(t.get_text().removesuffix(" A"))
    ink = defaultdict(lambda: "black", {tuple(map(int, t.get_position())): t.get_color() for t in cells})
    boxes = [  # outlined in the colour of the cell's text: readable on its shade
        ax.add_patch(Rectangle((col + 0.06, row + 0.06), 0.88, 0.88, fill=False, edgecolor=ink[col, row], lw=1.5))
        for row, col in zip(*np.nonzero(alive), strict=True)
    ]
    note.set_text(f"{source_note} Numbers: {CELL_WORDS}.{alive_words(alive, 'Outlined')}".strip())
    for k, tick in enumerate(ticks):
        tick.set_visible(k % 2 == 0)
    for bar in bars:
        bar.set_visible(False)
    ax.set_subplotspec(whole)

    def undo() -> None:
        for t, text in saved:
            t.set_text(text)
        for box in boxes:
            box.remove()
        note.set_text(saved_note)
        for tick in ticks:
            tick.set_visible(True)
        for bar in bars:
            bar.set_visible(True)
        ax.set_subplotspec(part)

    return undo


def demo_cdf(
    curve: pd.DataFrame,
    sims_demo: np.ndarray,
    window: tuple[float, float],
    source_note: str = "",
    miss: float | None = None,
):
    """P(credible demo by month t): the closed form, the simulation's empirical CDF, the window shaded. ``miss``:
    the published P(miss the window), which the title ties to the curve (the chance left once a demo by the
    window's end is taken away)."""
    fig, ax = plt.subplots(figsize=(9, 4.6))
    horizon = float(curve["month"].max())
    months_span = span(*(f"{end:g}" for end in window))
    ax.axvspan(window[0], window[1], color="0.88")
    ax.plot(curve["month"], curve["p_demo_by_month"], lw=2.5, color=FOCUS["runway"], label="Runway: modelled chance")
    ordered = np.sort(sims_demo)
    shares = np.arange(1, ordered.size + 1) / ordered.size
    inside = ordered < horizon  # times at the horizon stand for 'not by then': no step up at the axis's end
    ax.step(
        np.append(ordered[inside], horizon),
        np.append(shares[inside], shares[inside][-1] if inside.any() else 0.0),
        where="post",
        lw=1,
        ls="--",
        color="0.3",
        label="_simulation",  # told in the caption
    )
    direct_label(ax, window[1], 1.0, f"the article's window\n({months_span} months)", va="top")
    ax.set_xlim(0, horizon)
    ax.xaxis.set_major_locator(MultipleLocator(12))  # a tick a year: a phone kept only '0' and '20'
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("months after the window's start")
    pct_axis(ax.yaxis)
    ax.set_ylabel("Chance of a world-model demo by then")
    label_line_ends(ax)
    caption(fig, f"{source_note} Dashed: the simulation's empirical curve, which follows the model's.".strip())
    by_start, by_end = np.interp(window, curve["month"], curve["p_demo_by_month"])
    span_words = f"the {months_span} month window"
    chance = window_chances(curve, window)
    phone_title = None
    if set(np.unique(curve["p_demo_by_month"])) <= {0.0, 1.0}:  # a demo counted from the ledger: a step
        title = f"A credible demo is already counted: the window is {'met' if by_end >= 1 else 'missed'}"
    elif miss is not None:  # the curve's chance at the window's ends and the headline's miss, in one line
        missed = shown("p_miss_window", miss)
        by = f"by month {months_span}"
        title = f"A demo {by} is {roughly(chance)} likely: the window is missed in {roughly(missed)}"
        phone_title = f"Demo {by}: {chance}; window missed in {missed}"
    else:
        title = next(
            (
                t
                for t in (
                    f"A credible demo in {span_words}: {roughly(chance)} likely",
                    f"A demo in {span_words}: {roughly(chance)}",
                )
                if fits(t)
            ),
            f"A demo in the window: {roughly(chance)}",
        )
    state_finding(
        fig,
        title,
        alt_text(
            title,
            f"Chance of a demo by month {window[0]:g}: {about(by_start)}; by month {window[1]:g}: {about(by_end)}",
            f"{len(sims_demo):,} simulated demo times follow the model's curve",
        ),
        phone_title=phone_title,
    )
    fig.tight_layout()
    return fig


def down_round_depths(
    values: np.ndarray,
    post_money: float,
    down: np.ndarray,
    source_note: str = "",
    haircut: Sequence[float] = (),
    revenue_priced: bool = True,
):
    """How deep a down round goes: the fall of the price below the post-money in each simulated outcome that raises
    below it (``values``: the price of every outcome that must raise; ``down``: which of them are down rounds).
    The outcomes priced at or above the post-money (one spike at it, a raise after a demo) are not drawn but
    counted in the text on the chart, so the part the text is about fills the plot. With revenue not priced
    (``revenue_priced`` false) a down round's fall is the haircut itself, and the title says so."""
    fig, ax = plt.subplots(figsize=(9, 4.6))
    depth = 1 - values[down] / post_money
    share = float(np.mean(down)) if len(down) else 0.0
    above = len(values) - int(np.sum(down))
    at_or_above = f"{above:,} of {len(values):,} outcomes that must raise, priced at or above {money(post_money)}"
    if depth.size:
        ax.hist(depth, bins=np.linspace(0, 1, 21), color=NEUTRAL, edgecolor="white")
        median = float(np.median(depth))
        ax.axvline(median, color="black", ls="--", lw=1.2)
        direct_label(ax, median, ax.get_ylim()[1], f"median {shown('down_round_depth_median', median)}", va="top")
    ax.set_xlim(0, 1)
    ax.set_title(f"Not drawn: {at_or_above}", loc="left", fontsize=CAPTION_SIZE, fontweight="normal", color="0.3")
    pct_axis(ax.xaxis)
    ax.set_xlabel(f"fall of a down round's price below the post-money of {mpl_text(money(post_money))}")
    ax.set_ylabel("simulated down rounds")
    count_axis(ax.yaxis)
    caption(fig, source_note)
    if depth.size:
        fall = shown("down_round_depth_median", median)
        cut = span(pct(haircut[0]), pct(haircut[1])) if len(haircut) == 2 else ""
        if cut and not revenue_priced:  # the fall is the assumed haircut: the title says it, not a finding
            title = f"Revenue not priced: a down round falls by the assumed haircut, {cut} (median {fall})"
        elif cut:  # the haircut is an assumption: the title states its consequence, not a finding
            title = f"Assumed haircut {cut}: the median down round is {fall} below {money(post_money)}"
        else:
            title = f"A down round prices Runway a median {fall} below {money(post_money)}"
        more = f"one comes in {roughly(about(share))} of the outcomes that must raise"
    else:
        title, more = f"No outcome that must raise is priced below {money(post_money)}", ""
    values_text = (
        "Range of the fall, 5% to 95%: "
        + " to ".join(shown("down_round_depth_median", float(np.quantile(depth, q))) for q in (0.05, 0.95))
        if depth.size
        else ""
    )
    state_finding(
        fig,
        finding_title(title, more),
        alt_text(
            title,
            more,
            values_text,
            f"Not drawn: {at_or_above}",
        ),
    )
    fig.tight_layout()
    return fig


PHONE_NAME_WRAP = 16  # characters a line of a tornado row's name on a phone
SIDES = ("low", "high")  # a tornado's two settings, in the order of ``LOW_HIGH``


THIN_BARS = 0.03  # a row's bars together narrower than this share of the axis hide behind the middle line on a phone


def _thin_rows_said(ax, rows: pd.DataFrame) -> None:
    """Each row whose bars are too thin to see (``THIN_BARS``) says its range in words beside them, so that no row
    looks empty (04's phone tornado drew two rows with nothing in them)."""
    width = ax.get_xlim()[1] - ax.get_xlim()[0]
    for i, r in enumerate(rows.itertuples()):
        low, high = sorted((r.p_low, r.p_high))
        if not (r.none_low or r.none_high) and high - low < THIN_BARS * width:
            direct_label(ax, high, i, span(about(low), about(high)), color="0.3", side="right")


def tornado_chart(rows: pd.DataFrame, base: float, source_note: str = ""):
    """P(down round) with each assumption at its low and its high setting (``rows``: ``assumption``,
    ``low_setting``, ``high_setting``, ``p_low``, ``p_high``; ``none_low``, ``none_high``: no outcome lasts to the
    date of the analysis there, so the chance among those that do is undefined: named, not drawn as 0%), around
    ``base``, all at their middle settings."""
    tried = len(rows)
    gone = {side: rows.get(f"none_{side}", pd.Series(False, index=rows.index)).astype(bool) for side in SIDES}
    rows = rows.assign(
        name=tornado_names(rows),
        short=tornado_short_names(rows),
        p_low=rows["p_low"].where(~gone["low"], base),  # no bar where no outcome survives: a label says so
        p_high=rows["p_high"].where(~gone["high"], base),
        none_low=gone["low"],
        none_high=gone["high"],
    )
    still = pd.Series(
        [not visible_swing(r.p_low, r.p_high, base, r.none_low, r.none_high) for r in rows.itertuples()],
        index=rows.index,
    )
    if still.any() and not still.all():  # a bar thinner than the precision shown says nothing: named instead
        unmoved = "; ".join(rows["short"][still])  # their settings are in the table
        unmoved_note = f"Not drawn, as they do not move the result by {points_shown(base)} or more: {unmoved}."
        source_note = f"{source_note} {unmoved_note}".strip()
        rows = rows[~still].reset_index(drop=True)
    source_note = f"{source_note} {model_settings_note(rows)}".strip()
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(rows) + 1.8))
    y = np.arange(len(rows))
    low_bars = ax.barh(y, rows["p_low"] - base, left=base, color=LOW_HIGH[0], label="assumption at its low setting")
    high_bars = ax.barh(y, rows["p_high"] - base, left=base, color=LOW_HIGH[1], label="assumption at its high setting")
    ax.axvline(base, color="black", lw=1)
    # on a phone each row is named without its settings (they are in the table), so the plot keeps its width
    wrapped_tick_labels(ax.yaxis, y, list(rows["name"]), 32, PHONE_NAME_WRAP, list(rows["short"]))
    lines = max(len(textwrap.wrap(name, PHONE_NAME_WRAP, break_on_hyphens=False)) for name in rows["short"])
    fig.prequel_phone_taller = 0.4 * lines  # rows as tall as their wrapped names on a phone, no taller
    ax.invert_yaxis()
    ax.set_xlim(0, max(1e-3, rows[["p_low", "p_high"]].to_numpy().max()) * 1.1)
    pct_axis(ax.xaxis)
    ax.set_xlabel("Chance of a down round (a forced raise priced below the post-money)")
    for colour, side in zip(LOW_HIGH, SIDES, strict=True):
        for row in np.flatnonzero(rows[f"none_{side}"]):  # beside the middle line, on the side its bar would be
            text = f"{side} setting: {NONE_SURVIVES}"
            direct_label(ax, base, row, text, color=readable_text(colour), side="left" if side == "low" else "right")
    _thin_rows_said(ax, rows)
    label_bar_series(ax, low_bars, "low setting", LOW_HIGH[0])
    label_bar_series(ax, high_bars, "high setting", LOW_HIGH[1])
    caption(fig, source_note)
    swing = (rows["p_high"] - rows["p_low"]).abs()
    top = rows.loc[swing.idxmax()]
    what = ASSUMPTION_WORDS.get(top["assumption"], bare_label(top["assumption"]).lower())
    title = (
        f"{what[:1].upper()}{what[1:]} moves the chance of a down round most"
        if swing.max() > 0
        else f"No assumption in these ranges moves the chance of a down round from {about(base)}"
    )
    low, high = sorted((top["p_low"], top["p_high"]))
    title = finding_title(title, f"from {span(about(low), about(high))}" if swing.max() > 0 else "", sep=", ")
    phone_title = None
    ended = [(r, side) for r in rows.itertuples() for side in SIDES if getattr(r, f"none_{side}")]
    if ended:  # cash gone before the date of the analysis in every outcome: the finding that leads
        r, side = ended[0]
        what = ASSUMPTION_WORDS.get(r.assumption, bare_label(r.assumption).lower())
        setting = f"{what[:1].upper()}{what[1:]} at its {side} setting"
        title = f"{setting}: cash runs out before the analysis date in every outcome"
        phone_title = f"{setting}: {NONE_SURVIVES}"
    state_finding(
        fig,
        title,
        alt_text(
            title,
            f"With every assumption at its middle setting: {about(base)}",
            f"{tried} assumptions tried, each at a low and a high setting"
            + (f"; {tried - len(rows)} of them do not move it and are not drawn" if tried > len(rows) else ""),
        ),
        phone_title=phone_title,
    )
    fig.tight_layout()
    return fig
