"""One chart style for the whole collection: theme, company colours, estimate markers, captions."""

from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.ticker import FuncFormatter

from .report import money

PALETTE = "colorblind"


def apply_theme() -> None:
    """The collection's seaborn theme; fixed sizes and fonts so figures are reproducible."""
    sns.set_theme(
        context="notebook",
        style="whitegrid",
        palette=PALETTE,
        rc={
            "figure.figsize": (9, 4.8),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "axes.titleweight": "bold",
            "axes.titlesize": 12,
            "svg.hashsalt": "prequel",
            "text.parse_math": False,
        },
    )  # a $ in any label or data text is a dollar, never math
    plt.rcParams["figure.max_open_warning"] = 0


def company_colors(company_ids: list[str]) -> dict[str, tuple]:
    """A colour per company id, in the order given (pass every id in data order for stable colours)."""
    ids = list(dict.fromkeys(company_ids))
    colors = sns.color_palette(PALETTE, n_colors=max(len(ids), 1))
    return {cid: colors[i % len(colors)] for i, cid in enumerate(ids)}


def marker_style(confidence: str, color) -> dict:
    """Reported values are drawn filled; estimated or disputed ones hollow."""
    filled = confidence == "reported"
    return {
        "marker": "o",
        "markersize": 7,
        "markeredgecolor": color,
        "markeredgewidth": 1.5,
        "markerfacecolor": color if filled else "white",
    }


def usd_axis(axis, log: bool = True) -> None:
    """Label a matplotlib axis (ax.xaxis or ax.yaxis) in US dollars."""
    if log:
        axis.axes.set_xscale("log") if axis is axis.axes.xaxis else axis.axes.set_yscale("log")
    axis.set_major_formatter(FuncFormatter(lambda v, _: money(v)))


def caption(fig, text: str) -> None:
    """Sources and notes under a figure."""
    fig.text(0.01, -0.01, mpl_text(text), ha="left", va="top", fontsize=8, color="0.3", wrap=True)


def mpl_text(text: object) -> str:
    """Text for matplotlib. The theme turns mathtext off, so a dollar sign is shown as it is."""
    return str(text)
