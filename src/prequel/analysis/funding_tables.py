"""The funding comparison's reader tables built from the counting rules in ``funding``: rows per data file,
the article's own table, stocks beside flows, and the valuation per dollar raised."""

from __future__ import annotations

import math

import pandas as pd

from .. import ARTICLE_DATE
from ..data import Dataset
from .funding import capital_summary, counted_rounds, exact_multiple, known_by, rounded_totals

ROUND_COLUMNS = [
    "company", "round", "as_of", "amount_usd", "post_money_usd", "treatment", "counted", "conditional_usd",
    "condition_met_as_of", "confidence", "source_url", "source_tier",
]  # fmt: skip
# The article's figures drawn on the charts, by the stock-and-flow panel they belong to.
PANEL_OF = {
    "total_raised_usd": "capital_raised_usd",
    "post_money_usd": "post_money_usd",
    "market_cap_usd": "market_cap_usd",
}


def rounds_table(rounds: pd.DataFrame, names: dict, as_of, include_estimates: bool) -> pd.DataFrame:
    """Every round known by ``as_of``, whether it counts, and the part still conditional; an undated round says so."""
    visible = known_by(rounds, as_of, include_estimates)
    counted_ids = set(counted_rounds(rounds, as_of, include_estimates)["round_id"])
    undated = visible["announced_date"].fillna("").astype(str).str.strip().eq("")
    return visible.assign(
        company=visible["company_id"].map(names),
        # an undated round is shown at the first date it is known to hold (data/README.md), and says so
        round=visible["round"].where(~undated, visible["round"] + " (undated; shown when first known)"),
        counted=visible["round_id"].isin(counted_ids),
        conditional_usd=pd.to_numeric(visible["conditional_usd"], errors="coerce"),
    ).sort_values(["company", "as_of_date", "stage"], kind="stable")[ROUND_COLUMNS]


