"""Charts of the winners and losers notebook."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..present.labels import a_chance, listed, mid_sentence, prose, words
from ..present.report import pct
from ..present.style import (
    CAPTION_SIZE,
    FOCUS,
    LOW_HIGH,
    NEUTRAL_SERIES,
    STAKEHOLDER_COLOURS,
    alt_text,
    caption,
    company_colors,
    direct_label,
    finding_title,
    fits,
    key_below_on_phone,
    label_bar_series,
    label_line_ends,
    neutral_heatmap,
    on_narrow,
    pct_axis,
    state_finding,
    wrapped_tick_labels,
)
from .winners import WinnersAnalysis, lead_points, payoff_curves, proper_names, round_share, total_points
from .winners_words import share_words, swing_range

REFERENCE = "Runway"  # the company the article is about, by the name the charts show


def scores_and_totals(scores: pd.DataFrame, total: pd.Series, colors: list, source_note: str = ""):
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(12, 0.7 * len(scores) + 2.6), gridspec_kw={"width_ratios": [2.2, 1]}
    )
    neutral_heatmap(
        scores,
        left,
        annot=True,
        fmt=".0f",
        vmin=0,
        vmax=100,
        cbar=False,  # every cell carries its score; without a colour bar the panels stack on a phone
    )
    left.set_xlabel("dimension")
    left.set_ylabel("")
    left.set_title("Scores per dimension (fixed scale, 0 to 100)", fontsize=10, fontweight="normal")
    dimensions = [str(d) for d in scores.columns]
    level = [textwrap.fill(d, 12, break_on_hyphens=False) for d in dimensions]  # level, each under its column
    left.set_xticks(left.get_xticks(), level, rotation=0)

    def upright_dimensions() -> Callable[[], None]:  # on a phone five names run into each other
        left.set_xticks(left.get_xticks(), dimensions, rotation=90)  # one line each: a column is one line wide
        return lambda: left.set_xticks(left.get_xticks(), level, rotation=0)

    on_narrow(fig, upright_dimensions)
    left.tick_params(axis="y", rotation=0)
    right.barh(range(len(total)), total.values, color=colors)
    right.set_yticks(range(len(total)), total.index)
    right.invert_yaxis()
    right.set_xlim(0, 100)
    right.set_xlabel("weighted total (0 to 100)")
    right.set_title("Weighted total", fontsize=10, fontweight="normal")
    for i, v in enumerate(total.values):
        right.text(v + 1, i, f"{total_points(v):.1f}", va="center", fontsize=9)  # one decimal, as the text rounds them
    caption(fig, source_note)
    ranked = total.sort_values(ascending=False, kind="stable")
    points = ranked.map(lambda v: f"{total_points(v):.1f}")  # one decimal: the bars subtract to the margin
    gap = lead_points(ranked) if len(ranked) > 1 else None  # the shown totals' difference, as the sentences give it
    if gap == 0:
        title = f"{ranked.index[0]} and {ranked.index[1]} tie at about {points.iloc[0]} of 100 points"
    elif gap is not None:
        title = f"{ranked.index[0]} leads {ranked.index[1]} by about {gap:g} point{'s' if gap != 1 else ''} of 100"
    else:
        title = f"{ranked.index[0]} scores about {points.iloc[0]} of 100 points"
    state_finding(
        fig,
        finding_title(title),
        alt_text(
            title,
            "Weighted totals (0 to 100): " + ", ".join(f"{c} {v}" for c, v in points.items()),
            f"scores on {scores.shape[1]} dimensions in the heat map beside them",
        ),
    )
    fig.tight_layout()
    return fig


SWINGS, PHONE_SWINGS = 12, 8  # rows of the margin tornado on the page and, two lines a name, on a phone


def _swings_label(leader: str, rows: int) -> str:
    return f"{leader}'s lead over the next company (points of weighted total; {rows} largest swings)"


def margin_tornado(rows: pd.DataFrame, leader: str, source_note: str = ""):
    shown = rows.head(SWINGS)
    fig, ax = plt.subplots(figsize=(9.5, 0.45 * len(shown) + 1.8))
    y = np.arange(len(shown))
    base = shown["base"].iloc[0]
    down = ax.barh(y, shown["low"] - base, left=base, color=LOW_HIGH[0], label="input moved down")
    up = ax.barh(y, shown["high"] - base, left=base, color=LOW_HIGH[1], label="input moved up")
    ax.axvline(base, color="black", lw=1)
    ax.axvline(0, color="0.5", lw=1, ls=":")
    wrapped_tick_labels(ax.yaxis, y, [prose(str(label)) for label in shown["input"]], 40, 22)  # two lines a name
    ax.invert_yaxis()
    ax.set_xlabel(_swings_label(leader, len(shown)))
    on_narrow(fig, lambda: _largest_swings_only(ax, leader, min(len(shown), PHONE_SWINGS)))
    label_bar_series(ax, down, "input moved down", LOW_HIGH[0])
    label_bar_series(ax, up, "input moved up", LOW_HIGH[1])
    key_below_on_phone(ax, frameon=False, fontsize=CAPTION_SIZE)  # names beside the bars squeezed the phone's plot
    caption(fig, source_note)
    crossing = rows[rows[["low", "high"]].min(axis=1) < 0]["input"].astype(str)
    weights = int(crossing.str.startswith("weight").sum())
    scores = len(crossing) - weights
    top = shown.iloc[0] if len(shown) else None
    # the steps the chart tries, no others: never 'no single change' while a larger move of one weight would do it
    moved = f"{scores} score{'s' if scores != 1 else ''} moved 10 points"
    if weights:
        title = f"{weights} weight{'s' if weights != 1 else ''} halved or raised by half would cost {leader} the lead"
        more = f"{moved} would too" if scores else ""
    elif scores:
        title, more = f"{moved} would cost {leader} the lead", "no weight halved or raised by half would"
    else:
        title, more = f"No weight halved or raised by half costs {leader} the lead", ""
    swing = "" if top is None else f"{prose(str(top['input']))} moves it most"
    state_finding(
        fig,
        finding_title(title, more, swing),
        alt_text(
            title,
            f"{leader}'s lead now: {total_points(base):.1f} points of 100",
            "" if top is None else f"largest swing: {prose(str(top['input']))}, {swing_range(top.low, top.high)}",
            f"{len(rows)} changes tried: each weight halved or raised by half, each score moved 10 points",
        ),
    )
    fig.tight_layout()
    return fig


def _largest_swings_only(ax, leader: str, rows: int) -> Callable[[], None]:
    """On a phone, the ``rows`` largest swings alone (twelve names of two lines each made the chart taller than a
    screen); returns the undo."""
    limits, label = ax.get_ylim(), ax.get_xlabel()
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xlabel(_swings_label(leader, rows))
    return lambda: (ax.set_ylim(*limits), ax.set_xlabel(label))


def rank_acceptability(share: pd.Series, colors: list, n: int, source_note: str = ""):
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(share) + 1.6))
    ax.barh(range(len(share)), share.values, color=colors)
    ax.set_yticks(range(len(share)), share.index)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    pct_axis(ax.xaxis)
    ax.set_xlabel(f"share of {n:,} random weightings in which the company ranks first")
    for i, v in enumerate(share.values):
        ax.text(min(v + 0.01, 0.9), i, pct(round_share(v)), va="center", fontsize=9)  # to 5 points, as the text
    caption(fig, source_note)
    top = share.idxmax()
    title = f"{top} ranks first {share_words(float(share.max()))}"  # worded as the sentences word it
    other = f"{REFERENCE} {share_words(float(share[REFERENCE]), '')}" if REFERENCE in share and top != REFERENCE else ""
    state_finding(
        fig,
        finding_title(title, other),
        alt_text(
            title,
            "Share of random weightings in which each ranks first (nearest 5%): "
            + ", ".join(
                f"{c} {pct(round_share(v))}" for c, v in share.sort_values(ascending=False, kind="stable").items()
            ),
            f"{n:,} weightings drawn",
        ),
    )
    fig.tight_layout()
    return fig


def stakeholder_colors(labels: list[str]) -> dict[str, str]:
    """A colour per stakeholder line: a company keeps its own colour (Runway's everywhere in the collection);
    every other stakeholder gets a stakeholder colour (``STAKEHOLDER_COLOURS``), which no company uses."""
    by_name = {words(cid): color for cid, color in company_colors(list(FOCUS)).items()}
    out, k = {}, 0
    for text in labels:
        if text in by_name:
            out[text] = by_name[text]
        else:
            out[text] = STAKEHOLDER_COLOURS[k % len(STAKEHOLDER_COLOURS)]
            k += 1
    return out


def _stakeholder_names(label: str) -> list[str]:
    """The stakeholders one payoff line stands for (``payoff_curves`` joins those with equal payoffs by '; ')."""
    return str(label).split("; ")


def _line_styles(columns: Iterable[str]) -> dict[str, dict]:
    """How each payoff line is drawn: a stakeholder alone in its own colour (``stakeholder_colors``); a line that
    stakeholders with equal payoffs share once, in a neutral grey told apart by its dashes (``NEUTRAL_SERIES``):
    no company's colour on another's line."""
    alone = [c for c in columns if len(_stakeholder_names(c)) == 1]
    palette = stakeholder_colors(alone)
    shared = iter(NEUTRAL_SERIES * len(list(columns)))
    styles = {}
    for column in columns:
        if column in palette:
            styles[column] = {"color": palette[column]}
        else:
            grey, dashes = next(shared)
            styles[column] = {"color": grey} | ({"dashes": dashes} if dashes else {})
    return styles


def _line_label(label: str, proper: Iterable[str] | None = None) -> str:
    """A payoff line's direct label, wrapped: every stakeholder it stands for, named together (with ``proper``,
    a common name after the first lower-case: 'Developers on Runway's API and creative-industry customers')."""
    together = _together([label], proper)
    return textwrap.fill(together[:1].upper() + together[1:], 26)


def tied_values(values: pd.Series, digits: int = 1) -> list[tuple[float, list[str]]]:
    """Values at the precision shown, highest first, each with every label that has it (in the order given):
    tied values share one position instead of being ranked by an order the data do not give."""
    rounded = values.round(digits)
    return [(float(v), [str(k) for k in rounded.index[rounded == v]]) for v in sorted(set(rounded), reverse=True)]


def payoff_lines(
    lines: pd.DataFrame,
    breaks: pd.Series,
    p_thesis: float,
    source_note: str = "",
    proper: Iterable[str] | None = None,
):
    """Expected payoff per stakeholder against p, each line named at its end; break-evens marked; the chosen p as
    a dashed line with each value there marked once (tied values share one dot and say so). With ``proper`` (the
    proper nouns a name may start with) the title and alt text start other names lower-case mid-sentence."""
    fig, ax = plt.subplots(figsize=(9.5, 5))
    for column, drawn in _line_styles(lines.columns).items():
        ax.plot(lines.index, lines[column], lw=2.5, label=_line_label(column, proper), **drawn)
        if pd.notna(breaks.get(column)):
            ax.plot(breaks[column], 0, marker="o", color=drawn["color"], markersize=7)
    ax.axhline(0, color="0.4", lw=1)
    ax.axvline(p_thesis, color="black", ls="--", lw=1.2)
    label_line_ends(ax)
    key_below_on_phone(ax, frameon=False, fontsize=CAPTION_SIZE)  # seven names at three ends: a key on a phone
    fig.prequel_phone_taller = 1 + 0.1 * len(ax.get_legend_handles_labels()[1])  # a tenth more for each name
    at_p = pd.Series({c: float(np.interp(p_thesis, lines.index, lines[c])) for c in lines.columns})
    for value, tied in tied_values(at_p):
        ax.plot(p_thesis, value, marker="o", color="black", markerfacecolor="white", markersize=7, zorder=4)
        text = f"{value:+.1f}" + (" (tie)" if len(tied) > 1 else "")
        direct_label(ax, p_thesis, value, text, color="black", side="left")
    direct_label(ax, p_thesis, 2.1, f"chance chosen: {pct(p_thesis)}", va="top")  # at the top, clear of the lines
    ax.set_xlim(0, 1)
    ax.set_ylim(-2.1, 2.1)
    pct_axis(ax.xaxis)
    ax.set_xlabel("Chance that world models become the frontier")
    ax.set_ylabel("expected payoff (-2 loses most, +2 gains most)")
    caption(
        fig,
        source_note + " Dots on the zero line: break-even, where a payoff changes sign. Stakeholders with equal "
        "payoffs share one grey line, named together.",
    )
    _payoff_finding(fig, lines, breaks, p_thesis, proper)
    fig.tight_layout()
    return fig


def _together(labels, proper: Iterable[str] | None = None) -> str:
    """Stakeholder line labels (a label may join several names with '; ') as one list in words; with ``proper``, as
    it reads mid-sentence ('creative-industry customers')."""
    names = [n for label in labels for n in str(label).split("; ")]
    return listed(names if proper is None else [mid_sentence(n, proper) for n in names])


def _payoff_finding(
    fig, lines: pd.DataFrame, breaks: pd.Series, p_thesis: float, proper: Iterable[str] | None = None
) -> None:
    """Who gains most and who loses most at the chosen probability of the thesis (a parameter, so the
    title follows it); the lines are linear in p, so interpolation is exact."""
    at_p = pd.Series({c: float(np.interp(p_thesis, lines.index, lines[c])) for c in lines.columns})
    where = f"At {a_chance(pct(p_thesis))} of the thesis"
    best = at_p.index[at_p >= at_p.max() - 1e-9]
    worst = at_p.index[at_p <= at_p.min() + 1e-9]

    def verb(labels, stem: str) -> str:  # "Runway gains most", "Runway and OpenAI gain most"
        one = len([n for label in labels for n in str(label).split("; ")]) == 1
        return f"{_together(labels, proper)} {stem}{'s' if one else ''} most"

    if at_p.max() <= 0:
        title, more = f"{where}, no one gains", verb(worst, "lose")
    else:
        title = f"{where}, {verb(best, 'gain')}"
        more = verb(worst, "lose") if at_p.min() < 0 else "no one loses"
    if not fits(title):
        gaining = int((at_p > 0).sum())
        title = f"{where}, {gaining} of {len(at_p)} stakeholder groups expect{'s' * (gaining == 1)} to gain"
    flips = [f"{_together([c], proper)}: break-even at {a_chance(pct(b))}" for c, b in breaks.items() if pd.notna(b)]
    state_finding(
        fig,
        finding_title(title, more),
        alt_text(
            title,
            "Expected payoff at that chance, on a scale of -2 to +2, equal values together: "
            + "; ".join(f"{_together(tied, proper)} {v:+.1f}" for v, tied in tied_values(at_p)),
            f"highest: {_together(best, proper)} {at_p.max():+.1f}; "
            f"lowest: {_together(worst, proper)} {at_p.min():+.1f}",
            "; ".join(flips[:2]),
        ),
    )


# ---- each chart of the notebook from the analysis (``winners.analyse``) -----------------------------


def scores_and_totals_of(a: WinnersAnalysis):
    # the exact totals (the table's are rounded): the margin is rounded once, as the sentences round it
    exact = pd.Series({a.answer.names.get(c, c): v for c, v in a.results["total_score"].items()})
    totals = exact.reindex(a.scores.index).sort_values(ascending=False, kind="stable")
    view = "the article's table" if a.view == "article" else "the sourced facts"
    note = _with_aggregators(a, f"Levels: from {view}, on this project's constructed scales (judgements).")
    scores = a.scores.drop(columns="weighted_total").reindex(totals.index)  # rows in the bars' order
    return scores_and_totals(scores, totals, [a.colors[c] for c in totals.index], note)


def _with_aggregators(a: WinnersAnalysis, note: str) -> str:
    """A chart's note, after how many of its scores rest on aggregator pages alone (when any do)."""
    return f"{a.aggregator_note} {note}".strip()


def margin_tornado_of(a: WinnersAnalysis):
    note = _with_aggregators(a, "Each weight halved and raised by half; each score moved 10 points.")
    return margin_tornado(a.tornado, a.leader_name, source_note=note)


def rank_acceptability_of(a: WinnersAnalysis):
    share = a.rank_first["rank_first_share"]
    weightings = f"{a.n_weight_draws:,} random weightings, every weighting of the dimensions equally likely"
    note = _with_aggregators(a, f"{weightings} (fixed random draws: a rerun gives the same shares).")
    return rank_acceptability(share, [a.colors[c] for c in share.index], a.n_weight_draws, source_note=note)


def payoff_lines_of(a: WinnersAnalysis):
    note = "Payoffs: this project's judgements, encoding the article's argument."
    return payoff_lines(*payoff_curves(a.payoffs), a.p_thesis, source_note=note, proper=proper_names(a.colors))
