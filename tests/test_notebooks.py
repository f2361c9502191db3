"""The committed notebooks: one parameters cell matching the package's specification, executed in order,
no stored errors or warnings, no wall-clock metadata; the real papermill client; and regression teeth."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest
from conftest import DATA, REPO
from prequel.pipeline.notebooks import PARAMETERS

from prequel.pipeline.cli import all_notebooks

NOTEBOOKS = all_notebooks()
IDS = [p.stem for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_one_parameters_cell_with_annotations_and_help(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    inspected = papermill.inspect_notebook(str(path))
    assert set(inspected) == set(PARAMETERS[path.stem])
    lines = [l for l in tagged[0].source.splitlines() if l.strip() and not l.lstrip().startswith("#")]
    assert len(lines) == len(inspected), "one parameter per line"
    for name, p in inspected.items():
        assert p["inferred_type_name"] != "None", f"{name} has no annotation"
        assert p["help"], f"{name} has no help comment"
        ast.literal_eval(p["default"])  # defaults are literals: never today's date or the working directory
    assert "data_dir" in inspected
    following = nb.cells[nb.cells.index(tagged[0]) + 1]
    assert "check_notebook_globals" in following.source, "the cell after the parameters validates them"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_notebook_is_executed_cleanly(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert None not in counts and counts == sorted(counts), "run `make refresh`"
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error"
            assert not (out.get("name") == "stderr"), f"stderr stored: {out.get('text', '')[:200]}"
        assert "execution" not in cell.metadata and "papermill" not in cell.metadata
    meta = nb.metadata.get("papermill", {})
    assert not {"start_time", "end_time", "duration", "input_path", "output_path"} & set(meta)
    assert 20 <= len(nb.cells) <= 40
    assert "watermark" in nb.cells[-1].source


def test_the_real_papermill_client_from_another_working_directory(tmp_path):
    out = tmp_path / "out.ipynb"
    papermill_cli = Path(sys.executable).parent / "papermill"
    result = subprocess.run(
        [
            str(papermill_cli),
            str(REPO / "notebooks" / "01_funding_comparison.ipynb"),
            str(out),
            "-p",
            "as_of",
            "2025-06-30",
            "--no-progress-bar",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    text = out.read_text()
    assert "as_of 2025-06-30" in text


def _nbval(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            str(REPO / "tests" / "nbval_sanitize.cfg"),
            str(folder / "notebooks"),
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow
def test_regression_has_teeth(tmp_path):
    """nbval fails on a copy of the data with one value changed, and names the output that moved.
    (The same notebook passing on the unchanged data is the main nbval run of `make test`.)"""
    shutil.copytree(REPO / "notebooks", tmp_path / "notebooks", ignore=shutil.ignore_patterns("*.ipynb_checkpoints"))
    for extra in [p for p in (tmp_path / "notebooks").glob("*.ipynb") if p.stem != "01_funding_comparison"]:
        extra.unlink()
    shutil.copytree(DATA, tmp_path / "data")
    rounds = tmp_path / "data" / "funding_rounds.csv"
    rounds.write_text(rounds.read_text().replace(",315000000,5300000000,", ",316000000,5300000000,"))
    changed = _nbval(tmp_path)
    assert changed.returncode != 0 and "failed" in changed.stdout
    assert "858500000" in changed.stdout  # Runway's total raised moved from 857.5M to 858.5M in the results
