"""The sources section every notebook ends with: its sources grouped by tier, one link each, and the
figures resting on a single secondary or aggregator source (the rule is in ``prequel.sourcing``)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from IPython.display import Markdown, display

from ..data import Dataset
from ..sourcing import ARTICLE, OUTSIDE_TIERS, cited_rows, domain, outside_sources, source_dates, source_table
from .report import TABLE_META, count, dollars, esc, show_table

GROUP_CAPTIONS = {
    "primary": "Primary sources: the companies' own posts, filings and repositories, and research papers",
    "secondary": "Secondary sources: press",
    "aggregator": "Aggregators: aggregator and summary sites, databases and machine-written pages",
}
COLUMNS = {  # the counts right after the link: on a phone the table scrolls and its first columns show
    "primary": ["source_url", "date", "figures", "files", "confidence"],
    "secondary": ["source_url", "date", "figures", "single_source", "files", "confidence"],
    "aggregator": ["source_url", "date", "figures", "single_source", "files", "confidence"],
}


def _files(files: Iterable[str]) -> str:
    names = [f"data/{f}.csv" for f in sorted(set(files))]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def on_aggregator(rows: pd.DataFrame) -> int:
    """The figures among ``cited_rows`` that rest on aggregators' pages alone (``sourcing.aggregator_only``)."""
    return int(rows["aggregator_only"].sum())


def sources_summary(rows: pd.DataFrame) -> dict:
    """Counts for the section's lead: figures, aggregator-only figures, outside sources, primary ones."""
    outside = outside_sources(rows)
    return {
        "figures": int(rows["figure"].sum()),
        "single_source": int(rows["single_source"].sum()),
        "on_aggregator": on_aggregator(rows),
        "sources": len(outside),
        "primary_sources": int((outside["tier"] == "primary").sum()),
    }


def show_sources(data: Dataset, files: Iterable[str], as_of: str | None = None) -> None:
    """Display the sources behind the given data files (rows dated by ``as_of`` when given), grouped by tier:
    the count of figures resting on a single secondary or aggregator source (``sources_summary``), a table per tier, the
    article and this project's judgements."""
    files = list(files)
    rows = cited_rows(data, files, as_of)
    counts = sources_summary(rows)
    if counts["figures"]:
        lead = (
            f"**{counts['single_source']:,} of {count(counts['figures'], 'figures')} from outside sources rest on a "
            "single secondary or aggregator source**: a news page, or an aggregator, database or machine-written "
            "page, that no primary source and no other publisher backs for the same fact (per source: \u201cSole "
            f"source of\u201d); {counts['on_aggregator']:,} rest on aggregators' pages alone. "
            f"{counts['primary_sources']:,} of {count(counts['sources'], 'sources')} are primary. Each link reads "
            "publisher, date: the page's publication date where the research recorded it, otherwise the date of the "
            "latest fact it reports."
        )
    else:
        lead = f"No row of {esc(_files(files))} cites an outside source."
    summary = {"total": counts["sources"], "primary": counts["primary_sources"]}  # the page's sourcing badge
    display(Markdown(dollars(lead)), metadata={TABLE_META: {"sources": summary}})
    table = source_table(rows, source_dates(data))
    for group, caption in GROUP_CAPTIONS.items():
        shown = table[table["group"] == group]
        if len(shown):
            show_table(
                shown[COLUMNS[group]],
                f"{caption} ({count(len(shown), 'sources')})",
                link_date="date",
                aggregators=data.aggregator_sources,
            )
    for group, describe in (("article", _article), ("judgement", _judgements)):
        cited = rows[rows["group"] == group]
        if len(cited):
            display(Markdown(dollars(describe(cited))))


def _cited_by(cited: pd.DataFrame) -> str:
    flags = ", ".join(sorted(set(cited["confidence"].dropna())))
    return f"{count(len(cited), 'rows')} of {esc(_files(cited['file']))} (flagged {esc(flags)})"


