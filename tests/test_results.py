"""Declared results: the one formatter, flattening with labels, and the comparison's tolerances (in-process)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import pytest

from prequel.regression import compare_frames, compare_values, report, same
from prequel.results import (
    NUMERIC_ABS_TOL,
    NUMERIC_REL_TOL,
    Analysis,
    Answer,
    Result,
    UndeclaredResult,
    alike,
    declaration_at,
    declarations_from_json,
    declare,
    format_value,
    frame_json,
    leaves,
    range_text,
    stored,
)

DECLARED = declare(
    Result("raised_usd", "Capital raised", "money", by="company"),
    Result("probability", "P(comes true)", "probability", by="prediction"),
    Result("share_first", "Ranked first in", "share"),
    Result("multiple", "Valuation over revenue", "multiple"),
    Result("entries", "Entries counted", "count"),
    Result("pace", "Pace of the frontier", "number", unit="points a year"),
    Result("best", "Best score", "points"),
    Result("as_of", "Date", "date"),
    Result("status", "Status", "status", by="prediction"),
    Result("fragile", "Fragile", "flag"),
)


@pytest.mark.parametrize(
    ("rid", "value", "shown"),
    [
        ("raised_usd", 857_500_000, "$860M"),
        ("raised_usd", 181.6e9, "$180B"),
        ("probability", 0.1986, "20%"),
        ("probability", 0.055, "5.5%"),
        ("probability", 0.0, "0%"),
        ("share_first", 0.4, "40%"),
        ("multiple", 0.7012, "0.70x"),  # two significant figures, the trailing zero kept
        ("multiple", 14.8, "15x"),
        ("multiple", 148.3, "150x"),
        ("multiple", 0.00074, "1/1,400x"),
        ("entries", 13, "13"),
        ("pace", 13.27, "13 points a year"),
        ("best", 43.8, "44"),
        ("as_of", "2026-11-24", "2026-11-24"),
        ("status", "resolved_yes", "resolved: yes"),
        ("fragile", True, "yes"),
        ("probability", None, "—"),
    ],
)
def test_one_formatter_reads_each_kind_at_its_declared_precision(rid, value, shown):
    assert format_value(DECLARED[rid], value) == shown


def test_digits_are_declared_not_guessed():
    assert format_value(Result("x", "x", "money", digits=2), 857_500_000) == "$860M"
    assert format_value(Result("x", "x", "money", digits=4), 857_500_000) == "$857.5M"
    assert format_value(Result("x", "x", "money", digits=3), 999.6e6) == "$1B"


def test_two_ends_of_a_range_round_alike():
    """Issue 25: 02 read '(11 to -3.2 points)' and '(0.18 to 12 points)': each end at its own precision."""
    points = Result("x", "x", "points", digits=2)
    assert alike(points, 11, -3.18) == ["11", "-3"]
    assert alike(points, 0.18, 12) == ["just above 0", "12"] and alike(points, -0.4, 12) == ["just below 0", "12"]
    assert alike(points, 4.23, 5.2) == ["4.2", "5.2"] and alike(points, 1234.5, 333) == ["1,200", "300"]
    assert alike(points, 0, 0) == ["0", "0"]


def test_a_mapping_reads_in_words_and_a_range_gives_its_unit_once():
    assert format_value(DECLARED["raised_usd"], {"runway": 857.5e6, "openai": 181.6e9}) == "Runway $860M, OpenAI $180B"
    assert range_text(DECLARED["pace"], 11.2, 18.4) == "11 to 18 points a year"
    assert range_text(DECLARED["probability"], 0.1, 0.3) == "10% to 30%"


def test_every_leaf_has_its_declaration_and_a_label_in_words():
    found = {leaf.key: leaf for leaf in leaves({"probability": {"runway_demo_by_2027_06": 0.2}}, DECLARED)}
    leaf = found["probability.runway_demo_by_2027_06"]
    assert leaf.result is DECLARED["probability"]
    assert leaf.label == "P(comes true): Runway: world-model demo by June 2027"
    assert declaration_at(DECLARED, "sourcing.primary_sources").kind == "count"
    with pytest.raises(UndeclaredResult, match="'surprise'"):
        leaves({"surprise": 1}, DECLARED)


def test_a_declaration_survives_the_round_trip_through_json():
    for result in DECLARED.values():
        assert declarations_from_json({result.id: result.as_dict()})[result.id] == result
    assert declarations_from_json("not a mapping") == {}
    odd = declarations_from_json({"x": {"kind": "<script>", "digits": 10**9, "label": "y" * 10_000}})["x"]
    assert odd.kind == "text" and odd.digits == 2 and len(odd.label) == 200


def test_an_id_declared_twice_is_refused():
    with pytest.raises(UndeclaredResult, match="twice"):
        declare(Result("a", "A", "count"), Result("a", "A again", "count"))


@dataclass
class Tiny(Analysis):
    chart: pd.DataFrame | None = None
    DECLARATIONS = DECLARED


def test_an_analysis_publishes_only_declared_results_and_formats_its_key_numbers():
    tiny = Tiny(
        {"probability": {"runway_demo_by_2027_06": 0.1986}, "entries": 13},
        Answer("the model says about 20%", ["one detail"], [("Runway's demo", "probability.runway_demo_by_2027_06")]),
        chart=pd.DataFrame({"month": [1, 2], "p": [0.1, 0.2]}),
    )
    published = tiny.publication()
    assert published["results"]["finding"] == "The model says about 20%."
    assert published["results"]["key_numbers"] == [
        {"label": "Runway's demo", "value": "20%", "key": "probability.runway_demo_by_2027_06"}
    ]
    assert published["frames"]["chart"] == {"columns": ["month", "p"], "rows": [[1, 0.1], [2, 0.2]]}
    assert published["entry_point"] == f"{__name__}:analyse"
    with pytest.raises(UndeclaredResult, match="'other'"):
        Tiny({"other": 1}, Answer("x")).published()
    with pytest.raises(UndeclaredResult, match="names 'entries.x'"):
        Tiny({"entries": 1}, Answer("x", key_numbers=[("n", "entries.x")])).published()


def test_a_publication_stores_numbers_finer_than_any_tolerance_and_coarser_than_a_floats_last_bits():
    """Committed notebooks carried 17-digit floats (0.14529914529914528): one CPU's last bits in the baseline."""
    tiny = Tiny(
        {"probability": {"runway_demo_by_2027_06": 17 / 117}, "entries": 13},
        Answer("x"),
        chart=pd.DataFrame({"p": [0.0005935051273490144, 2 / 3, 1 - 1e-12]}),
    )
    published = tiny.publication()
    assert published["results"]["probability"] == {"runway_demo_by_2027_06": 0.145299145}
    assert published["frames"]["chart"]["rows"] == [[0.000593505], [0.666666667], [1]]
    assert published["results"]["entries"] == 13
    for exact, kept in [(17 / 117, 0.145299145), (123456789012.5, 123456789000), (-2 / 3, -0.666666667)]:
        assert stored(exact) == kept and math.isclose(kept, exact, rel_tol=NUMERIC_REL_TOL, abs_tol=NUMERIC_ABS_TOL)


