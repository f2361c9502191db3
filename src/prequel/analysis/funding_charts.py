"""Charts of the funding comparison notebook (data in, matplotlib figure out)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import LogLocator

from ..present.labels import possessive, words
from ..present.report import money
from ..present.style import (
    CAPTION_SIZE,
    FOCUS,
    alt_text,
    caption,
    company_colors,
    date_axis,
    direct_label,
    finding_title,
    label_line_ends,
    log_axis,
    marker_style,
    on_narrow,
    ratio_tick,
    state_finding,
    usd_axis,
    wrapped_tick_labels,
)
from ..results import multiple
from .funding import AUDIT_TOLERANCE, METRIC_LABELS, FundingAnalysis
from .funding_words import audit_count

REFERENCE = "runway"  # the company the article is about: every multiple is of its figures


def capital_steps(
    history: pd.DataFrame,
    names: dict[str, str],
    as_of,
    log_scale: bool,
    article_points: pd.DataFrame | None = None,
    source_note: str = "",
    colors: dict | None = None,
    rounded: pd.Series | None = None,
):
    """Cumulative capital raised per company as a step chart; estimates hollow; article values as stars.
    ``rounded``: each company's total as the page states it (by company id), for the alt text."""
    fig, ax = plt.subplots(figsize=(9.5, 5.2))
    colors = colors or company_colors(list(names))
    end = pd.Timestamp(as_of)
    for company, steps in history.groupby("company_id", sort=True):
        steps = steps.sort_values("date", kind="stable")
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
            )
            key = f"black star by {possessive(names[row.company_id])} line"  # named in the caption if no room
            text = f"the article: {names[row.company_id]} {money(row.value)}"
            direct_label(ax, row.date, row.value, text, "black", key=key)
    ax.set_xlim(right=end)  # the lines end at the frame, beside their names
    usd_axis(ax.yaxis, log=log_scale)
    date_axis(ax.xaxis, "%Y", phone_ticks=PHONE_YEARS)  # on a phone, fewer years: seven, then four, ran together
    ax.set_xlabel("date (rounds placed at their announcement; undated rounds at the first date they are known)")
    on_narrow(fig, lambda: _wrapped_label(ax.xaxis.label, PHONE_LABEL_WRAP))  # centred under the plot, it is
    # narrower than the figure: at the phone's usual wrap it passed the right edge
    ax.set_ylabel("cumulative capital raised (US$)")
    # each line named at its end in its colour: seven greys in a legend could not be told apart
    label_line_ends(ax)
    caption(fig, source_note + " Hollow markers: the total includes an estimated or disputed round.")
    _capital_finding(fig, history, names, as_of, rounded)
    fig.tight_layout()
    return fig


PHONE_LABEL_WRAP = 30  # characters per line of the capital chart's axis label on a phone
PHONE_YEARS = 3  # year ticks on the capital chart's phone plot, narrowed by the names beside it


def _wrapped_label(label, chars: int) -> Callable[[], None]:
    """``label`` wrapped to ``chars`` a line; returns the undo."""
    written = label.get_text()
    label.set_text(textwrap.fill(written, chars, break_on_hyphens=False))
    return lambda: label.set_text(written)


def times(value: float, reference: float) -> str:
    """How many times ``reference`` a value is: the unrounded ratio at two significant figures (``multiple``)."""
    return multiple(value / reference, 2).removesuffix("x")


def _capital_finding(fig, history: pd.DataFrame, names: dict, as_of, rounded: pd.Series | None = None) -> None:
    """Who has raised the most by ``as_of``, as a multiple of Runway's capital; "about" because every total
    is a sum of reported rounds, some of them estimated or disputed. ``rounded``: the totals as the page states
    them (by company id); without it, the exact sums."""
    when = f"{pd.Timestamp(as_of):%Y-%m-%d}"
    if history.empty:
        state_finding(fig, f"No counted round by {when}", f"No company had a counted round by {when}.")
        return
    latest = history.sort_values("date", kind="stable").groupby("company_id").tail(1).set_index("company_id")
    totals = latest["cumulative_raised_usd"].sort_values(ascending=False, kind="stable")
    leader = totals.index[0]
    shown = totals if rounded is None else rounded.reindex(totals.index).fillna(totals)

    def about(c: str) -> str:
        return f"{names[c]} about {money(shown[c])}"

    ranked = [about(c) for c in totals.head(3).index]
    if REFERENCE in totals.index and leader != REFERENCE:
        multiple = times(totals[leader], totals[REFERENCE])
        title = f"{names[leader]} has raised about {multiple} times {names[REFERENCE]}'s capital"
        ranked.append(about(REFERENCE))
    else:
        title = f"{names[leader]} has raised the most: about {money(shown[leader])} by {when}"
    flagged = [names[c] for c in totals.index if latest.loc[c, "includes_estimates"]]
    state_finding(
        fig,
        finding_title(title),
        alt_text(
            title,
            f"Capital raised by {when}: " + ", ".join(dict.fromkeys(ranked)),
            f"{len(totals)} companies drawn on a log scale",
            ("Totals including an estimated or disputed round: " + ", ".join(flagged)) if flagged else "",
        ),
    )


