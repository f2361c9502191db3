"""Who supports each figure: the sources of the data files, grouped by tier, and the figures resting on one
secondary or aggregator source alone.

A **figure** is one row of a data file that cites an outside source (an ``http(s)`` ``source_url``). Rows
citing the article (``article:runway-prequel``: the claims under test) or this project
(``judgement:prequel``: constructed scales) are listed in their own groups and are not counted as figures.

A source's tier is ``primary`` (the company's own post, filing or repository), ``secondary`` (press) or
``aggregator`` (aggregators, databases and machine-written sites). A figure rests on a **single source**
(``single_source``: one secondary or aggregator page) when its row's ``source_tier`` is not ``primary`` and no
other row of the same file reports the same fact from a primary source or from another publisher (another
domain). A figure is **aggregator-only** (``aggregator_only``, the evidence rules' test) when its row is an
aggregator's and no row of the same file reports the same fact from a page that is not an aggregator's. The same fact
is the same value of ``FACT_KEYS`` (the round and its amount, the company's metric at one date with its
value, a company's model); in the other files each row is its own fact (``ROW_KEYS``).

A source's **date** (in its link's text) is the page's publication date where the research recorded it,
otherwise the date of the latest fact it reports in any file; a fact dated the snapshot date was undated in
the research (``data/README.md``), so it gives no date.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import ARTICLE_DATE, SNAPSHOT_DATE
from .dates import parse_period_end

if TYPE_CHECKING:
    from .data import Dataset

ARTICLE_SOURCE = "article:runway-prequel"
JUDGEMENT_SOURCE = "judgement:prequel"


@dataclass(frozen=True)
class Article:
    """The article under analysis and the piece it attributes its reporting to (from the article's text)."""

    title: str
    attributes: str  # the piece the article names under "Source and attribution"
    attributed_date: str  # that piece's date (the Equity episode), the date of every claim in article_claims.csv
    url: str | None = None  # no public URL of the article or of the episode is recorded in the research


#: The one place the article's title is kept (``source_link`` and the sources section read it).
ARTICLE = Article(
    title="Runway Bets $860M That AI Video Is Just a Prequel",
    attributes="TechCrunch's Equity podcast: “Is AI video just a prequel? Runway’s CEO thinks world models are next”",
    attributed_date=ARTICLE_DATE,
)

#: The columns that identify a row of each data file.
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "companies": ("company_id",),
    "funding_rounds": ("round_id",),
    "company_metrics": ("metric_id",),
    "article_claims": ("claim_id",),
    "model_releases": ("release_id",),
    "predictions": ("prediction_id",),
    "events": ("event_id",),
    "scales": ("dimension", "level"),
    "company_levels": ("dimension", "company_id"),
    "verdicts": ("verdict_id",),
    "stakeholders": ("stakeholder_id",),
    "physics_benchmarks": ("entry_id",),
    "valuation_figures": ("figure_id",),
    "valuation_multiples": ("multiple_id",),
    "return_hurdles": ("hurdle_id",),
}
#: The columns naming one fact in files where several rows may report it (see the module's docstring).
FACT_KEYS: dict[str, tuple[str, ...]] = {
    "funding_rounds": ("round_key", "amount_usd"),
    "company_metrics": ("company_id", "metric", "as_of", "value"),
    "model_releases": ("company_id", "model"),
    "valuation_figures": ("peer_id", "metric", "as_of", "value", "currency"),
}
#: Further source columns, cited by the row beside its ``source_url``, with their tier: a tier, or the column
#: holding it (where empty, and for None, the row's own). The paper behind a leaderboard score is its original
#: report, hence primary.
EXTRA_SOURCES: dict[str, str | None] = {
    "reported_in": "primary",
    "conditional_source_url": "conditional_source_tier",
    "condition_met_source_url": None,
}
TIERS = ("primary", "secondary", "aggregator", "article", "judgement")  # the section's groups, in this order
OUTSIDE_TIERS = TIERS[:3]  # the tiers of http(s) sources, primary first
SOURCE_COLUMNS = ["group", "source_url", "date", "files", "figures", "single_source", "confidence"]