# --- the comparison: each declared tolerance exercised just inside and just outside -------------------


@pytest.mark.parametrize(
    ("result", "inside", "outside"),
    [
        (Result("m", "m", "money"), 1e6 * (1 + 0.9e-6), 1e6 * (1 + 1.1e-6)),
        (Result("p", "p", "probability", abs_tol=1e-4, rel_tol=0), 0.2 + 0.9e-4, 0.2 + 1.1e-4),
        (Result("n", "n", "number", rel_tol=0.01), 101.0 * 0.991, 101.0 * 0.989),
    ],
)
def test_a_change_just_inside_the_declared_tolerance_passes_and_just_outside_fails(result, inside, outside):
    base = {"m": 1e6, "p": 0.2, "n": 101.0}[result.id]
    assert same(result, base, inside) and not same(result, base, outside)


@pytest.mark.parametrize(
    ("result", "old", "new"),
    [
        (Result("s", "s", "status"), "open", "overdue"),
        (Result("d", "d", "date"), "2026-11-24", "2026-11-25"),
        (Result("t", "t", "text"), "OpenAI leads.", "OpenAI leads"),
        (Result("c", "c", "count"), 4, 5),
        (Result("f", "f", "flag"), True, False),
    ],
)
def test_statuses_dates_text_counts_and_flags_are_exact(result, old, new):
    assert result.exact and same(result, old, old) and not same(result, old, new)


