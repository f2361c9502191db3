"""A company's run-rate on a date it was not reported, as a range, and the revenue multiple a valuation implies.

One function for every notebook that needs it (04 at the demo window's start, 06 at the round), so that two
notebooks never bound one run-rate two ways. Only what is dated on or before the date counts (a row dated by
month counts from the month's end): a figure reported later never reaches back to an earlier date.

- **low**: the latest *reported* run-rate known on the date, carried forward at the low growth rate; raised to
  the **floor** once one is known on the date (that run-rate plus the run-rate reported *added* since, if
  nothing was lost, dated by the last addition and carried forward from there at the low rate);
- **high**: the *latest* counted run-rate known on the date (``estimated``/``disputed`` rows count only when
  ``include_estimates``; the highest of that date's rows), carried forward at the high growth rate; never below
  the low end. A later point supersedes an older one: an older run-rate carried at the high rate to a date past
  a later report would claim a growth that the later report already measured lower.

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


def floor_after(metrics: pd.DataFrame, company: str, on, last: pd.Series) -> dict[str, Any] | None:
    """The floor under the run-rate from the *reported* run-rate added after ``last`` (a reported run-rate row)
    and known on ``on``: ``floor`` (last plus the additions), ``added``, ``date`` (the last addition's, as a
    timestamp) and ``on`` (as written); None when nothing was added since."""
    from . import funding

    rows = metrics[(metrics["company_id"] == company) & (metrics["metric"] == "arr_added_usd")]
    added = funding.known_by(rows, on, include_estimates=False)
    added = added[added["as_of_date"] > last["as_of_date"]]
    if added.empty:
        return None
    date = added["as_of_date"].max()
    return {
        "floor": float(last["value"]) + float(added["value"].sum()),
        "added": float(added["value"].sum()),
        "date": date,
        "on": str(added.loc[added["as_of_date"] == date, "as_of"].iloc[0]),
    }


def run_rate_range(
    metrics: pd.DataFrame,
    company: str,
    on,
    growth_low: float,
    growth_high: float,
    include_estimates: bool,
) -> dict[str, Any]:
    """The run-rate of ``company`` on the date ``on`` as a range, from the ``arr_usd`` and ``arr_added_usd`` rows
    of ``company_metrics.csv`` known by then (see the module); ``rows`` holds the run-rates it read, ``floor``
    the floor known on ``on`` (``floor_after``; None without)."""
    from . import funding

    rows = metrics[(metrics["metric"] == "arr_usd") & (metrics["company_id"] == company)]
    known = funding.known_by(rows, on, include_estimates).sort_values("as_of_date", kind="stable")
    reported = known[known["confidence"] == "reported"]
    if reported.empty:
        raise ValueError(f"no reported run-rate for {company} on or before {pd.Timestamp(on).date()}")
    low_row = reported.iloc[-1]
    low = carried(float(low_row["value"]), growth_low, years_between(low_row["as_of_date"], on))
    grown_low = " carried forward at the low rate" if growth_low else ""
    low_from = f"the run-rate of {low_row['as_of']} ({low_row['confidence']}){grown_low}"
    floor = floor_after(metrics, company, on, low_row)
    if floor is not None:
        floor_then = carried(floor["floor"], growth_low, years_between(floor["date"], on))
        if floor_then > low:
            low = floor_then
            low_from = (
                f"the run-rate of {low_row['as_of']} plus the run-rate reported added by {floor['on']} (a floor)"
                + grown_low
            )
    latest = known[known["as_of_date"] == known["as_of_date"].max()]
    high_row = latest.loc[latest["value"].idxmax()]
    high = carried(float(high_row["value"]), growth_high, years_between(high_row["as_of_date"], on))
    return {
        "low": low,
        "low_id": low_row["metric_id"],
        "low_from": low_from,
        "high": max(high, low),
        "high_id": high_row["metric_id"],
        "high_from": f"the run-rate of {high_row['as_of']} ({high_row['confidence']}) carried forward at the high rate",
        "floor": floor,
        "rows": known,
    }


def implied_multiple_range(valuation: float, run_rates: dict[str, Any]) -> tuple[float, float]:
    """The revenue multiple a valuation pays on a run-rate range: (at its high end, at its low end)."""
    return valuation / run_rates["high"], valuation / run_rates["low"]
