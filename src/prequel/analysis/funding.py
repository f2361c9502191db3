"""Funding comparison: capital raised, valuations, market caps and the audit of the article.

Counting rules (capital raised = primary capital that reached the company):
- ``primary`` rows count; secondary share sales, talks and valuation-only reports never do.
- A round announced and later closed at another size (``announced`` then ``primary`` under one
  ``round_key``) counts once: at its announced size until the close is reported, then at the close.
- Conflicting reports of one round: one is chosen (``primary``), the others are
  ``conflicting_report`` and are shown but not counted.
- Rows with no USD amount count as unknown (nothing is added) and are listed.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from ..data import Dataset

ESTIMATE_FLAGS = ("estimated", "disputed")
VALUED_TREATMENTS = ("primary", "announced", "valuation_only")
AUDIT_TOLERANCE = 1.15  # within 15% either way counts as corroborated


def known_by(df: pd.DataFrame, as_of: str | pd.Timestamp, include_estimates: bool = True) -> pd.DataFrame:
    """Rows whose facts are dated on or before ``as_of`` (month dates count from month end)."""
    out = df[df["as_of_date"] <= pd.Timestamp(as_of)]
    if not include_estimates:
        out = out[~out["confidence"].isin(ESTIMATE_FLAGS)]
    return out


def _latest_report_per_round(rounds: pd.DataFrame, treatments: tuple[str, ...]) -> pd.DataFrame:
    """Per round_key the most recent row among ``treatments`` (a close replaces its announcement)."""
    rows = rounds[rounds["treatment"].isin(treatments)]
    order = rows["treatment"].map({"announced": 0}).fillna(1)  # same day: the close wins
    rows = rows.assign(_order=order).sort_values(["as_of_date", "_order"], kind="stable")
    return rows.groupby("round_key", sort=False).tail(1).drop(columns="_order")


def counted_rounds(rounds: pd.DataFrame, as_of, include_estimates: bool = True) -> pd.DataFrame:
    """The rounds that count toward capital raised as of a date, one row per round."""
    visible = known_by(rounds, as_of, include_estimates)
    counted = _latest_report_per_round(visible, ("primary", "announced"))
    return counted.sort_values(["company_id", "as_of_date", "round_id"], kind="stable").reset_index(drop=True)


def total_raised(rounds: pd.DataFrame, as_of, include_estimates: bool = True) -> pd.Series:
    """Capital raised by company as of a date (sum of counted rounds with a USD amount)."""
    counted = counted_rounds(rounds, as_of, include_estimates)
    return counted.groupby("company_id")["amount_usd"].sum(min_count=1).dropna()


def capital_history(rounds: pd.DataFrame, as_of, include_estimates: bool = True) -> pd.DataFrame:
    """Cumulative capital raised after each counted round (the step chart's data)."""
    counted = counted_rounds(rounds, as_of, include_estimates).dropna(subset=["amount_usd"])
    steps = []
    for company, group in counted.groupby("company_id", sort=True):
        dates = sorted(group["as_of_date"].unique())
        for day in dates:
            included = counted_rounds(rounds[rounds["company_id"] == company], day, include_estimates)
            amounts = included["amount_usd"].dropna()
            flagged = included.loc[amounts.index, "confidence"].isin(ESTIMATE_FLAGS).any()
            steps.append(
                {
                    "company_id": company,
                    "date": day,
                    "cumulative_raised_usd": amounts.sum(),
                    "rounds_counted": len(amounts),
                    "includes_estimates": bool(flagged),
                }
            )
    return pd.DataFrame(
        steps, columns=["company_id", "date", "cumulative_raised_usd", "rounds_counted", "includes_estimates"]
    )


def valuation_history(rounds: pd.DataFrame, as_of, include_estimates: bool = True) -> pd.DataFrame:
    """Post-money valuations of primary rounds known by ``as_of`` (one per round)."""
    visible = known_by(rounds, as_of, include_estimates).dropna(subset=["post_money_usd"])
    chosen = _latest_report_per_round(visible, VALUED_TREATMENTS)
    cols = ["company_id", "round", "as_of", "as_of_date", "post_money_usd", "confidence", "treatment", "source_url"]
    return chosen.sort_values(["company_id", "as_of_date"], kind="stable")[cols].reset_index(drop=True)


def latest_preferring_reported(df: pd.DataFrame) -> pd.DataFrame:
    """Per company the latest row, taking a reported row over a later estimated or disputed one."""
    rank = df["confidence"].map({"reported": 1}).fillna(0)
    ordered = df.assign(_rank=rank).sort_values(["company_id", "_rank", "as_of_date"], kind="stable")
    return ordered.groupby("company_id").tail(1).drop(columns="_rank").set_index("company_id")


def latest_post_money(rounds: pd.DataFrame, as_of, include_estimates: bool = True) -> pd.DataFrame:
    return latest_preferring_reported(valuation_history(rounds, as_of, include_estimates))


def market_caps(data: Dataset, as_of, include_estimates: bool = True) -> pd.DataFrame:
    """Latest market cap of each public parent known by ``as_of``."""
    caps = known_by(data.metrics[data.metrics["metric"] == "market_cap_usd"], as_of, include_estimates)
    if caps.empty:
        return caps.set_index("company_id")
    return latest_preferring_reported(caps)


def step_ups(valuations: pd.DataFrame) -> pd.DataFrame:
    """Ratio of each post-money valuation to the company's previous one."""
    v = valuations.sort_values(["company_id", "as_of_date"], kind="stable").copy()
    v["previous_usd"] = v.groupby("company_id")["post_money_usd"].shift()
    v["step_up"] = v["post_money_usd"] / v["previous_usd"]
    months = (v["as_of_date"] - v.groupby("company_id")["as_of_date"].shift()).dt.days / 30.4375
    v["months_since_previous"] = months.round(1)
    return v.dropna(subset=["step_up"]).reset_index(drop=True)


def relative_capital(raised: pd.Series) -> pd.DataFrame:
    """Matrix: capital of the row company divided by capital of the column company."""
    values = raised.sort_values(ascending=False)
    return pd.DataFrame(np.outer(values, 1 / values), index=values.index, columns=values.index)


# ---- the audit of the article's figures -------------------------------------------------


def vertical_pixels(resolution: str | None) -> float:
    """Lines of vertical resolution: '1080p' -> 1080, '1792x1024' -> 1024, '4K' -> 2160."""
    if resolution is None or (isinstance(resolution, float) and math.isnan(resolution)):
        return math.nan
    text = str(resolution).strip()
    if m := re.fullmatch(r"(\d+)p", text):
        return float(m.group(1))
    if m := re.fullmatch(r"(\d+)x(\d+)", text):
        return float(min(int(m.group(1)), int(m.group(2))))
    if m := re.fullmatch(r"([248])K", text):
        return {"2": 1080.0, "4": 2160.0, "8": 4320.0}[m.group(1)]
    raise ValueError(f"unknown resolution {resolution!r}")


def sourced_series(data: Dataset, metric: str, company: str, as_of, include_estimates: bool = True) -> pd.DataFrame:
    """The sourced values of an audited metric over time: columns date, value, confidence, source_url, basis."""
    cols = ["date", "value", "confidence", "source_url", "basis"]
    if metric == "total_raised_usd":
        rounds = data.rounds[data.rounds["company_id"] == company]
        hist = capital_history(rounds, as_of, include_estimates)
        if hist.empty:
            return pd.DataFrame(columns=cols)
        last = counted_rounds(rounds, as_of, include_estimates).set_index("as_of_date")
        return pd.DataFrame(
            {
                "date": hist["date"],
                "value": hist["cumulative_raised_usd"],
                "confidence": np.where(hist["includes_estimates"], "estimated", "reported"),
                "source_url": [last.loc[[d], "source_url"].iloc[-1] for d in hist["date"]],
                "basis": [f"sum of {n} counted round(s)" for n in hist["rounds_counted"]],
            }
        )[cols]
    if metric == "post_money_usd":
        v = valuation_history(data.rounds[data.rounds["company_id"] == company], as_of, include_estimates)
        return pd.DataFrame(
            {
                "date": v["as_of_date"],
                "value": v["post_money_usd"],
                "confidence": v["confidence"],
                "source_url": v["source_url"],
                "basis": "post-money, " + v["round"],
            }
        )[cols]
    if metric == "market_cap_usd":
        m = known_by(
            data.metrics[(data.metrics["metric"] == metric) & (data.metrics["company_id"] == company)],
            as_of,
            include_estimates,
        ).sort_values("as_of_date", kind="stable")
        return pd.DataFrame(
            {
                "date": m["as_of_date"],
                "value": m["value"],
                "confidence": m["confidence"],
                "source_url": m["source_url"],
                "basis": "market cap observation",
            }
        )[cols]
    if metric in ("max_vertical_resolution", "max_fps"):
        r = known_by(data.releases[data.releases["company_id"] == company], as_of, include_estimates)
        r = r[r["kind"] != "other"].sort_values("as_of_date", kind="stable")
        values = r["max_resolution"].map(vertical_pixels) if metric == "max_vertical_resolution" else r["max_fps"]
        r = r.assign(v=values).dropna(subset=["v"])
        best = r["v"].cummax()
        keep = best.ne(best.shift())  # one point each time the best so far rises
        r = r[keep]
        return pd.DataFrame(
            {
                "date": r["as_of_date"],
                "value": best[keep],
                "confidence": r["confidence"],
                "source_url": r["source_url"],
                "basis": "best so far: " + r["model"],
            }
        )[cols]
    raise ValueError(f"no sourced series for metric {metric!r}")


POINT_IN_TIME = {"market_cap_usd"}  # observations; the others are step series (value holds until the next)


def sourced_value_at(series: pd.DataFrame, metric: str, reference) -> pd.Series | None:
    """The sourced figure nearest the reference date.

    Step series (capital raised, post-money, best capability) are read as of the date.
    Observations (market cap) take the nearest one in either direction, reported before estimated.
    """
    if series.empty:
        return None
    reference = pd.Timestamp(reference)
    if metric in POINT_IN_TIME:
        distance = (series["date"] - reference).abs()
        rank = series["confidence"].map({"reported": 0}).fillna(1)
        return series.assign(_d=distance, _r=rank).sort_values(["_r", "_d"], kind="stable").iloc[0]
    before = series[series["date"] <= reference]
    return before.iloc[-1] if not before.empty else None


def verdict(article_value: float, series: pd.DataFrame, sourced: pd.Series | None) -> tuple[float, str]:
    """(ratio article/sourced, verdict) with verdicts corroborated, outdated, off by Nx, unsupported."""
    if sourced is None or not sourced["value"]:
        return math.nan, "unsupported"
    ratio = article_value / sourced["value"]
    if 1 / AUDIT_TOLERANCE <= ratio <= AUDIT_TOLERANCE:
        return ratio, "corroborated"
    earlier = series[series["date"] < sourced["date"]]
    matches = earlier[(article_value / earlier["value"]).between(1 / AUDIT_TOLERANCE, AUDIT_TOLERANCE)]
    if not matches.empty:
        return ratio, f"outdated (matched {matches['date'].iloc[-1]:%Y-%m-%d})"
    factor = max(ratio, 1 / ratio)
    shown = f"{factor:.0f}" if factor >= 10 else f"{factor:.1f}"
    return ratio, f"off by {shown}x ({'too high' if ratio > 1 else 'too low'})"


def audit_article(data: Dataset, reference_date, as_of, include_estimates: bool = True) -> pd.DataFrame:
    """Each numeric claim of the article with a metric, against the sourced figure nearest its date."""
    claims = data.claims.dropna(subset=["metric", "value"])
    claims = claims.drop_duplicates(subset=["metric", "company_id", "value"])  # table and text repeat figures
    names = data.names()
    rows = []
    for claim in claims.itertuples():
        series = sourced_series(data, claim.metric, claim.company_id, as_of, include_estimates)
        sourced = sourced_value_at(series, claim.metric, reference_date)
        ratio, word = verdict(claim.value, series, sourced)
        rows.append(
            {
                "claim_id": claim.claim_id,
                "company_id": claim.company_id,
                "company": names[claim.company_id],
                "claim": claim.cell_text,
                "metric": claim.metric,
                "article_value": claim.value,
                "sourced_value": None if sourced is None else float(sourced["value"]),
                "sourced_date": None if sourced is None else f"{sourced['date']:%Y-%m-%d}",
                "sourced_basis": None if sourced is None else sourced["basis"],
                "sourced_confidence": None if sourced is None else sourced["confidence"],
                "ratio": ratio,
                "verdict": word,
                "verdict_kind": "off by a factor" if word.startswith("off") else word.split(" (")[0],
                "source_url": None if sourced is None else sourced["source_url"],
            }
        )
    return pd.DataFrame(rows)


def funded_companies(data: Dataset) -> list[str]:
    """Companies with any funding round or market cap in the data, in data order."""
    have = set(data.rounds["company_id"]) | set(
        data.metrics.loc[data.metrics["metric"] == "market_cap_usd", "company_id"]
    )
    return [c for c in data.companies["company_id"] if c in have]