PANEL_TITLE_WRAP = 44  # characters: a longer panel title runs into its neighbour's on the page
FLOW, CAP = "capital_raised_usd", "market_cap_usd"
PANELS = (
    ((FLOW,), "Capital raised to date (a flow: all rounds added up)"),
    (("post_money_usd", CAP), "Latest valuation or market cap (a stock: one date)"),
)


def stocks_and_flows(
    table: pd.DataFrame,
    log_scale: bool,
    article: pd.DataFrame | None = None,
    source_note: str = "",
    colors: dict | None = None,
    rounded: pd.Series | None = None,
):
    """Two panels of dots on one shared log axis, the flow (capital raised) beside the stocks (a valuation, or a
    parent's market cap drawn as a diamond), never summed, each dot labelled with its value (a dot, not a bar:
    on a log axis a bar's length measures only its distance from an arbitrary baseline). Two panels, not one per
    measure: a market cap's panel was 'no data' but for one company. ``table`` has one row per company with the
    three value columns and a ``<column>_confidence`` each; ``article`` has company, panel, value; ``rounded``:
    capital raised as the page states it (by company), the labels' value."""
    companies = list(table.index)
    colors = colors or company_colors(list(table["company_id_for_color"]))
    fig, axes = plt.subplots(1, 2, figsize=(10, 0.42 * len(companies) + 2.2), sharey=True, sharex=True)
    values = table[[c for columns, _ in PANELS for c in columns]].astype(float)
    labels = values.assign(capital_raised_usd=values["capital_raised_usd"] if rounded is None else rounded)
    low = 10 ** np.floor(np.log10(np.nanmin(values.values))) if log_scale and values.notna().any().any() else 0
    high = np.nanmax(values.values) * 20 if values.notna().any().any() else 1  # room for values right of their dots
    y = np.arange(len(companies))
    for ax, (columns, title) in zip(axes, PANELS, strict=True):
        for i, (_label, row) in enumerate(table.iterrows()):
            drawn = [c for c in columns if pd.notna(row[c])]
            if not drawn:
                ax.text(low * 1.5 if log_scale else 0, i, "no data", va="center", fontsize=CAPTION_SIZE, color="0.4")
            color = colors[row["company_id_for_color"]]
            text_color = color if row["company_id_for_color"] in FOCUS else "0.3"  # a muted tone is too pale for text
            for column in drawn:
                shape = {**marker_style(row[f"{column}_confidence"], color), "markersize": 9}
                ax.plot(row[column], i, **shape | ({"marker": "D", "markersize": 8} if column == CAP else {}))
                # each value as the tables and the front page state it
                side = "below" if column == CAP else "right"  # a market cap, the largest value, has no room right
                shown = money(labels.iloc[i][column])
                direct_label(ax, row[column], i, shown, color=text_color, gap=9, side=side)
        if article is not None:
            pts = article[article["panel"].isin(columns)]
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
        ax.set_title(textwrap.fill(title, PANEL_TITLE_WRAP), fontsize=10, fontweight="normal")
        usd_axis(ax.xaxis, log=log_scale)
        if log_scale:  # $1M, $1B, $1T: every hundredfold ran '$100M$10B' together on a phone
            ax.xaxis.set_major_locator(LogLocator(base=1000))
        ax.set_xlabel("US$" + (" (log scale)" if log_scale else ""))
        ax.set_xlim(low, high)
    axes[0].set_yticks(y, companies)
    axes[0].invert_yaxis()
    caps = " Diamonds: a parent's public market cap." if table[CAP].notna().any() else ""
    caption(fig, f"{source_note} Hollow dots: estimated or disputed figures.{caps} Black stars: the article's figures.")
    _stock_finding(fig, table, labels["capital_raised_usd"])
    fig.tight_layout()
    return fig


STOCK_WORDS = {"post_money_usd": "valuation", "market_cap_usd": "market cap"}