def _article(cited: pd.DataFrame) -> str:
    return (
        f"**The article under analysis**: *{esc(ARTICLE.title)}*, which attributes its reporting to "
        f"{esc(ARTICLE.attributes)} ({esc(ARTICLE.attributed_date)}). No public URL of the article or of the "
        f"episode is recorded in the research, so neither is linked. Cited by {_cited_by(cited)}: the claims under "
        "test, not evidence for them."
    )


def _judgements(cited: pd.DataFrame) -> str:
    return (
        f"**This project's judgements**: {_cited_by(cited)} are scales and scores this project constructed: "
        "stated so they can be challenged, not facts from a source."
    )


# --- the sources under a chart ----------------------------------------------------------------------

SHOWN_UNDER_A_CHART = 4  # sources named under a chart (primary first, then by figures); the rest are counted


def figure_sources(
    data: Dataset, files: Iterable[str], as_of: str | None = None, companies: Iterable[str] | None = None
) -> dict:
    """What the page writes under a chart drawn from ``files`` (of ``companies``, when given: the rows the chart
    draws, not every company's): its first sources (publisher, date, link, tier),
    how many more, its figures, those resting on a single secondary or aggregator source (and of them on an
    aggregator), and whether it also
    draws on the article under analysis or on this project's judgements."""
    rows = cited_rows(data, list(files), as_of, companies)
    table = source_table(rows, source_dates(data))
    outside = table[table["group"].isin(OUTSIDE_TIERS)]
    shown = outside.head(SHOWN_UNDER_A_CHART)
    return {
        "sources": [
            {"publisher": domain(url), "url": url, "date": str(date) if isinstance(date, str) else "", "tier": tier}
            for url, date, tier in zip(shown["source_url"], shown["date"], shown["group"], strict=True)
        ],
        "more": max(len(outside) - len(shown), 0),
        "figures": int(rows["figure"].sum()),
        "single_secondary": int(rows["single_source"].sum()),
        "on_aggregator": on_aggregator(rows),
        "article": bool((rows["group"] == "article").any()),
        "judgement": bool((rows["group"] == "judgement").any()),
    }


def cite(
    fig, data: Dataset, files: Iterable[str], as_of: str | None = None, companies: Iterable[str] | None = None
) -> None:
    """Record the sources of a chart drawn from ``files`` (of ``companies``) on the figure: the page writes them
    under it."""
    fig.prequel_sources = figure_sources(data, files, as_of, companies)


def cite_figures(
    data: Dataset, files: Iterable[str], as_of: str | None = None, companies: Iterable[str] | None = None
) -> None:
    """The sources of every chart the notebook displays from now on that records none of its own (``cite``):
    for a notebook whose charts all draw on the same files (of ``companies``)."""
    from . import style

    style.DEFAULT_SOURCES = figure_sources(data, files, as_of, companies)


def sources_line(cited: dict) -> str:
    """A chart's sources in one line drawn into its image, the same ones (and the same count) the page writes
    under it (``figure_sources``): 'Sources: latimes.com, runwayml.com and 18 more; the article under analysis'."""
    names = list(dict.fromkeys(s["publisher"] for s in cited["sources"]))  # one publisher once, never "a.ca, a.ca"
    if cited["more"]:
        names.append(f"{cited['more']} more")
    listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
    extra = [x for x, on in (("the article under analysis", cited["article"]),
                             ("this project's judgements", cited["judgement"])) if on]  # fmt: skip
    return "Sources: " + ("; ".join([listed, *extra] if listed else extra) or "none recorded") + "."


def chart_note(
    data: Dataset, files: Iterable[str], as_of: str | None = None, companies: Iterable[str] | None = None
) -> str:
    """``sources_line`` of the chart drawn from ``files`` (of ``companies``; as ``cite`` records it for the page)."""
    return sources_line(figure_sources(data, files, as_of, companies))
