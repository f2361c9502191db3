"""Notebook 06's data files: every figure comes from the research, conflicts stay as rows, bad rows are named."""

import csv
import re

import pandas as pd
import pytest
from conftest import DATA, SHARED_RESEARCH

from prequel.data import DataError, load_dataset
from prequel.sourcing import domain

RESEARCH = SHARED_RESEARCH / "valuation_comparables.csv"
VALUATION_FILES = ["valuation_figures.csv", "valuation_multiples.csv", "return_hurdles.csv"]


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader((DATA / name).open(encoding="utf-8")))


def _numbers(text: str) -> set[float]:
    """Every number written in a research row's value or note ('25-30', '$42B', '0.25-0.30', '>RMB650M')."""
    found = set()
    for token in re.findall(r"\d[\d,]*(?:\.\d+)?\s*[BMK]?", text):
        scale = {"B": 1e9, "M": 1e6, "K": 1e3}.get(token.strip()[-1], 1)
        found.add(float(token.strip().rstrip("BMK").replace(",", "")) * scale)
    return found


@pytest.mark.skipif(not RESEARCH.is_file(), reason="../shared/research is not beside the project")
@pytest.mark.parametrize("name", VALUATION_FILES)
def test_every_figure_is_on_a_research_row_of_its_page(name):
    """A figure is carried from a research row citing the same page: its value (or the ends of its range) is
    that row's value or a number in its note; nothing is filled in from elsewhere."""
    research = pd.read_csv(RESEARCH, dtype=str, keep_default_na=False)
    by_url: dict[str, set[float]] = {}
    for r in research.itertuples():
        by_url.setdefault(r.source_url, set()).update(_numbers(f"{r.value} {r.note}"))
        for other in research["source_url"].unique():  # a page another row's note names ("$440M (aibeat.co)")
            if other != r.source_url and domain(other) in r.note:
                by_url.setdefault(other, set()).update(_numbers(r.note))
    rows = _rows(name)

    def on_page(url: str, x: float) -> bool:
        return any(abs(x - y) <= 1e-9 * max(1.0, abs(y)) for y in by_url[url])

    for row in rows:
        assert row["source_url"] in by_url, (name, row)
        values = [row["value"]] if "value" in row else [row["low"], row["high"]]
        # a date conflict repeats a value another report of the same fact carries (Synthesia's round)
        others = [
            r["source_url"] for r in rows if row.get("conflict") and r is not row and r["conflict"] == row["conflict"]
        ]
        for v in values:
            assert any(on_page(url, float(v)) for url in [row["source_url"], *others]), (name, row, v)


def test_conflicts_are_kept_as_rows():
    """The three conflicts the issue names stay as several rows each, never resolved to one."""
    figures = pd.DataFrame(_rows("valuation_figures.csv"))
    groups = figures.groupby("conflict")["figure_id"].count()
    assert groups["synthesia_round_date"] == 2 and groups["heygen_valuation"] == 2
    assert groups["elevenlabs_arr"] == 3
    synthesia = figures[figures["conflict"] == "synthesia_round_date"]
    assert synthesia["as_of"].nunique() == 2 and synthesia["value"].nunique() == 1


def test_no_currency_is_converted():
    """Kling's quarterly revenue stays in RMB and MiniMax's market cap in HKD, and neither is divided by."""
    figures = pd.DataFrame(_rows("valuation_figures.csv"))
    assert set(figures.loc[figures["metric"] == "revenue_quarter", "currency"]) == {"RMB"}
    assert set(figures.loc[figures["metric"] == "market_cap", "currency"]) == {"HKD"}
    divisors = {part for cell in figures["divide_by"] if cell for part in cell.split("; ")}
    assert set(figures.loc[figures["figure_id"].isin(divisors), "currency"]) == {"USD"}


def _rewrite(path, figure_or_row: str, column: str, value: str) -> int:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    key = df.columns[0]
    index = int(df.index[df[key] == figure_or_row][0])
    df.loc[index, column] = value
    df.to_csv(path, index=False)
    return index + 1


@pytest.mark.parametrize(
    ("name", "row", "column", "bad", "message"),
    [
        ("valuation_figures.csv", "canva_val_2025_08", "divide_by", "suno_rev_2025_11", "divide_by only on a USD"),
        ("valuation_figures.csv", "canva_arr_2025_08", "divide_by", "canva_arr_2025_08", "divide_by only on a USD"),
        ("valuation_figures.csv", "kling_rev_2025q1", "currency", "EUR", "isin"),
        ("valuation_figures.csv", "suno_arr_2025_10", "aggregator", "maybe", "isin"),
        ("valuation_figures.csv", "canva_val_2025_08", "price_kind", "", "price_kind on every valuation row"),
        ("valuation_figures.csv", "canva_arr_2025_08", "price_kind", "primary round", "price_kind on every valuation"),
        ("valuation_figures.csv", "canva_val_2025_08", "price_kind", "secondary", "isin"),
        ("valuation_multiples.csv", "adobe_ev_2025_10", "kind", "ev_to_ebitda", "isin"),
        ("valuation_multiples.csv", "adobe_ev_2025_10", "low", "9", "low not above high"),
        ("valuation_multiples.csv", "adobe_ev_2025_10", "high", "0", "above 0"),
        ("return_hurdles.csv", "vc_irr_industry_ventures", "high", "30", "as a decimal"),
        ("return_hurdles.csv", "late_stage_moic", "low", "0.5", "as a decimal"),
    ],
)
def test_a_bad_row_is_named_with_its_file_row_and_column(data_copy, name, row, column, bad, message):
    line = _rewrite(data_copy / name, row, column, bad)
    with pytest.raises(DataError) as info:
        load_dataset(data_copy)
    err = info.value
    assert err.path.name == name
    assert any(r in (line, None) and message in m for r, _, m in err.problems), err.problems
    assert any(r == line for r, _, _ in err.problems), err.problems


def test_the_files_load_with_numbers_and_dates(dataset):
    figures, multiples = dataset.valuation_figures, dataset.valuation_multiples
    assert figures["value"].dtype == "float64" and multiples["low"].dtype == "float64"
    assert dataset.return_hurdles["hold_years"].dtype == "float64"
    assert figures.set_index("figure_id").loc["synthesia_val_2025_10", "as_of_date"] == pd.Timestamp("2025-10-29")


def test_the_hurdle_help_gives_industry_ventures_the_tier_the_data_give_it(dataset):
    """Issue 25: 06's help called Industry Ventures "the one primary source" while the data tier it secondary (a
    venture firm's report on venture investors in general, not on itself)."""
    from conftest import REPO

    from prequel.pipeline.sources import discover

    notebook = next(n for n in discover(REPO / "notebooks") if n.stem == "06_valuation")
    words = notebook.declared["hurdle_irr"].help
    hurdles = dataset.return_hurdles.set_index("hurdle_id")
    assert hurdles.loc["vc_irr_industry_ventures", "source_tier"] == "secondary"
    assert "Industry Ventures" in words and "secondary" in words and "primary" not in words
    assert set(hurdles.drop(index="vc_irr_industry_ventures")["source_tier"]) == {"aggregator"}  # "the one"
