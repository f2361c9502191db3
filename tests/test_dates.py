import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from prequel.dates import parse_day, parse_period_end, precision


@pytest.mark.parametrize(
    "text, expected",
    [("2025", "2025-12-31"), ("2025-02", "2025-02-28"), ("2024-02", "2024-02-29"), ("2025-12-11", "2025-12-11")],
)
def test_partial_dates_count_from_the_end_of_their_period(text, expected):
    assert parse_period_end(text) == pd.Timestamp(expected)


@pytest.mark.parametrize("bad", ["2025-13", "2025-02-30", "25-01-01", "2025/01/01", "", "soon", "2025-1"])
def test_invalid_dates_are_refused(bad):
    with pytest.raises(ValueError):
        parse_period_end(bad)


def test_parse_day_needs_a_full_date():
    assert parse_day("2026-11-24") == pd.Timestamp("2026-11-24")
    for bad in ("2026-11", 20261124, "2026-11-31"):
        with pytest.raises(ValueError):
            parse_day(bad)


@given(st.dates(min_value=pd.Timestamp("1900-01-01").date(), max_value=pd.Timestamp("2200-12-31").date()))
def test_every_period_end_is_on_or_after_every_day_in_it(day):
    iso = day.isoformat()
    assert parse_period_end(iso) == pd.Timestamp(day)
    assert parse_period_end(iso[:7]) >= pd.Timestamp(day)
    assert parse_period_end(iso[:4]) >= parse_period_end(iso[:7])
    assert precision(iso[:7]) == "month"


def test_a_period_running_at_the_snapshot_is_known_at_the_snapshot():
    """Issue 23: a year-precision fact ('2026') stays visible at the snapshot (2026-11-24) instead of counting
    only from 2026-12-31; a closed period still counts from its end."""
    from prequel.dates import known_from

    assert known_from("2026", "2026-11-24") == pd.Timestamp("2026-11-24")
    assert known_from("2026-11", "2026-11-24") == pd.Timestamp("2026-11-24")
    assert known_from("2026-10", "2026-11-24") == pd.Timestamp("2026-10-31")
    assert known_from("2025", "2026-11-24") == pd.Timestamp("2025-12-31")
    assert known_from("2026-12", "2026-11-24") == pd.Timestamp("2026-12-31")  # after the snapshot: as it says
    assert known_from("2026-11-30", "2026-11-24") == pd.Timestamp("2026-11-30")


def test_year_precision_metrics_are_visible_at_the_snapshot():
    from prequel import SNAPSHOT_DATE
    from prequel.analysis.funding import known_by
    from prequel.data import load_dataset

    metrics = load_dataset().metrics
    seen = set(known_by(metrics, SNAPSHOT_DATE)["metric_id"])
    assert {"m016", "m037", "m057", "m058"} <= seen  # dated '2026' in their sources
    assert "m016" not in set(known_by(metrics, "2026-06-30")["metric_id"])  # not known before the snapshot
