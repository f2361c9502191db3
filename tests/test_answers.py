"""Every notebook's answer at its declared defaults leads with short bullets (issue 25): the detail behind a
bullet belongs in the body of the page."""

import importlib
import re

import pytest
from conftest import DETAIL_MAX_WORDS, REPO

from prequel.declarations import check_parameters_then_load_data, parameters_cell
from prequel.pipeline.sources import discover

NOTEBOOKS = discover(REPO / "notebooks")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_each_lead_bullet_reads_in_at_most_60_words(notebook):
    source = notebook.source.read_text(encoding="utf-8")
    (module,) = re.findall(r"^a = (\w+)\.analyse\(data, params\)", source, re.M)  # the notebook's entry point
    cell = parameters_cell(notebook.read(), notebook.stem).source
    params, data = check_parameters_then_load_data(
        {"In": ["", cell], **{k: d.default for k, d in notebook.declared.items()}}
    )
    details = importlib.import_module(f"prequel.analysis.{module}").analyse(data, params).answer.details
    assert details
    long = {len(d.split()): d for d in details if len(d.split()) > DETAIL_MAX_WORDS}
    assert not long, long
