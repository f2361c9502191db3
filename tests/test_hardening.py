"""Hardening, measured: bad parameters in every notebook, concurrent runs, determinism, failure isolation
and timeouts (fuzzed data: test_fuzz.py)."""

import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import REPO, RUNNER, run_runner, tree_snapshot

from prequel.pipeline.cli import all_notebooks

BAD_VALUES = {
    "01_funding_comparison": ("as_of", "007"),  # papermill turns it into the integer 7
    "02_winners_losers": ("p_thesis", "2.5"),
    "03_prediction_timelines": ("strictness", "sloppy"),
    "04_operational_tradeoffs": ("n_sims", "12.5"),
}


@pytest.mark.slow
@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: p.stem)
def test_papermill_directly_gets_one_clear_line_from_the_validation_cell(tmp_path, path):
    name, value = BAD_VALUES[path.stem]
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "papermill"),
            str(path),
            str(tmp_path / "out.ipynb"),
            "-p",
            name,
            value,
            "--no-progress-bar",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert len(errors) == 1 and errors[0]["ename"] == "ParameterError"
    assert errors[0]["evalue"].startswith(f"parameter '{name}'") and "\n" not in errors[0]["evalue"]
    if name == "as_of":
        assert "got 7 (int)" in errors[0]["evalue"]


@pytest.mark.slow
def test_two_runs_into_one_folder_end_with_one_complete_output(tmp_path):
    out = tmp_path / "shared"
    runs = [
        subprocess.Popen(
            [sys.executable, str(RUNNER), "03", "--out", str(out), "-p", f"as_of={d}"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for d in ("2026-06-30", "2027-06-30")
    ]
    assert all(run.wait(timeout=600) == 0 for run in runs)
    summary = json.loads((out / "summary.json").read_text())
    as_of = {nb["parameters"]["as_of"] for nb in summary["notebooks"].values()}
    assert len(as_of) == 1, "a mix of the two runs"
    (chosen,) = as_of
    for stem in summary["notebooks"]:
        executed = nbformat.read(out / f"{stem}.ipynb", as_version=4)
        assert (
            f'as_of = "{chosen}"'
            in executed.cells[
                [c.metadata.get("tags", []) for c in executed.cells].index(["injected-parameters"])
            ].source
        )
        assert f"as_of {chosen}" in (out / f"{stem}.html").read_text()
    assert not list(tmp_path.glob(".shared.*")) or all(p.name.endswith(".lock") for p in tmp_path.glob(".shared.*"))


def _strip_seconds(summary: dict) -> dict:
    for entry in summary["notebooks"].values():
        entry.pop("seconds", None)
    return summary


def test_two_full_runs_are_byte_identical(rendered_site):
    """The committed notebooks were written by `make refresh` (one full run); the rendered site is another."""
    from prequel.pipeline.site import collect_results

    summary = _strip_seconds(json.loads((rendered_site / "summary.json").read_text()))
    for path in sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        assert path.read_bytes() == (rendered_site / path.name).read_bytes(), path.name
        committed = collect_results(nbformat.read(path, as_version=4))
        assert json.dumps(summary["notebooks"][path.stem]["results"], sort_keys=True) == json.dumps(
            committed, sort_keys=True
        )


@pytest.mark.slow
def test_a_timeout_is_isolated_and_the_others_still_report(tmp_path):
    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    slow = nbformat.read(REPO / "notebooks" / "03_prediction_timelines.ipynb", as_version=4)
    slow.cells[6].source = "import time\ntime.sleep(60)"
    nbformat.write(slow, nb_dir / "03_prediction_timelines.ipynb")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("last good")
    before = tree_snapshot(out)
    start = time.perf_counter()
    result = run_runner(
        str(REPO / "notebooks" / "02_winners_losers.ipynb"),
        str(nb_dir / "03_prediction_timelines.ipynb"),
        "--out",
        str(out),
        "--timeout",
        "3",
    )
    assert time.perf_counter() - start < 55  # the sleeping cell was cut off
    assert result.returncode == 1
    assert "03_prediction_timelines failed at cell 6" in result.stderr and "timed out after 3 s" in result.stderr
    assert "ok: 02_winners_losers: With the article view" in result.stderr
    report = json.loads((out / "_failed" / "summary.json").read_text())["notebooks"]
    assert report["02_winners_losers"]["status"] == "ok" and report["02_winners_losers"]["results"]
    assert report["03_prediction_timelines"]["status"] == "failed"
    assert {k: v for k, v in tree_snapshot(out).items() if not k.startswith("_failed")} == before