def is_web(url: Any) -> bool:
    """True for an http(s) URL: only these become links."""
    return isinstance(url, str) and urllib.parse.urlsplit(url.strip()).scheme in ("http", "https")


def domain(url: str) -> str:
    """The publisher's domain of a URL, without ``www.``: 'https://www.latimes.com/x' -> 'latimes.com'."""
    host = urllib.parse.urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _group_of(url: str, tier: str) -> str:
    if url.startswith("article:"):
        return "article"
    if url.startswith("judgement:"):
        return "judgement"
    return tier


def cited_rows(
    data: Dataset, files: Iterable[str], as_of: str | None = None, companies: Iterable[str] | None = None
) -> pd.DataFrame:
    """One row per citation in the given data files (by file name: ``funding_rounds``, ...).

    Columns: file, row (the row's id), source_url, group (primary, secondary, aggregator, article, judgement),
    confidence, as_of, source_published, figure (the row is a figure: see the module), single_source,
    aggregator_only. Only rows dated on or before ``as_of`` count, when given; of a file with a company column,
    only the rows of ``companies``, when given."""
    frames = []
    for file in files:
        df = data.file(file)
        if as_of is not None:
            df = df[df["as_of_date"] <= pd.Timestamp(as_of)]
        if companies is not None and "company_id" in df:
            df = df[df["company_id"].isin(list(companies))]
        if df.empty:
            continue
        fact = FACT_KEYS.get(file, ROW_KEYS[file])
        flagged, aggregated = single_source(df, fact), aggregator_only(df, fact)
        base = pd.DataFrame(
            {
                "file": file,
                "row": df[list(ROW_KEYS[file])].astype(str).agg(" ".join, axis=1),
                "confidence": df["confidence"],
                "as_of": df["as_of"],
                "source_published": df["source_published"],
            }
        )
        for column, tier in {"source_url": None, **EXTRA_SOURCES}.items():
            if column not in df:
                continue
            tiers = df[tier].fillna(df["source_tier"]) if tier in df.columns else tier or df["source_tier"]
            cited = base.assign(source_url=df[column], tier=tiers)[df[column].notna()]
            cited = cited.assign(
                figure=cited["source_url"].map(is_web).astype(bool) & (column == "source_url"),
                single_source=flagged[df[column].notna()] & (column == "source_url"),
                aggregator_only=aggregated[df[column].notna()] & (column == "source_url"),
            )
            if column != "source_url":  # the publication date recorded is the row's source's, not this one's
                cited = cited.assign(source_published=None)
            frames.append(cited)
    columns = ["file", "row", "source_url", "tier", "confidence", "as_of", "source_published", "figure"]
    empty = pd.DataFrame(columns=[*columns, "single_source", "aggregator_only"])
    rows = pd.concat(frames, ignore_index=True) if frames else empty
    rows["group"] = [_group_of(u, t) for u, t in zip(rows["source_url"], rows["tier"], strict=True)]
    return rows.drop(columns="tier")


def _fact_keys(df: pd.DataFrame, fact_key: tuple[str, ...]) -> pd.Series:
    """Each row's fact (a missing value is one value: two reports of a round without an amount agree)."""
    return pd.Series(
        [tuple("" if pd.isna(v) else str(v) for v in fact) for fact in df[list(fact_key)].itertuples(index=False)],
        index=df.index,
    )


def aggregator_only(df: pd.DataFrame, fact_key: tuple[str, ...]) -> pd.Series:
    """Per row: an aggregator's figure that no page other than an aggregator's reports (see the module's
    docstring), aligned with ``df``. Only rows citing an http(s) source can be flagged."""
    if df.empty:
        return pd.Series(False, index=df.index, dtype=bool)
    web = df["source_url"].map(is_web).astype(bool)
    key = _fact_keys(df, fact_key)
    solid = set(key[web & (df["source_tier"] != "aggregator")])
    return (web & (df["source_tier"] == "aggregator") & ~key.isin(solid)).astype(bool)