def _stock_finding(fig, table: pd.DataFrame, raised_shown: pd.Series) -> None:
    """The largest stock (a valuation or market cap) as a multiple of Runway's valuation: stock against
    stock, never against capital raised. "About": single-source figures, some estimated. Each value reads as
    its label on the chart does (``raised_shown``: capital raised as the page states it)."""
    stocks = table[list(STOCK_WORDS)].astype(float).stack().dropna()
    exact = table["capital_raised_usd"].astype(float).dropna().sort_values(ascending=False, kind="stable")
    raised = raised_shown.astype(float).reindex(exact.index)  # ranked by the exact sums
    if stocks.empty:
        title = "No valuation or market cap is known for these companies"
        state_finding(fig, title, alt_text(title, *[f"{c} raised {money(v)}" for c, v in raised.head(3).items()]))
        return
    (company, column), top = stocks.idxmax(), stocks.max()
    reference = table.index[table["company_id_for_color"] == REFERENCE]
    ref_value = table.loc[reference[0], "post_money_usd"] if len(reference) else float("nan")
    ids = table["company_id_for_color"]  # the article's other companies with a valuation, stock against stock
    peers = table.loc[ids.isin(FOCUS) & (ids != REFERENCE), "post_money_usd"].astype(float).dropna()
    if pd.notna(ref_value) and len(peers):
        title = f"{peers.idxmax()}'s valuation is about {times(peers.max(), ref_value)} times {reference[0]}'s"
    elif pd.notna(ref_value) and company != reference[0]:
        title = f"{company}'s {STOCK_WORDS[column]} is about {times(top, ref_value)} times {reference[0]}'s valuation"
    else:
        title = f"The largest stock is {company}'s {STOCK_WORDS[column]}: {money(top)}"
    values = [f"{company}'s {STOCK_WORDS[column]}: {money(top)}"]
    if len(reference):
        ref = table.loc[reference[0]]
        raised_ref = money(raised_shown[reference[0]])
        values.append(f"{reference[0]}: valuation {money(ref['post_money_usd'])}, capital raised about {raised_ref}")
    if len(raised):
        values.append(f"most capital raised: {raised.index[0]}, about {money(raised.iloc[0])}")
    values.append("stocks (valuations, market caps) and flows (capital raised) are drawn in separate panels")
    state_finding(fig, finding_title(title), alt_text(title, *values))


def _verdict_short(verdict: str) -> str:
    """A verdict as a chart label: a mismatch on aggregator pages alone is starred (the caption says why)."""
    return re.sub(r"; (?:a single aggregator page|\d+ aggregator pages), unconfirmed\)", ")*", verdict)


def not_drawn_note(missing: int) -> str:
    """The audit chart's caption on the figures it cannot draw ("" when it draws them all)."""
    if not missing:
        return ""
    figures = (
        "One figure without a sourced value is" if missing == 1 else f"{missing} figures without a sourced value are"
    )
    return f" {figures} listed in the table, not drawn."


def audit_dots(audit: pd.DataFrame, tolerance: float, source_note: str = ""):
    """Article value / sourced value per claim on a log axis, with the corroboration band."""
    shown = audit.dropna(subset=["ratio"]).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9.5, 0.48 * max(len(shown), 1) + 1.8))
    ax.axvspan(1 / tolerance, tolerance, color="0.85")
    ax.axvline(1, color="0.4", lw=1)
    labels = [f"{r.company}: {METRIC_LABELS.get(r.metric, words(str(r.metric)))}" for r in shown.itertuples()]
    ax.scatter(shown["ratio"], range(len(shown)), color="black", zorder=3)
    verdicts = [words(_verdict_short(str(r.verdict))) for r in shown.itertuples()]
    beside = [direct_label(ax, x, i, verdicts[i], gap=6) for i, x in enumerate(shown["ratio"])]
    wrapped_tick_labels(ax.yaxis, range(len(shown)), labels, 60, 14)
    ax.invert_yaxis()
    log_axis(ax.xaxis, ratio_tick)
    ax.set_xlabel("article value / sourced value (log scale; 1 = agreement)")
    ax.set_ylim(len(shown) - 0.5, -1.2)  # room above the first claim for the band's name
    band = direct_label(ax, 1, -0.7, f"match: within {tolerance - 1:.0%}", color="0.3", side="right")
    on_narrow(fig, lambda: _claims_above_their_dots(ax, labels, verdicts, beside, band))
    lo, hi = shown["ratio"].min() if len(shown) else 1, shown["ratio"].max() if len(shown) else 1
    ax.set_xlim(min(lo, 1 / tolerance) / 2, max(hi, tolerance) * 10)  # a verdict fits right of its dot
    missing = len(audit) - len(shown)
    unconfirmed = any(_verdict_short(str(v)) != str(v) for v in shown["verdict"])
    caption(
        fig,
        source_note
        + (" *Unconfirmed: a mismatch against aggregator pages alone." if unconfirmed else "")
        + not_drawn_note(missing),
    )
    _audit_finding(fig, audit, shown, tolerance)
    fig.tight_layout()
    return fig