def test_a_difference_reads_like_a_review():
    old = {"probability": {"runway_demo_by_2027_06": 0.2}, "status": {"runway_demo_by_2027_06": "open"}}
    new = {"probability": {"runway_demo_by_2027_06": 0.25}, "status": {"runway_demo_by_2027_06": "resolved_yes"}}
    text = report(compare_values("03_prediction_timelines", old, new, DECLARED))
    assert (
        "03_prediction_timelines: P(comes true): Runway: world-model demo by June 2027: 20% -> 25% (+25%)  "
        "[moved; tolerance relative 1e-06, absolute 1e-09; probability.runway_demo_by_2027_06]"
    ) in text
    assert "Status: Runway: world-model demo by June 2027: open -> resolved: yes  [flipped; tolerance exact;" in text
    assert report([]) == "no differences beyond the declared tolerances"


def test_tables_are_compared_as_data_column_by_column():
    table = pd.DataFrame({"company": ["runway", "openai"], "raised": [857.5e6, 181.6e9]})
    old = {"rounds": frame_json(table)}
    noise = {"rounds": frame_json(table.assign(raised=table["raised"] * (1 + 1e-12)))}
    assert compare_frames("01", old, noise) == []
    moved = {"rounds": frame_json(table.assign(raised=[957.5e6, 181.6e9]))}
    (difference,) = compare_frames("01", old, moved)
    assert difference.label == "table rounds, column raised" and "1 row differ" in difference.new_text
    renamed = {"rounds": frame_json(table.assign(company=["runway", "open_ai"]))}
    assert [d.label for d in compare_frames("01", old, renamed)] == ["table rounds, column company"]
    assert [d.new_text for d in compare_frames("01", old, {})] == ["(absent)"]


def test_a_missing_cell_is_the_same_as_a_missing_cell_and_the_first_real_difference_is_named():
    table = pd.DataFrame({"amount": [None, 315e6, None]})
    moved = pd.DataFrame({"amount": [None, 345e6, None]})
    assert compare_frames("01", {"t": frame_json(table)}, {"t": frame_json(table)}) == []
    (difference,) = compare_frames("01", {"t": frame_json(table)}, {"t": frame_json(moved)})
    assert difference.old_text == "row 2: 315000000" and difference.new_text == "345000000 (1 row differ)"


@pytest.mark.parametrize("factor", [1, 1 + 1e-12, 1 - 1e-12])
def test_values_on_a_rounding_half_round_up_and_stay_there_under_noise(factor):
    assert format_value(DECLARED["probability"], 0.265 * factor) == "27%"
    assert format_value(Result("m", "m", "money", digits=3), 857.5e6 * factor) == "$858M"
    assert format_value(DECLARED["best"], 26.5 * factor) == "27"


def test_a_key_number_shows_its_interval_its_whole_or_its_range_and_carries_its_unit_in_its_label():
    from prequel.results import key_number

    values = {
        "probability": {"r": 0.2, "settled": 0.0},
        "interval": {"r": [0.1, 0.3], "settled": [0.0, 0.0]},
        "entries": 2,
        "whole": 3,
        "pace": 13.4,
        "low": 9.6,
    }
    declared = declare(
        Result("probability", "P", "probability", by="prediction"),
        Result("interval", "P interval", "probability", by="prediction"),
        Result("entries", "Entries", "count"),
        Result("whole", "All", "count"),
        Result("pace", "Pace", "number", unit="points a year"),
        Result("low", "Pace, slow end", "number", unit="points a year"),
    )
    by_key = {leaf.key: leaf for leaf in leaves(values, declared)}
    assert key_number(by_key, "P(r)", "probability.r", "interval.r")["value"] == "20% (10% to 30%)"
    assert key_number(by_key, "P(s)", "probability.settled", "interval.settled")["value"] == "0%"  # not 0% (0-0%)
    assert key_number(by_key, "Settled", "entries", "whole")["value"] == "2 of 3"
    assert key_number(by_key, "Pace", "pace", "low") == {
        "label": "Pace (points a year)",
        "value": "9.6 to 13",
        "key": "pace",
    }
    with pytest.raises(UndeclaredResult, match="no interval, whole or other end"):
        key_number(by_key, "P(r)", "probability.r", "entries.x")


