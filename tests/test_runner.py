"""The runner, run as users run it: refusals exit 2 and write nothing; failures exit 1 and keep the last output."""

import json

import nbformat
import pytest
from conftest import REPO, run_in_process, run_runner, tree_snapshot

from prequel.pipeline.cli import select_notebooks

pytestmark = pytest.mark.slow


@pytest.fixture()
def previous_output(tmp_path):
    """A 'last good' output folder whose bytes must survive every failed or refused run."""
    out = tmp_path / "rendered"
    out.mkdir()
    (out / "index.html").write_text("<p>last good output</p>")
    (out / "summary.json").write_text("{}")
    return out


@pytest.mark.parametrize(
    "args, message",
    [
        (["-p", "as_off=2025-06-30"], "unknown parameter 'as_off' (did you mean 'as_of'?)"),
        (["-p", "log_scale=maybe"], "parameter 'log_scale': got 'maybe'"),
        (["-p", "log_scale=NO"], "only true or false"),
        (["-p", "as_of=2025-02-30"], "parameter 'as_of'"),
        (["-p", "companies=runway,nobody"], "unknown id 'nobody'"),
        (["-p", "as_of"], "-p takes NAME=VALUE"),
        (["99_nothing"], "unknown notebook '99_nothing'"),
    ],
)
def test_refusals_exit_2_and_write_nothing(previous_output, args, message, capsys):
    before = tree_snapshot(previous_output.parent)
    code, stderr = run_in_process("01", "--out", str(previous_output), *args, capsys=capsys)
    assert code == 2, stderr
    assert message in stderr
    assert "Traceback" not in stderr
    assert tree_snapshot(previous_output.parent) == before


def test_a_refusal_through_the_command_line(previous_output):
    result = run_runner("01", "--out", str(previous_output), "-p", "as_off=2025-06-30")
    assert result.returncode == 2 and "did you mean 'as_of'" in result.stderr and "Traceback" not in result.stderr


def test_yaml_file_values_are_checked_as_text(previous_output, tmp_path, capsys):
    params = tmp_path / "params.yaml"
    params.write_text("include_estimates: NO\n")
    code, stderr = run_in_process("01", "--out", str(previous_output), "-f", str(params), capsys=capsys)
    assert code == 2 and "include_estimates" in stderr and str(params) in stderr


def test_a_bad_data_file_exits_1_naming_file_row_and_column(previous_output, data_copy):
    path = data_copy / "company_metrics.csv"
    lines = path.read_text().splitlines(keepends=True)
    lines[3] = lines[3].replace(",500000000,", ",-500000000,")
    path.write_text("".join(lines))
    before = tree_snapshot(previous_output.parent)
    result = run_runner("01", "--out", str(previous_output), "--data-dir", str(data_copy))
    assert result.returncode == 1
    assert "company_metrics.csv" in result.stderr and "row 3 (line 4), column 'value'" in result.stderr
    assert tree_snapshot(previous_output.parent) == before


def test_a_failing_notebook_keeps_the_previous_output(previous_output, tmp_path):
    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    nb = nbformat.read(REPO / "notebooks" / "01_funding_comparison.ipynb", as_version=4)
    nb.cells[6].source += "\nraise RuntimeError('boom in the data section')"
    nbformat.write(nb, nb_dir / "01_funding_comparison.ipynb")
    before = tree_snapshot(previous_output)
    result = run_runner(str(nb_dir / "01_funding_comparison.ipynb"), "--out", str(previous_output))
    assert result.returncode == 1
    assert "01_funding_comparison failed at cell 6: RuntimeError: boom in the data section" in result.stderr
    after = tree_snapshot(previous_output)
    assert {k: v for k, v in after.items() if not k.startswith("_failed")} == before
    assert (previous_output / "_failed" / "01_funding_comparison.ipynb").exists()


def test_success_writes_pages_index_and_summary(rendered_site):
    summary = json.loads((rendered_site / "summary.json").read_text())
    for stem in (p.stem for p in select_notebooks([])):
        entry = summary["notebooks"][stem]
        assert entry["status"] == "ok" and entry["results"]
        for name in (f"{stem}.html", f"{stem}.code.html", f"{stem}.ipynb"):
            assert (rendered_site / name).exists()
    funding = summary["notebooks"]["01_funding_comparison"]
    assert set(funding["results"]) >= {"total_raised_usd", "latest_post_money_usd", "market_cap_usd", "article_audit"}
    assert funding["results"]["market_cap_usd"]["google"] == 4.67e12
    assert (rendered_site / "index.html").read_text().count("<article") == len(summary["notebooks"])
    assert not list(rendered_site.parent.glob(".rendered.staging-*"))


def test_parameters_change_the_results_through_the_runner(tmp_path):
    out = tmp_path / "early"
    result = run_runner("01", "--out", str(out), "-p", "as_of=2025-06-30", "-p", "companies=runway,openai")
    assert result.returncode == 0, result.stderr
    entry = json.loads((out / "summary.json").read_text())["notebooks"]["01_funding_comparison"]
    assert entry["parameters"]["as_of"] == "2025-06-30"
    assert set(entry["results"]["total_raised_usd"]) == {"runway", "openai"}
    assert entry["results"]["total_raised_usd"]["runway"] == 542.5e6
    assert entry["results"]["latest_post_money_usd"]["runway"] == 3e9
    assert "changed from the defaults" in (out / "index.html").read_text()