PHONE_ROW_WRAP = 48  # characters per line of a claim and its verdict above its dot on a phone: the plot's width
ROW_TEXT_BOX = {"facecolor": "white", "alpha": 0.85, "linewidth": 0, "pad": 1}  # readable over the band and line


def _claims_above_their_dots(ax, claims: list[str], verdicts: list[str], beside: list, band) -> Callable[[], None]:
    """On a phone, each claim and its verdict as one line of text above its dot, across the plot's width (beside
    the dots and in the tick labels they leave the plot too narrow to read); returns the undo."""
    from matplotlib.transforms import blended_transform_factory

    rows = blended_transform_factory(ax.transAxes, ax.transData)
    saved = (ax.get_yticklabels(), ax.get_ylim(), band.xy)
    ax.set_yticks(range(len(claims)), [""] * len(claims))
    ax.set_ylim(len(claims) - 0.5, -1.7)
    band.xy = (1, -1.25)
    for label in beside:
        label.set_visible(False)
    written = [
        ax.text(0, i - 0.15, textwrap.fill(f"{claim}: {verdict}", PHONE_ROW_WRAP), transform=rows,
                ha="left", va="bottom", fontsize=CAPTION_SIZE, color="0.15", bbox=ROW_TEXT_BOX)
        for i, (claim, verdict) in enumerate(zip(claims, verdicts, strict=True))
    ]  # fmt: skip
    ax.figure.prequel_phone_taller = (max(t.get_text().count("\n") for t in written) + 2) / 3 if written else 1
    # rows two lines apart fit the page's height; a third line above a dot needs as much more

    def undo() -> None:
        del ax.figure.prequel_phone_taller
        for text in written:
            text.remove()
        for label in beside:
            label.set_visible(True)
        ticks, limits, band.xy = saved
        ax.set_yticks(range(len(claims)), [t.get_text() for t in ticks])
        ax.set_ylim(*limits)

    return undo


def _audit_finding(fig, audit: pd.DataFrame, shown: pd.DataFrame, tolerance: float) -> None:
    """How many of the article's figures are corroborated and how many more match, counted as the answer
    counts them (``audit_count``), and the furthest off."""
    said, matches = audit_count(audit)
    title = said  # the count corroborated; how many more match is said in the alt text and the answer
    values = []
    if len(shown):
        off = shown.assign(factor=shown["ratio"].map(lambda r: max(r, 1 / r))).sort_values(
            "factor", ascending=False, kind="stable"
        )
        values = [
            f"{r.company}'s {METRIC_LABELS.get(r.metric, words(str(r.metric)))}: {words(str(r.verdict))}"
            for r in off.head(2).itertuples()
            if not 1 / tolerance <= r.ratio <= tolerance
        ]
    missing = len(audit) - len(shown)
    values.append(f"{missing} with no sourced figure to check against" if missing else "")
    state_finding(fig, title, alt_text(title, matches, *values))


# ---- the notebook's three charts, drawn from its analysis ------------------------------------------


def capital_chart(a: FundingAnalysis):
    """Capital raised over time, with the article's figures as stars (unless switched off)."""
    colors = company_colors(a.company_ids)
    note = a.captions["capital_chart"]
    ids = {name: company for company, name in a.names.items()}
    rounded = pd.Series(a.capital["announced_rounded"].to_numpy(), index=[ids[n] for n in a.capital.index])
    return capital_steps(a.capital_history, a.names, a.as_of, a.log_scale, a.article_points, note, colors, rounded)


def stocks_chart(a: FundingAnalysis):
    """Stocks (valuations, market caps) and flows (capital raised) in separate panels."""
    note = a.captions["stocks_chart"]
    rounded = a.capital["announced_rounded"].reindex(a.stock_flow.index)  # as the sentences state capital raised
    return stocks_and_flows(a.stock_flow, a.log_scale, a.article_marks, note, company_colors(a.company_ids), rounded)


def audit_chart(a: FundingAnalysis):
    """The article's figures against the sourced ones, with the corroboration band."""
    return audit_dots(a.audit, AUDIT_TOLERANCE, a.captions["audit_chart"])