def test_a_baseline_declaration_governs_and_a_changed_declaration_is_a_difference():
    from prequel.regression import compare_publications

    declared = {"p": Result("p", "P(miss)", "probability").as_dict()}
    loosened = {"p": {**declared["p"], "rel_tol": 1.0, "label": "P(anything)"}}
    old = {"results": {"p": 0.35}, "declarations": declared}
    new = {"results": {"p": 0.52}, "declarations": loosened}
    found = {d.key: d for d in compare_publications("04", old, new)}
    assert found["p"].old_text == "35%" and found["p"].new_text == "52%"  # the new run cannot loosen its tolerance
    assert "rel_tol" in found["declarations.p"].new_text and "label 'P(anything)'" in found["declarations.p"].new_text


def test_csv_downloads_round_each_declared_column_two_digits_finer_than_shown_never_in_scientific_notation():
    from prequel.present.labels import column_result
    from prequel.present.report import downloadable

    table = pd.DataFrame(
        {
            "capital_raised_usd": [857_512_345.678, 181.6e9],  # money, shown at 3 significant digits: 5 here
            "break_even_p": [1 / 3, 0.0412345],  # a share shown as 33% or 4.1%: 4 significant digits of the fraction
            "ratio": [1.0029155, 2.0],  # a multiple shown as 1.0x
            "usd": [0.1 + 0.2, 857.5e6],  # undeclared: 8 significant digits
            "n": [1, 2],
        }
    )
    assert [column_result(c).kind for c in table.columns[:3]] == ["money", "share", "multiple"]
    csv = downloadable(table).to_csv(index=False)
    assert csv.splitlines() == [
        "Capital raised (US$),Break-even probability,Article / sources,Usd,N",  # headed as on the page
        "857510000.0,0.3333,1.003,0.3,1",
        "181600000000.0,0.04123,2.0,857500000.0,2",
    ]
    noisy = downloadable(table.assign(usd=table["usd"] * (1 + 1e-15))).to_csv(index=False)
    assert noisy == csv


def test_a_probability_below_1_never_reads_100_percent_and_a_share_keeps_whole_points():
    chance, share = Result("p", "P", "probability"), Result("s", "S", "share")
    values = (0.996, 0.9999, 0.99, 1.0, 0.5, 0.0004, 0.01, 0.0)
    assert [format_value(chance, v) for v in values] == [
        "over 99%",
        "over 99%",
        "99%",
        "100%",
        "50%",
        "under 1%",
        "1%",
        "0%",
    ]
    assert format_value(share, 0.996) == "100%"  # a share of outcomes is not a chance: whole points from 10%


def test_below_1_percent_reads_under_1_percent_in_declarations_and_tables_alike():
    """Issue 25: a table titled "(whole points)" showed "7% (0.03% to 27%)": one rule for shares, probabilities
    and every table's percent column."""
    from prequel.present.report import pct

    share = Result("s", "S", "share", digits=2)
    assert [format_value(share, v) for v in (0.0003, 0.005, 0.055, 0.0)] == ["under 1%", "under 1%", "5.5%", "0%"]
    assert [pct(v) for v in (0.0003, 0.001, 0.055, 0.2331, 0.0)] == ["under 1%", "under 1%", "5.5%", "23%", "0%"]


def test_a_probability_range_reads_in_words_at_an_end_beyond_1_or_99_percent():
    from prequel.results import probability_range

    chance = Result("p", "P", "probability")
    shown = [format_value(chance, v) for v in (0.0002, 0.12, 0.56, 0.97, 0.996)]
    assert probability_range(shown[0], shown[1]) == "under 1% to 12%"
    assert probability_range(shown[2], shown[4]) == "56% to over 99%"
    assert probability_range(shown[2], shown[3]) == "56% to 97%"  # one form whatever the ends (labels.span)
