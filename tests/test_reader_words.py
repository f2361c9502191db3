"""Readers' words (issue 25): the front page's rows and each reader page's lead (its finding, bullets and key
numbers) say "chance of ...", never the notation P(...), and "image-to-video", never the data's code i2v; the
technical terms stay in the methods and the rerun block."""

from __future__ import annotations

import json
import re

import pytest
from conftest import READER_JARGON, REPO

from prequel.analysis import operations, physics, predictions
from prequel.pipeline import site
from prequel.results import declarations_from_json


def _lead(results: dict) -> list[str]:
    numbers = [n["label"] for n in results.get("key_numbers", [])]
    return [results.get("finding", ""), *results.get("details", []), *numbers]


def test_front_page_rows_and_page_leads_carry_no_notation_or_codes(rendered_site):
    """Today's pages read 'P(miss the window)', 'P(Runway: world-model demo by June 2027)' and 'Best score on the
    leaderboard: i2v'."""
    summary = json.loads((rendered_site / "summary.json").read_text())
    found = {}
    for stem, entry in summary["notebooks"].items():
        results = entry["results"]
        declarations = declarations_from_json(entry["declarations"])
        rows = [label for _, label, _, _ in site.reader_rows(results, declarations, results.get("names"))]
        hits = sorted({text for text in rows + _lead(results) if READER_JARGON.search(text)})
        if hits:
            found[stem] = hits[:4]
    assert not found, f"notation or codes where readers read: {found}"


@pytest.mark.parametrize("module", [operations, physics, predictions])
def test_declared_labels_are_in_words(module):
    """Every label and reader's fragment a notebook declares (the front page and 'What changed' read them)."""

    def labels(results) -> list[str]:
        return [t for r in results for t in (r.label, r.reads, *labels(r.fields))]

    assert [t for t in labels(module.RESULTS.values()) if READER_JARGON.search(t)] == []


def test_the_input_types_read_in_words_on_the_front_page():
    values = {"frontier_best": {"i2v": 44.0, "v2v": 64.5}}
    rows = site.reader_rows(values, dict(physics.RESULTS), physics.INPUT_TYPE_WORDS)
    assert [label for _, label, _, _ in rows] == [
        "Best score on the leaderboard: image-to-video",
        "Best score on the leaderboard: video-to-video",
    ]


#: Terms of the trade a reader meets in a notebook's own text (issue 25): said in plain words instead.
METHOD_JARGON = re.compile(
    r"Kendall|Dirichlet|simplex|rank acceptability|global anchors|\bp = \d|bootstrap draws|renormali[sz]ed"
)


@pytest.mark.parametrize("twin", sorted((REPO / "notebooks").glob("[0-9][0-9]_*.py")), ids=lambda p: p.stem)
def test_a_notebook_s_reader_text_says_its_methods_in_plain_words(twin):
    """'Kendall tau 0.46' in 05's caveats, 'the simplex (flat Dirichlet)' and 'rank acceptability' in 02's sections;
    the text of every cell outside the folded methods, Markdown and the captions its code passes."""
    cells = re.split(r"^# %%", twin.read_text(), flags=re.M)[1:]
    shown = [c for c in cells if "methods" not in c.split("\n", 1)[0]]
    hits = [m.group(0) for c in shown for m in METHOD_JARGON.finditer(c)]
    assert not hits, hits
