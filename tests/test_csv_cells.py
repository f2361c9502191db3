"""Every CSV the collection writes guards a text cell that a spreadsheet would run as a formula (OWASP CSV
injection): a page's "Download CSV" (``show_table``, which the site's chart CSV files reuse) and grid.csv; the
explorer's download applies the same rule in its script (``tests/test_browser_explorer.py``)."""

import csv
import io
import urllib.parse

import pandas as pd

from prequel.csv_cells import FORMULA_GUARD, FORMULA_STARTS, csv_text, frame_csv, guarded
from prequel.pipeline import grid
from prequel.present import report

HOSTILE = '=HYPERLINK("http://evil.example","Runway")'  # a company's name, as a hostile data row could give it
OTHERS = ["+1+2", "-2+3", "@SUM(A1)", "\tTab Co", "\rReturn Co"]


def test_a_text_cell_that_starts_a_formula_is_guarded_and_a_number_is_not():
    for text in [HOSTILE, *OTHERS]:
        assert text[0] in FORMULA_STARTS and guarded(text) == FORMULA_GUARD + text
    assert guarded("Runway") == "Runway" and guarded("") == ""
    assert guarded(-5) == -5 and guarded(-0.25) == -0.25  # a negative number stays a number
    rows = list(csv.reader(io.StringIO(csv_text([["company", "change"], [HOSTILE, -0.25], ["-12%", -3]]))))
    assert rows == [["company", "change"], ["'" + HOSTILE, "-0.25"], ["'-12%", "-3"]]


def _download(df: pd.DataFrame) -> list[list[str]]:
    """The CSV a page's "Download CSV" link holds for a chart's data table."""
    shown = {}
    original = report.display
    report.display = lambda obj, **_: shown.update(obj)
    try:
        report.show_table(df, "The chart's data: capital by company")
    finally:
        report.display = original
    href = shown["text/html"].split('href="data:text/csv;charset=utf-8,')[1].split('"')[0]
    return list(csv.reader(io.StringIO(urllib.parse.unquote(href))))


def test_a_pages_csv_download_guards_a_hostile_company_name():
    df = pd.DataFrame({"company": [HOSTILE, "Runway", *OTHERS], "change_usd": [-5e6, 860e6, 1.0, -2.0, 3.0, 4.0, 5.0]})
    head, *rows = _download(df)
    names = [row[0] for row in rows]
    assert names[0] == "'" + HOSTILE and names[1] == "Runway"
    assert all(name.startswith("'") for name in names[2:]), names
    assert rows[0][1].startswith("-") and float(rows[0][1]) == -5e6  # a negative number stays a number
    assert (
        frame_csv(pd.DataFrame({HOSTILE: [1]})).splitlines()[0] == '"\'=HYPERLINK(""http://evil.example"",""Runway"")"'
    )


def test_grid_csv_guards_text_from_data_and_parameters():
    point = grid.Point(0, "base", {}, {"company": HOSTILE, "weight": -0.5, "data_dir": "data"})
    outcome = grid.Outcome(point, "k" * 64, results={"finding": "-2+3 is a finding"})
    rows = list(csv.DictReader(io.StringIO(grid.table([outcome]))))
    assert rows[0]["company"] == "'" + HOSTILE
    assert rows[0]["weight"] == "-0.5"  # a number, not guarded
    assert rows[0]["finding"] == "'-2+3 is a finding"
