"""Dates of varying precision ("2025", "2025-12", "2025-12-11") as used in data/."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def precision(text: str) -> str:
    """'day', 'month' or 'year' for a valid partial date; ValueError otherwise."""
    parse_period_end(text)
    return {1: "year", 2: "month", 3: "day"}[len(text.split("-"))]


def parse_period_end(text: str) -> pd.Timestamp:
    """The last day of the period a partial date names.

    A fact dated "2025-12" is only certain to have happened by 2025-12-31, so it counts from
    the end of its month; "2026" counts from 2026-12-31.
    """
    match = PARTIAL_DATE.match(str(text).strip())
    if not match:
        raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return pd.Timestamp(date(year, 12, 31))
    if day is None:
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r}: month {month} is not 1-12")
        return pd.Timestamp(date(year, month, 1)) + pd.offsets.MonthEnd(0)
    try:
        return pd.Timestamp(date(year, month, day))
    except ValueError as err:
        raise ValueError(f"{text!r} is not a real date ({err})") from None


def known_from(text: str, snapshot: str) -> pd.Timestamp:
    """When a fact dated ``text`` counts as known: the end of its period, except that a period still running at
    the data ``snapshot`` ('2026' or '2026-11' for a snapshot of 2026-11-24) ends at the snapshot: every row of
    the data was recorded by then, so a year-precision fact stays visible at the snapshot."""
    end, cut = parse_period_end(text), pd.Timestamp(snapshot)
    start = parse_period_end(str(text).strip()[:4] + "-01-01") if precision(text) == "year" else None
    if precision(text) == "month":
        start = end - pd.offsets.MonthBegin(1)
    return cut if start is not None and start <= cut < end else end


def is_partial_date(text: object) -> bool:
    try:
        parse_period_end(str(text))
    except ValueError:
        return False
    return True


def parse_day(text: str) -> pd.Timestamp:
    """A full ISO date YYYY-MM-DD (parameters such as ``as_of``); ValueError otherwise."""
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise ValueError(f"{text!r} is not a date of the form YYYY-MM-DD")
    return parse_period_end(text.strip())
