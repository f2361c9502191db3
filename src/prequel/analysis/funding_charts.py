"""Charts of the funding comparison notebook (data in, matplotlib figure out)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..present.labels import words
from ..present.style import caption, company_colors, log_axis, marker_style, ratio_tick, usd_axis

METRIC_LABELS = {
    "total_raised_usd": "capital raised",
    "post_money_usd": "valuation",
    "market_cap_usd": "market cap",
    "max_vertical_resolution": "max resolution",
    "max_fps": "max frame rate",
}


def capital_steps(
    history: pd.DataFrame,
    names: dict[str, str],
    as_of,
    log_scale: bool,
    article_points: pd.DataFrame | None = None,
    source_note: str = "",
    colors: dict | None = None,
):
    """Cumulative capital raised per company as a step chart; estimates hollow; article values as stars."""
    fig, ax = plt.subplots(figsize=(9.5, 5.2))
    colors = colors or company_colors(list(names))
    end = pd.Timestamp(as_of)
    for company, steps in history.groupby("company_id", sort=True):
        steps = steps.sort_values("date")
        xs = list(steps["date"]) + [end]
        ys = list(steps["cumulative_raised_usd"]) + [steps["cumulative_raised_usd"].iloc[-1]]
        ax.step(xs, ys, where="post", color=colors[company], lw=2, label=names[company])
        for row in steps.itertuples():
            ax.plot(
                row.date,
                row.cumulative_raised_usd,
                **marker_style("estimated" if row.includes_estimates else "reported", colors[company]),
            )
    if article_points is not None:
        for row in article_points.itertuples():
            ax.plot(
                row.date,
                row.value,
                marker="*",
                markersize=14,
                color="black",
                linestyle="none",
                label="the article's figure" if row.Index == article_points.index[0] else None,
            )
    usd_axis(ax.yaxis, log=log_scale)
    ax.set_xlabel("date (rounds placed at their announcement; undated rounds at the first date they are known)")
    ax.set_ylabel("cumulative capital raised (US$)")
    ax.set_title(f"Capital raised over time, as of {pd.Timestamp(as_of):%Y-%m-%d}")
    ax.legend(loc="upper left", fontsize=8, ncol=2, frameon=True)
    caption(fig, source_note + " Hollow markers: the total includes an estimated or disputed round.")
    fig.tight_layout()
    return fig


PANELS = (
    ("capital_raised_usd", "Capital raised (flow, summed rounds)"),
    ("post_money_usd", "Latest private post-money valuation (stock)"),
    ("market_cap_usd", "Public market cap of the parent (stock)"),
)


def stocks_and_flows(
    table: pd.DataFrame,
    log_scale: bool,
    article: pd.DataFrame | None = None,
    source_note: str = "",
    colors: dict | None = None,
):
    """Three panels on one shared log axis, never summed. ``table`` has one row per company with
    the three value columns and a ``<column>_confidence`` each; ``article`` has company, panel, value."""
    companies = list(table.index)
    colors = colors or company_colors(list(table["company_id_for_color"]))
    fig, axes = plt.subplots(1, 3, figsize=(12, 0.45 * len(companies) + 2.2), sharey=True, sharex=True)
    values = table[[c for c, _ in PANELS]].astype(float)
    low = 10 ** np.floor(np.log10(np.nanmin(values.values))) if log_scale and values.notna().any().any() else 0
    high = np.nanmax(values.values) * 3 if values.notna().any().any() else 1
    y = np.arange(len(companies))
    for ax, (column, title) in zip(axes, PANELS, strict=False):
        for i, (_label, row) in enumerate(table.iterrows()):
            value = row[column]
            if pd.isna(value):
                ax.text(low * 1.5 if log_scale else 0, i, "no data", va="center", fontsize=8, color="0.5")
                continue
            color = colors[row["company_id_for_color"]]
            hollow = row[f"{column}_confidence"] != "reported"
            ax.barh(i, value, color="white" if hollow else color, edgecolor=color, linewidth=1.5, height=0.6)
        if article is not None:
            pts = article[article["panel"] == column]
            for row in pts.itertuples():
                if row.company in companies:
                    ax.plot(
                        row.value,
                        companies.index(row.company),
                        marker="*",
                        color="black",
                        markersize=12,
                        linestyle="none",
                    )
        ax.set_title(title, fontsize=10)
        usd_axis(ax.xaxis, log=log_scale)
        ax.set_xlabel("US$" + (" (log scale)" if log_scale else ""))
        ax.set_xlim(low, high)
    axes[0].set_yticks(y, companies)
    axes[0].invert_yaxis()
    caption(fig, source_note + " Hollow bars: estimated or disputed figures. Black stars: the article's figures.")
    fig.tight_layout()
    return fig


def audit_dots(audit: pd.DataFrame, tolerance: float, source_note: str = ""):
    """Article value / sourced value per claim on a log axis, with the corroboration band."""
    shown = audit.dropna(subset=["ratio"]).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9.5, 0.42 * max(len(shown), 1) + 1.8))
    ax.axvspan(1 / tolerance, tolerance, color="0.85", label=f"corroborated (within {tolerance - 1:.0%})")
    ax.axvline(1, color="0.4", lw=1)
    labels = [f"{r.company}: {METRIC_LABELS.get(r.metric, words(str(r.metric)))}" for r in shown.itertuples()]
    ax.scatter(shown["ratio"], range(len(shown)), color="black", zorder=3)
    for i, r in enumerate(shown.itertuples()):
        ax.annotate(
            words(str(r.verdict)), (r.ratio, i), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8
        )
    ax.set_yticks(range(len(shown)), labels)
    ax.invert_yaxis()
    log_axis(ax.xaxis, ratio_tick)
    ax.set_xlabel("article value / sourced value (log scale; 1 = agreement)")
    ax.set_title("The article's figures against the sources nearest its date")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=8, frameon=False)
    lo, hi = shown["ratio"].min() if len(shown) else 1, shown["ratio"].max() if len(shown) else 1
    ax.set_xlim(min(lo, 1 / tolerance) / 2, max(hi, tolerance) * 4)
    missing = len(audit) - len(shown)
    caption(
        fig,
        source_note
        + (f" {missing} figure(s) without a sourced value are listed in the table, not drawn." if missing else ""),
    )
    fig.tight_layout()
    return fig
