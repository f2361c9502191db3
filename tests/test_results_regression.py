"""The results regression: each notebook's entry point, evaluated in-process with its defaults, against the
results its committed baseline published at full precision, compared by declaration (prequel.regression).

It passes on any CPU and Python (numbers within their declared tolerance) and fails on any real change:
a changed data value moves a labelled result; a relative change of 1e-12 in every input does not."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from prequel.data import load_dataset
from prequel.pipeline.entry import baseline_publication, evaluate
from prequel.pipeline.sources import discover
from prequel.regression import compare_publications, report

NOTEBOOKS = discover(warn=False)


def _perturbed(data, factor: float):
    """The dataset with every floating-point input multiplied by ``factor``."""
    changed = {}
    for f in dataclasses.fields(data):
        frame = getattr(data, f.name)
        if isinstance(frame, pd.DataFrame):
            frame = frame.copy()
            for column in frame.columns:
                if pd.api.types.is_float_dtype(frame[column]):
                    frame[column] = frame[column] * factor
        changed[f.name] = frame
    return dataclasses.replace(data, **changed)


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_every_notebook_publishes_declared_results_from_an_entry_point(notebook):
    baseline = baseline_publication(notebook)
    assert baseline.get("entry_point", "").endswith(":analyse"), f"{notebook.stem} publishes no entry point"
    assert baseline["declarations"], f"{notebook.stem} publishes no declarations"
    assert set(baseline["results"]) <= set(baseline["declarations"]) | {"finding", "details", "key_numbers", "flip"}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_a_fresh_evaluation_matches_the_committed_baseline(notebook, dataset):
    differences = compare_publications(notebook.stem, baseline_publication(notebook), evaluate(notebook, dataset))
    assert not differences, "results differ from the committed baseline:\n" + report(differences)


@pytest.mark.parametrize("factor", [1 + 1e-12, 1 - 1e-12], ids=["up", "down"])
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_a_relative_change_of_1e_12_in_every_input_is_noise(notebook, factor, dataset):
    """Both ways: values on a rounding half (Runway's $857.5M, a score of 26.5) stay on their side of it."""
    fresh = evaluate(notebook, _perturbed(dataset, factor))
    differences = compare_publications(notebook.stem, baseline_publication(notebook), fresh)
    assert not differences, report(differences)


def test_a_changed_reported_figure_fails_with_the_label_of_the_result_that_moved(dataset):
    rounds = dataset.rounds.copy()
    at = rounds.index[(rounds["company_id"] == "runway") & (rounds["round"] == "Series E")][0]
    rounds.loc[at, "amount_usd"] = rounds.loc[at, "amount_usd"] + 100e6
    changed = dataclasses.replace(dataset, rounds=rounds)
    notebook = next(n for n in NOTEBOOKS if n.stem.startswith("01_"))
    differences = compare_publications(notebook.stem, baseline_publication(notebook), evaluate(notebook, changed))
    text = report(differences)
    assert any(d.key == "total_raised_usd.runway" for d in differences), text
    line = next(d for d in differences if d.key == "total_raised_usd.runway").line()
    assert "Runway" in line and "$858M -> $958M" in line and "tolerance relative" in line, line


def test_every_sort_of_one_key_is_stable_so_ties_keep_one_order_on_every_cpu():
    """numpy's default sort picks a SIMD kernel by CPU (AVX2, AVX-512), and the order it leaves among equal
    keys differs between them (seen: World Labs and Luma AI swapped places without AVX-512). A sort on one
    key must be stable; sorts on several keys are stable in pandas already."""
    import ast

    from conftest import REPO

    unstable = []
    for path in sorted((REPO / "src" / "prequel").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                name = node.func.attr
                keywords = {k.arg: k.value for k in node.keywords}
                one_key = not (node.args and isinstance(node.args[0], ast.List)) and not isinstance(
                    keywords.get("by"), ast.List
                )
                kind = keywords.get("kind")
                stable = isinstance(kind, ast.Constant) and kind.value in ("stable", "mergesort")
                if name in ("sort_values", "argsort", "sort_index") and one_key and not stable:
                    unstable.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not unstable, "sorts without kind='stable': " + ", ".join(unstable)
