"""Chart of the valuation notebook: each peer's multiple (its range when reports conflict), by class, beside the
range Runway's round paid."""

from __future__ import annotations

import matplotlib.pyplot as plt
from IPython.display import display

from ..present.style import alt_text, caption, finding_title, legend_below_on_phone, log_axis, state_finding
from .valuation import CLASS_KIND, CLASS_NAMES, class_kind_name

TICKS = (1, 2, 5, 10, 20, 50, 100, 200, 500)


def multiples_chart(peers, implied: tuple[float, float], title: str, alt: str, source_note: str = ""):
    """One row per peer (a dot, or a bar from low to high), grouped by class, hollow when it does not count;
    Runway's implied range as a band."""
    rows = peers.sort_values(["peer_class", "counts", "low"], ascending=[True, False, True], kind="stable")
    rows = rows.reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(10, max(2.5, 0.45 * len(rows) + 1.5)))
    ax.axvspan(*implied, color="C1", alpha=0.2, lw=0, label="Runway's round (estimated run-rate)")
    for i, r in rows.iterrows():
        color = f"C{list(CLASS_NAMES).index(r['peer_class'])}" if r["counts"] else "0.6"
        if r["high"] > r["low"]:
            ax.plot([r["low"], r["high"]], [i, i], color=color, lw=3 if r["counts"] else 1.5, solid_capstyle="round")
        face = color if r["counts"] else "white"
        ax.plot([r["low"], r["high"]], [i, i], "o", color=color, mfc=face, ms=5)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([f"{r.peer} ({CLASS_NAMES[r.peer_class]})" for r in rows.itertuples()])
    ax.plot([], [], "o", color="0.3", label="counted")
    ax.plot([], [], "o", color="0.6", mfc="white", label="rests on aggregator pages only (not counted)")
    log_axis(ax.xaxis)
    ax.set_xticks([t for t in TICKS if rows["low"].min() / 1.5 <= t <= max(rows["high"].max(), implied[1]) * 1.5])
    kinds = " and ".join(class_kind_name(c) for c in dict.fromkeys(rows["peer_class"]) if c in CLASS_KIND)
    ax.set_xlabel(f"Revenue multiple ({kinds}; log scale)")
    ax.set_ylim(len(rows) + 0.5, -2.5)  # room above the first peer for the legend
    legend_below_on_phone(ax, loc="upper left", fontsize=8, frameon=False, ncol=2)
    if source_note:
        caption(fig, source_note)
    state_finding(fig, finding_title(title), alt_text(alt))
    fig.tight_layout()
    return fig


def show_multiples_chart(a) -> None:
    """Notebook 06's chart of peer multiples, or nothing when no peer counts (the table says so)."""
    if a.peers.empty:
        return
    implied = (a.results["implied_multiple_range"]["low"], a.results["implied_multiple_range"]["high"])
    fig = multiples_chart(a.peers, implied, a.words.chart_title, a.words.chart_alt, a.words.chart_note)
    display(fig)
    plt.close(fig)
