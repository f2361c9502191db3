"""The same result reads the same everywhere: the reader page's key numbers, the front page's scenario
table, "What changed" and ``--compare`` all show a result through its one declaration."""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
from dataclasses import replace

import pytest
from conftest import runner_in_process

from prequel.pipeline import compare, site
from prequel.results import declarations_from_json, format_value, leaves

pytestmark = pytest.mark.slow

#: One result of each kind the pages show: (notebook, result key).
CHOSEN = [
    ("01_funding_comparison", "total_raised_usd.runway"),
    ("02_winners_losers", "rank_first_share.runway"),
    ("03_prediction_timelines", "probability.runway_demo_by_2027_06"),
    ("04_operational_tradeoffs", "p_miss_window"),
    ("05_physics_evidence", "pace_pct_per_year"),
    ("06_valuation", "share_on_aggregator_pages.private_ai"),
]


def _leaf(entry: dict, key: str):
    declarations = declarations_from_json(entry["declarations"])
    values = {k: v for k, v in entry["results"].items() if k in declarations}
    return next(leaf for leaf in leaves(values, declarations) if leaf.key == key)


def _moved(summary: dict, stem: str, key: str) -> dict:
    """The summary with one result doubled (a number) so that every comparison reports it."""
    moved = copy.deepcopy(summary)
    target = moved["notebooks"][stem]["results"]
    parts = key.split(".")
    for part in parts[:-1]:
        target = target[part]
    target[parts[-1]] = target[parts[-1]] * 2 + 0.01
    return moved


@pytest.mark.parametrize(("stem", "key"), CHOSEN)
def test_a_result_reads_the_same_on_every_page_and_line(stem, key, rendered_site, tmp_path, capsys):
    summary = json.loads((rendered_site / "summary.json").read_text())
    leaf = _leaf(summary["notebooks"][stem], key)
    text = format_value(leaf.result, leaf.value)
    assert text and "e-" not in text and len(text) < 30

    # the front page's scenario table: the label and the value in its row
    front = html.unescape((rendered_site.parent / "index.html").read_text())  # "model's" is written "model&#39;s"
    declarations = declarations_from_json(summary["notebooks"][stem]["declarations"])
    (reader_label,) = [
        r[1] for r in site.reader_rows(summary["notebooks"][stem]["results"], declarations) if r[0] == key
    ]
    label, shown = reader_label, text
    row = f'<th scope="row">{re.escape(label)}</th><td class="num"( data-label="[^"]*")?>{re.escape(shown)}</td>'
    assert re.search(row, front), f"{label}: {shown} not on the front page"

    # the reader page's key numbers, where the result is one
    numbers = summary["notebooks"][stem]["results"]["key_numbers"]
    shown = [n["value"] for n in numbers if n.get("key") == key]
    page = (rendered_site / f"{stem}.html").read_text()
    bare = format_value(replace(leaf.result, unit=""), leaf.value)  # a key number carries its unit in its label
    for value in shown:
        assert value.startswith(bare) and html.escape(bare, quote=False) in page  # the range sits apart

    # --compare and "What changed" against a run where the result moved: the old value reads the same
    other = tmp_path / "moved"
    other.mkdir()
    (other / "summary.json").write_text(json.dumps(_moved(summary, stem, key)))
    report = compare.compare(summary, json.loads((other / "summary.json").read_text()))
    (row_,) = [r for r in report["moved"] if r["key"] == key]
    assert row_["old_text"] == text and row_["label"] == leaf.label
    printed = runner_in_process("--compare", str(rendered_site), str(other), capsys=capsys).stdout
    assert f"{stem}: {leaf.label}: {text} -> " in printed

    root = tmp_path / "root"
    shutil.copytree(rendered_site, root / "base", ignore=shutil.ignore_patterns("*.html", "*.ipynb"))
    (root / "base" / "summary.json").write_text(json.dumps(_moved(summary, stem, key)))
    changed = html.unescape(site.render_front_page(root).read_text())
    assert (
        f'<td data-label="Result">{label}</td>'  # the scenario table's label for readers (issue 25)
        f'<td data-label="Published">{text}</td>'
    ) in changed