def single_source(df: pd.DataFrame, fact_key: tuple[str, ...]) -> pd.Series:
    """Per row: rests on a single secondary or aggregator source (see the module's docstring), aligned with
    ``df``. Only rows citing an http(s) source can be flagged."""
    if df.empty:
        return pd.Series(False, index=df.index, dtype=bool)
    web = df["source_url"].map(is_web).astype(bool)
    publisher = df["source_url"].where(web).map(lambda u: domain(u) if isinstance(u, str) else None)
    key = _fact_keys(df, fact_key)
    per_fact = pd.DataFrame({"key": key, "publisher": publisher, "primary": web & (df["source_tier"] == "primary")})
    per_fact = per_fact[web]
    publishers = per_fact.groupby("key")["publisher"].nunique()
    has_primary = per_fact.groupby("key")["primary"].any()
    corroborated = key.map(lambda k: publishers.get(k, 0) > 1 or bool(has_primary.get(k, False)))
    return (web & df["source_tier"].isin(OUTSIDE_TIERS[1:]) & ~corroborated).astype(bool)


def _latest(dates: Iterable[Any]) -> str | None:
    """The latest of partial dates ('2025', '2025-12', '2025-12-11'), as written."""
    present = [d for d in dates if isinstance(d, str) and d.strip()]
    return max(present, key=parse_period_end) if present else None


def source_dates(data: Dataset) -> dict[str, str]:
    """Each source's date, over every data file (see the module's docstring); sources without one are left out."""
    rows = cited_rows(data, ROW_KEYS)
    dates = {}
    for url, cited in rows.groupby("source_url"):
        dated = [d for d in cited["as_of"] if isinstance(d, str) and d != SNAPSHOT_DATE]
        when = _latest(cited["source_published"]) or _latest(dated)
        if when:
            dates[url] = when
    return dates


def _by_source(rows: pd.DataFrame, **aggregations: Any) -> pd.DataFrame:
    """One row per source_url of ``rows`` in the sections' order: group (a source called primary by any row is
    listed as primary: the curator judged it original reporting there), figures (rows citing it) and the named
    ``aggregations`` (``DataFrameGroupBy.agg`` specs)."""
    grouped = rows.groupby("source_url", sort=True)
    table = grouped.agg(figures=("row", "size"), **aggregations)
    table["group"] = grouped["group"].agg(lambda s: next((t for t in TIERS if t in set(s)), s.iloc[0]))
    table["order"] = table["group"].map({t: i for i, t in enumerate(TIERS)})
    return table.reset_index().sort_values(["order", "figures", "source_url"], ascending=[True, False, True])


def source_table(rows: pd.DataFrame, dates: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per source: group, source_url, date (from ``dates``: see ``source_dates``), files, figures
    (rows citing it), single_source (its figures that rest on it alone), confidence flags."""
    if rows.empty:
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    table = _by_source(
        rows,
        single_source=("single_source", "sum"),
        files=("file", lambda s: ", ".join(sorted(set(s)))),
        confidence=("confidence", lambda s: ", ".join(sorted(set(s.dropna())))),
    )
    table["date"] = table["source_url"].map(lambda url: (dates or {}).get(url))
    table["single_source"] = table["single_source"].astype(int)
    return table[SOURCE_COLUMNS].reset_index(drop=True)


def outside_sources(rows: pd.DataFrame) -> pd.DataFrame:
    """The http(s) sources among ``cited_rows``, one row per source: source_url and tier (primary, secondary
    or aggregator), as the sources section lists and counts them (and the sourcing badge counts them)."""
    web = rows[rows["group"].isin(OUTSIDE_TIERS)]
    if web.empty:
        return pd.DataFrame(columns=["source_url", "tier"])
    table = _by_source(web)  # in the order of ``source_table``, without the columns only it shows
    return table[["source_url", "group"]].rename(columns={"group": "tier"}).reset_index(drop=True)


def aggregator_sources(data: Dataset) -> frozenset[str]:
    """Each http(s) source of ``data`` that every row citing it calls an aggregator (``Dataset.aggregator_sources``:
    a link to one says so beside it)."""
    groups = cited_rows(data, ROW_KEYS).groupby("source_url")["group"].agg(set)  # further source columns too
    return frozenset(str(url).strip() for url, seen in groups.items() if seen == {"aggregator"} and is_web(url))
