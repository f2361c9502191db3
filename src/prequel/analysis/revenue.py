"""A company's run-rate on a date it was not reported, as a range, and the revenue multiple a valuation implies.

One function for every notebook that needs it (04 at the demo window's start, 06 at the round), so that two
notebooks never bound one run-rate two ways:

- **low**: the latest *reported* run-rate known on the date, carried forward at the low growth rate (notebook
  04 passes 0: the figure as reported, a floor);
- **high**: the highest of every counted run-rate known on the date, each carried forward at the high growth
  rate (``estimated``/``disputed`` rows count only when ``include_estimates``); never below the low end.

A run-rate R reported on date d, carried to date t at an annual growth g, is R (1 + g)^((t - d) / 365.25 days).
The implied multiple is the valuation over the range: valuation / high to valuation / low.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

YEAR_DAYS = 365.25


def years_between(start, end) -> float:
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / YEAR_DAYS


def carried(value: float, growth: float, years: float) -> float:
    """A run-rate carried forward ``years`` at an annual growth rate."""
    return value * (1 + growth) ** years


def run_rate_range(
    metrics: pd.DataFrame,
    company: str,
    on,
    growth_low: float,
    growth_high: float,
    include_estimates: bool,
) -> dict[str, Any]:
    """The run-rate of ``company`` on the date ``on`` as a range, from the ``arr_usd`` rows of
    ``company_metrics.csv`` known by then (see the module); ``rows`` holds the rows it read."""
    from . import funding

    rows = metrics[(metrics["metric"] == "arr_usd") & (metrics["company_id"] == company)]
    known = funding.known_by(rows, on, include_estimates).sort_values("as_of_date", kind="stable")
    reported = known[known["confidence"] == "reported"]
    if reported.empty:
        raise ValueError(f"no reported run-rate for {company} on or before {pd.Timestamp(on).date()}")
    low_row = reported.iloc[-1]
    low = carried(float(low_row["value"]), growth_low, years_between(low_row["as_of_date"], on))
    forward = [carried(r.value, growth_high, years_between(r.as_of_date, on)) for r in known.itertuples(index=False)]
    top = max(range(len(forward)), key=forward.__getitem__)
    high_row = known.iloc[top]
    grown_low = " carried forward" if growth_low else ""
    return {
        "low": low,
        "low_id": low_row["metric_id"],
        "low_from": f"the run-rate of {low_row['as_of']} ({low_row['confidence']}){grown_low}",
        "high": max(forward[top], low),
        "high_id": high_row["metric_id"],
        "high_from": f"the run-rate of {high_row['as_of']} ({high_row['confidence']}) carried forward",
        "rows": known,
    }


def implied_multiple_range(valuation: float, run_rates: dict[str, Any]) -> tuple[float, float]:
    """The revenue multiple a valuation pays on a run-rate range: (at its high end, at its low end)."""
    return valuation / run_rates["high"], valuation / run_rates["low"]