def article_marks(data: Dataset, names: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The article's figures for the charts: capital raised as points at the article's date, and every
    capital, valuation and market cap by the stock-and-flow panel it belongs to."""
    claims = data.claims[data.claims["company_id"].isin(list(names))]
    raised = claims[claims["metric"] == "total_raised_usd"].drop_duplicates(["company_id", "value"])
    points = raised.assign(date=pd.Timestamp(ARTICLE_DATE))[["company_id", "date", "value"]].reset_index(drop=True)
    marks = claims[claims["metric"].isin(list(PANEL_OF))].drop_duplicates(["metric", "company_id"])
    marks = marks.assign(panel=marks["metric"].map(PANEL_OF), company=marks["company_id"].map(names))
    return points, marks[["company", "panel", "value"]]


def provenance_table(data: Dataset) -> pd.DataFrame:
    """Rows per data file by confidence flag and source tier."""
    files = {"funding rounds": data.rounds, "company metrics": data.metrics}
    files |= {"model releases": data.releases, "article claims": data.claims}
    rows = pd.concat([df.assign(file=name) for name, df in files.items()])
    return rows.groupby(["file", "confidence", "source_tier"]).size().unstack("source_tier", fill_value=0)


def article_table(data: Dataset) -> pd.DataFrame:
    """The article's comparison table in its own words, one row per dimension and a column per company."""
    cells = data.claims[data.claims["location"] == "table"].drop_duplicates(["dimension", "company_id"])
    names = data.names()
    return (
        cells.assign(company=cells["company_id"].map(names))
        .pivot(index="dimension", columns="company", values="cell_text")
        .reindex(index=cells["dimension"].unique(), columns=[names[c] for c in cells["company_id"].unique()])
    )


def stocks_and_flows_table(
    selected: list[str], names: dict, capital: pd.DataFrame, history: pd.DataFrame, post_money, caps
) -> pd.DataFrame:
    """One row per selected company: capital raised (a flow), post-money valuation and market cap (stocks),
    each with its confidence and date; never summed.

    A valuation is set only beside the capital raised by its own date (``raised_by_valuation_usd``): World
    Labs' 2024 valuation of $1B sits beside the $230M raised by then, not the $1.23B raised since; money raised
    after it is ``raised_after_valuation_usd``."""
    raised, unconditional = capital["total_raised_usd"].dropna(), capital["unconditional_raised_usd"].dropna()
    flagged = history.groupby("company_id")["includes_estimates"].last() if len(history) else pd.Series(dtype=bool)
    index = pd.Index([names[c] for c in selected], name="company")
    table = pd.DataFrame({"company_id_for_color": selected}, index=index)
    table["capital_raised_usd"] = [raised.get(c) for c in selected]
    table["capital_raised_usd_confidence"] = [
        "" if c not in raised else "estimated" if flagged.get(c, False) else "reported" for c in selected
    ]
    table["capital_raised_is_lower_bound"] = [bool(capital["lower_bound"].get(c, False)) for c in selected]
    table["unconditional_raised_usd"] = [unconditional.get(c) for c in selected]
    for column, frame, value in (("post_money_usd", post_money, "post_money_usd"), ("market_cap_usd", caps, "value")):
        table[column] = [frame[value].get(c) for c in selected]
        table[f"{column}_confidence"] = [frame["confidence"].get(c, "") for c in selected]
        table[f"{column}_as_of"] = [frame["as_of"].get(c, "") for c in selected]
    at_valuation = [raised_at(history, c, post_money["as_of_date"].get(c)) for c in selected]
    table.insert(table.columns.get_loc("post_money_usd_as_of") + 1, "raised_by_valuation_usd", at_valuation)
    after = table["capital_raised_usd"].astype(float) - table["raised_by_valuation_usd"].astype(float)
    table.insert(
        table.columns.get_loc("raised_by_valuation_usd") + 1, "raised_after_valuation_usd", after.where(after > 0)
    )
    return table


def raised_at(history: pd.DataFrame, company: str, day) -> float | None:
    """Cumulative capital ``company`` had raised by ``day`` (``capital_history``); None without a day or a round."""
    if day is None or pd.isna(day):
        return None
    steps = history[(history["company_id"] == company) & (history["date"] <= pd.Timestamp(day))]
    return float(steps["cumulative_raised_usd"].iloc[-1]) if len(steps) else None


def valuation_per_dollar(
    rounds: pd.DataFrame, post_money: pd.DataFrame, selected: list[str], include_estimates: bool
) -> pd.DataFrame:
    """Each company's latest post-money valuation over the capital it had raised by then, at the precision
    its inputs support (none for a lower bound); ``headline_eligible``: a reported valuation with a ratio."""
    derived = pd.DataFrame(
        {
            "post_money_usd": post_money["post_money_usd"],
            "post_money_as_of": post_money["as_of"],
            "post_money_confidence": post_money["confidence"],
        }
    ).dropna(subset=["post_money_usd"])
    derived = derived[derived.index.isin(selected)]
    by_then = {
        c: capital_summary(rounds[rounds["company_id"] == c], d, include_estimates)
        for c, d in zip(derived.index, post_money.loc[derived.index, "as_of_date"], strict=True)
    }
    derived["raised_by_then_usd"] = [by_then[c]["total_raised_usd"].get(c) for c in derived.index]
    derived["raised_by_then_rounded"] = [
        rounded_totals(by_then[c]).get(c) if c in by_then[c].index else None for c in derived.index
    ]
    derived["raised_is_lower_bound"] = [bool(by_then[c]["lower_bound"].get(c, False)) for c in derived.index]
    derived["valuation_per_dollar"] = [
        exact_multiple(v, k) if pd.notna(k) and not lower else math.nan
        for v, k, lower in zip(
            derived["post_money_usd"], derived["raised_by_then_usd"], derived["raised_is_lower_bound"], strict=True
        )
    ]
    reported = derived["post_money_confidence"] == "reported"
    derived["headline_eligible"] = reported & derived["valuation_per_dollar"].notna()
    return derived.sort_values("valuation_per_dollar", ascending=False, kind="stable")
