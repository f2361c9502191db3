"""Charts of the operational tradeoffs notebook."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ..present.labels import prose
from ..present.report import money
from ..present.style import PALETTE, caption, log_axis, mpl_text, pct_axis


def runway_heatmap(months: pd.DataFrame, alive: pd.DataFrame, source_note: str = ""):
    """Months of cash (no revenue growth) over a cash x burn grid; 'A' marks default-alive cells."""
    fig, ax = plt.subplots(figsize=(9, 5.2))
    labels = months.round(0).astype(int).astype(str) + np.where(alive, " A", "")
    sns.heatmap(
        months, annot=labels, fmt="", cmap="crest", ax=ax, cbar_kws={"label": "months of cash at constant burn"}
    )
    ax.set_xlabel("net burn per month (US$)")
    ax.set_ylabel("cash at the window's start (US$)")
    ax.set_xticklabels([money(float(c)) for c in months.columns], rotation=0)
    ax.set_yticklabels([money(float(i)) for i in months.index], rotation=0)
    ax.set_title("Runway in months over cash and burn (A: default alive with revenue growth)")
    caption(fig, source_note)
    fig.tight_layout()
    return fig


def demo_cdf(curve: pd.DataFrame, sims_demo: np.ndarray, window: tuple[float, float], source_note: str = ""):
    """P(credible demo by month t): the closed form, the simulation's empirical CDF, the window shaded."""
    fig, ax = plt.subplots(figsize=(9, 4.6))
    ax.axvspan(window[0], window[1], color="0.88", label=f"the article's window ({window[0]:g}-{window[1]:g} months)")
    ax.plot(curve["month"], curve["p_demo_by_month"], lw=2.5, label="model (Weibull, closed form)")
    ordered = np.sort(sims_demo)
    ax.step(
        ordered,
        np.arange(1, ordered.size + 1) / ordered.size,
        where="post",
        lw=1,
        ls="--",
        color="0.3",
        label="simulation (empirical)",
    )
    ax.set_xlim(0, curve["month"].max())
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("months after the window's start")
    pct_axis(ax.yaxis)
    ax.set_ylabel("P(credible demo by then)")
    ax.set_title("Time to a credible world-model demo against the window")
    ax.legend(loc="lower right", fontsize=8)
    caption(fig, source_note)
    fig.tight_layout()
    return fig


def valuation_hist(values: np.ndarray, post_money: float, down: np.ndarray, source_note: str = ""):
    fig, ax = plt.subplots(figsize=(9, 4.6))
    bins = np.geomspace(values.min() * 0.95, values.max() * 1.05, 50)
    ax.hist(
        [values[~down], values[down]],
        bins=bins,
        stacked=True,
        label=["at or above the post-money", "down round"],
        color=[PALETTE[0], PALETTE[1]],
    )
    ax.axvline(post_money, color="black", ls="--", lw=1.2, label=f"post-money {mpl_text(money(post_money))}")
    log_axis(ax.xaxis, lambda v: mpl_text(money(v)), minor=True)
    ax.tick_params(axis="x", which="minor", labelsize=8)
    ax.set_xlabel("price at the raise (US$, log scale)")
    ax.set_ylabel("simulated outcomes")
    ax.set_title("Price when Runway must raise (outcomes that must raise)")
    ax.legend(fontsize=8)
    caption(fig, source_note)
    fig.tight_layout()
    return fig


def tornado_chart(rows: pd.DataFrame, base: float, source_note: str = ""):
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(rows) + 1.8))
    y = np.arange(len(rows))
    ax.barh(y, rows["p_low"] - base, left=base, color=PALETTE[0], label="assumption at its low setting")
    ax.barh(y, rows["p_high"] - base, left=base, color=PALETTE[1], alpha=0.85, label="assumption at its high setting")
    ax.axvline(base, color="black", lw=1)
    ax.set_yticks(y, [mpl_text(prose(str(label))) for label in rows["label"]])
    ax.invert_yaxis()
    ax.set_xlim(0, max(1e-3, rows[["p_low", "p_high"]].to_numpy().max()) * 1.1)
    pct_axis(ax.xaxis)
    ax.set_xlabel("P(down round: a forced raise priced below the post-money)")
    ax.set_title("Which assumption moves the chance of a down round most")
    ax.legend(fontsize=8, loc="lower right")
    caption(fig, source_note)
    fig.tight_layout()
    return fig
