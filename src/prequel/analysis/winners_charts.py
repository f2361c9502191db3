"""Charts of the winners and losers notebook."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ..present.labels import prose, words
from ..present.style import FOCUS, MUTED, PALETTE, caption, company_colors, mpl_text, pct_axis


def scores_and_totals(scores: pd.DataFrame, total: pd.Series, colors: list, source_note: str = ""):
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(12, 0.7 * len(scores) + 2.6), gridspec_kw={"width_ratios": [2.2, 1]}
    )
    sns.heatmap(
        scores,
        annot=True,
        fmt=".0f",
        vmin=0,
        vmax=100,
        cmap="crest",
        ax=left,
        cbar=False,  # every cell carries its score; without a colour bar the panels stack on a phone
    )
    left.set_xlabel("dimension")
    left.set_ylabel("")
    left.set_title("Scores per dimension (0-100, global anchors)")
    left.tick_params(axis="x", rotation=20)
    left.tick_params(axis="y", rotation=0)
    right.barh(range(len(total)), total.values, color=colors)
    right.set_yticks(range(len(total)), total.index)
    right.invert_yaxis()
    right.set_xlim(0, 100)
    right.set_xlabel("weighted total (0-100)")
    right.set_title("Weighted total")
    for i, v in enumerate(total.values):
        right.text(v + 1, i, f"{v:.1f}", va="center", fontsize=9)
    caption(fig, source_note)
    fig.tight_layout()
    return fig


def margin_tornado(rows: pd.DataFrame, leader: str, source_note: str = ""):
    shown = rows.head(12)
    fig, ax = plt.subplots(figsize=(9.5, 0.45 * len(shown) + 1.8))
    y = np.arange(len(shown))
    base = shown["base"].iloc[0]
    ax.barh(y, shown["low"] - base, left=base, color=PALETTE[0], label="input moved down")
    ax.barh(y, shown["high"] - base, left=base, color=PALETTE[1], alpha=0.85, label="input moved up")
    ax.axvline(base, color="black", lw=1)
    ax.axvline(0, color="0.5", lw=1, ls=":")
    ax.set_yticks(y, [mpl_text(prose(str(label))) for label in shown["input"]])
    ax.invert_yaxis()
    ax.set_xlabel(f"{leader}'s lead over the next company (points of weighted total)")
    ax.set_title("What moves the leader's margin (12 largest swings)")
    ax.legend(fontsize=8, loc="lower right")
    caption(fig, source_note)
    fig.tight_layout()
    return fig


def rank_acceptability(share: pd.Series, colors: list, n: int, source_note: str = ""):
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(share) + 1.6))
    ax.barh(range(len(share)), share.values, color=colors)
    ax.set_yticks(range(len(share)), share.index)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    pct_axis(ax.xaxis)
    ax.set_xlabel(f"share of {n:,} random weightings in which the company ranks first")
    ax.set_title("Robustness: who wins under any weighting")
    for i, v in enumerate(share.values):
        ax.text(min(v + 0.01, 0.9), i, f"{v:.1%}", va="center", fontsize=9)
    caption(fig, source_note)
    fig.tight_layout()
    return fig


def stakeholder_colors(labels: list[str]) -> dict[str, str]:
    """A colour per stakeholder line: a company keeps its own colour (Runway's everywhere in the collection);
    every other stakeholder gets a collection colour that no emphasised company uses."""
    by_name = {words(cid): color for cid, color in company_colors(list(FOCUS)).items()}
    spare = [c for c in PALETTE if c not in FOCUS.values() and c != "#F0E442"] + MUTED
    out, k = {}, 0
    for text in labels:
        if text in by_name:
            out[text] = by_name[text]
        else:
            out[text] = spare[k % len(spare)]
            k += 1
    return out


def payoff_lines(lines: pd.DataFrame, breaks: pd.Series, p_thesis: float, source_note: str = ""):
    """Expected payoff per stakeholder against p; break-evens marked; the chosen p as a dashed line."""
    fig, ax = plt.subplots(figsize=(9.5, 5))
    palette = stakeholder_colors(list(lines.columns))
    for column in lines.columns:
        color = palette[column]
        ax.plot(lines.index, lines[column], color=color, lw=2, label=textwrap.fill(column, 42))
        if pd.notna(breaks.get(column)):
            ax.plot(breaks[column], 0, marker="o", color=color, markersize=7)
    ax.axhline(0, color="0.4", lw=1)
    ax.axvline(p_thesis, color="black", ls="--", lw=1.2, label=f"chosen p = {p_thesis:g}")
    ax.set_xlim(0, 1)
    ax.set_ylim(-2.1, 2.1)
    pct_axis(ax.xaxis)
    ax.set_xlabel("p: probability that world models become the frontier")
    ax.set_ylabel("expected payoff (-2 loses most, +2 gains most)")
    ax.set_title("Who gains and who loses as the thesis becomes likelier (dots: break-even)")
    ax.legend(fontsize=7.5, loc="lower center", ncol=2, framealpha=0.9)  # below -1 no line runs
    caption(fig, source_note)
    fig.tight_layout()
    return fig
