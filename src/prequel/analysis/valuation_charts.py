"""Chart of the valuation notebook: each peer's multiple (its range when reports conflict), by class, beside the
range Runway's round paid."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from ..present.sources import cite
from ..present.style import (
    FOCUS,
    alt_text,
    caption,
    finding_title,
    legend_below_on_phone,
    log_axis,
    mpl_text,
    on_narrow,
    state_finding,
)
from .valuation import CLASS_KIND, CLASS_NAMES, class_kind_name
from .valuation_words import standing_title

TICKS = (1, 2, 5, 10, 20, 50, 100, 200, 500)
PHONE_TICKS = 4  # at most this many ticks fit the phone's width apart; more keep every other one
COUNTED = "0.25"  # a counted peer: dark grey (classes are told apart by their headings, not by a company's colour)
#: The files of the peers' figures (Runway's band comes from its round and run-rates, named in the caption: the
#: whole funding and metrics files would count every company's figures as the chart's).
LEGEND_ROWS = 1.4  # rows of room above the first heading for the legend (below the plot on a phone)
CHART_FILES = ["valuation_figures", "valuation_multiples"]
CONTESTED_NOTE = "* Its range includes an estimated or disputed figure."


def positions(classes: list[str]) -> tuple[list[float], dict[str, float]]:
    """The row of each peer, and of each class's heading above its first peer."""
    rows, headings, at = [], {}, 0.0
    for i, cls in enumerate(classes):
        if i == 0 or cls != classes[i - 1]:
            headings[cls] = at + (0.4 if i else 0.0)
            at += 1.4 if i else 1.0
        rows.append(at)
        at += 1.0
    return rows, headings


def multiples_chart(peers, implied: tuple[float, float], title: str, alt: str, source_note: str = ""):
    """One row per peer (a dot, or a bar from low to high), under a heading for its class, hollow when it does not
    count; Runway's implied range as a band."""
    rows = peers.sort_values(["peer_class", "counts", "low"], ascending=[True, False, True], kind="stable")
    rows = rows.reset_index(drop=True)
    at, headings = positions(list(rows["peer_class"]))
    fig, ax = plt.subplots(figsize=(10, max(2.5, 0.45 * (len(rows) + len(headings)) + 1.5)))
    ax.axvspan(*implied, color=FOCUS["runway"], alpha=0.2, lw=0, label="Runway's round (estimated run-rate)")
    for y, r in zip(at, rows.itertuples(), strict=True):
        color = COUNTED if r.counts else "0.6"  # the class is its heading; colours stay the companies' own
        if r.high > r.low:
            ax.plot([r.low, r.high], [y, y], color=color, lw=3 if r.counts else 1.5, solid_capstyle="round")
        ax.plot([r.low, r.high], [y, y], "o", color=color, mfc=color if r.counts else "white", ms=5)
    contested = rows["contested"].astype(bool) if "contested" in rows else pd.Series(False, index=rows.index)
    ax.set_yticks(at, [mpl_text(name) + " *" * c for name, c in zip(rows["peer"], contested, strict=True)])
    ax.tick_params(axis="y", length=0)
    heads = [  # the class once, as a heading over its peers, not beside every peer
        ax.text(
            0.0,
            y + 0.3,
            CLASS_NAMES[cls],
            transform=ax.get_yaxis_transform(),
            ha="right",
            va="bottom",  # a heading wrapped on a phone grows away from its first peer
            fontweight="bold",
            fontsize=plt.rcParams["ytick.labelsize"],
        )  # fmt: skip
        for cls, y in headings.items()
    ]
    if rows["counts"].any():  # a key only for what is drawn
        ax.plot([], [], "o", color="0.3", label="counted")
    if not rows["counts"].all():
        ax.plot([], [], "o", color="0.6", mfc="white", label="rests on aggregator pages only (not counted)")
    log_axis(ax.xaxis)
    ticks = [t for t in TICKS if rows["low"].min() / 1.5 <= t <= max(rows["high"].max(), implied[1]) * 1.5]
    ax.set_xticks(ticks)
    kinds = [class_kind_name(c) for c in dict.fromkeys(rows["peer_class"]) if c in CLASS_KIND]
    ax.set_xlabel(f"Revenue multiple ({kinds[0] + '; ' if len(kinds) == 1 else ''}log scale)")  # two: in the note
    top = min(headings.values()) - 0.6
    ax.set_ylim(at[-1] + 0.6, top - LEGEND_ROWS)  # room above the first heading for the legend

    def phone_layout() -> Callable[[], None]:  # the legend goes below the plot; headings wrap to leave it room
        ax.set_ylim(at[-1] + 0.6, top)
        ax.set_xticks(ticks[::2] if len(ticks) > PHONE_TICKS else ticks)  # '5x10x20x' would run together
        for head in heads:
            head.set_text(textwrap.fill(head.get_text(), 16))

        def undo() -> None:
            ax.set_ylim(at[-1] + 0.6, top - LEGEND_ROWS)
            ax.set_xticks(ticks)
            for head in heads:
                head.set_text(head.get_text().replace("\n", " "))

        return undo

    on_narrow(fig, phone_layout)
    legend_below_on_phone(ax, loc="upper left", fontsize=10, frameon=False, ncol=2)
    if contested.any():  # a range that rests partly on an estimated or disputed figure is marked where drawn
        source_note = f"{source_note} {CONTESTED_NOTE}".strip()
    if source_note:
        caption(fig, source_note)
    state_finding(fig, finding_title(title), alt_text(alt))
    fig.tight_layout()
    return fig


def multiples_chart_of(a):
    """Notebook 06's chart of peer multiples (``a``: its ``ValuationAnalysis``, with peers), titled by how the
    round's multiple stands against the peers drawn (``valuation_words.standing_title``)."""
    implied = (a.results["implied_multiple_range"]["low"], a.results["implied_multiple_range"]["high"])
    title = standing_title(a.words.chart_title, a.peers, implied[0])
    alt = a.words.chart_alt.replace(a.words.chart_title, title, 1)
    return multiples_chart(a.peers, implied, title, alt, a.words.chart_note)


def show_multiples_chart(a, data) -> None:
    """Notebook 06's chart of peer multiples with its sources under it, or nothing when no peer counts (the table
    says so)."""
    if a.peers.empty:
        return
    fig = multiples_chart_of(a)
    cite(fig, data, CHART_FILES, a.params["as_of"])
    display(fig)
    plt.close(fig)
