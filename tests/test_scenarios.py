"""Scenarios: files checked like -p values; each renders into its own folder; the front page compares them;
and --compare reports what changed between two runs."""

import json
import re
import shutil

import pytest
from conftest import DATA, run_in_process, runner_in_process, runner_output, tiny_notebook, tree_snapshot

from prequel.params import ParameterError
from prequel.pipeline import cli, compare, keep, provenance, scenarios, site
from prequel.pipeline.execute import Job
from prequel.pipeline.sources import Notebook, discover

STEMS = [n.stem for n in discover()]


@pytest.mark.parametrize("name", scenarios.available())
def test_every_scenario_file_is_valid(name, capsys):
    scenario = scenarios.load(name, STEMS)
    assert scenario.description and scenario.path.name == f"{name}.yaml"


@pytest.mark.parametrize("name", scenarios.available())
def test_a_description_gives_the_thesis_probability_as_the_pages_do(name):
    """Issue 25: 'with probability 0.2' while every page says 20%: a description gives the chance in percent, the
    scenario's own value."""
    from prequel.present.report import pct

    scenario = scenarios.load(name, STEMS)
    p = scenario.parameters.get("02_winners_losers", {}).get("p_thesis")
    assert not re.search(r"probability 0\.\d", scenario.description)
    if p is not None:
        assert f"a {pct(float(p))} chance" in scenario.description, scenario.description


def test_at_least_base_bull_and_bear():
    assert {"base", "bull", "bear"} <= set(scenarios.available())


@pytest.fixture()
def scenario_dir(tmp_path, monkeypatch):
    """A copy of scenarios/ the runner reads instead of the real one."""
    folder = tmp_path / "scenarios"
    shutil.copytree(scenarios.SCENARIOS_DIR, folder)
    monkeypatch.setattr(scenarios, "SCENARIOS_DIR", folder)
    real_available, real_load = scenarios.available, scenarios.load
    monkeypatch.setattr(scenarios, "available", lambda folder=folder, warn=True: real_available(folder, warn))
    monkeypatch.setattr(scenarios, "load", lambda name, stems, folder=folder: real_load(name, stems, folder))
    return folder


@pytest.mark.parametrize(
    "text, message",
    [
        ("description: x\nnotebooks:\n  02_winners_losers:\n    p_thesi: 0.5\n",
         "bad.yaml: 02_winners_losers: unknown parameter 'p_thesi' (did you mean 'p_thesis'?)"),
        ("description: x\nnotebooks:\n  02_winners_losers:\n    p_thesis: high\n",
         "bad.yaml: 02_winners_losers: parameter 'p_thesis': got 'high'"),
        ("description: x\nnotebooks:\n  04_operational_tradeoffs:\n    existing_demo_counts: NO\n",
         "only true or false"),
        ("description: x\nnotebooks:\n  02_winners_losers:\n    p_thesis: 1.5\n", "expected a number in [0, 1]"),
        ("description: x\nnotebooks:\n  02_winner_losers: {}\n",
         "unknown notebook '02_winner_losers' (did you mean '02_winners_losers'?)"),
        ("notebooks: {}\n", "expected the key 'description'"),
        ("description: x\nparameters:\n  as_off: 2026-01-01\n", "bad.yaml: unknown parameter 'as_off'"),
        ("description: x\ndescription: y\n", "duplicate key 'description'"),
        ("description: x\nnotebooks:\n  03_prediction_timelines:\n    grace_days: -3\n", "grace_days"),
    ],
)  # fmt: skip
def test_bad_scenario_files_are_refused_before_any_kernel(scenario_dir, tmp_path, text, message, capsys):
    (scenario_dir / "bad.yaml").write_text(text)
    code = cli.main(["--scenario", "all", "--out", str(tmp_path / "out")])
    stderr = capsys.readouterr().err
    assert code == 2 and message in stderr, stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["..", "javascript:alert(1)", "a b", "x/y"])
def test_unsafe_scenario_names_are_refused(scenario_dir, tmp_path, name, capsys):
    if "/" not in name:
        (scenario_dir / f"{name}.yaml").write_text("description: x\n")
        assert name not in scenarios.available(scenario_dir)
        assert "skipped scenario file" in capsys.readouterr().err
    code = cli.main(["--scenario", name, "--out", str(tmp_path / "out")])
    assert code == 2 and "only letters, digits" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_unknown_scenario_lists_the_available_ones():
    with pytest.raises(ParameterError, match="available: .*base"):
        scenarios.load("baer", STEMS)


def summary(**notebooks):
    return {"notebooks": {k: {"status": "ok", "seconds": 1.0, **v} for k, v in notebooks.items()}}


DECLARED = {
    "status": {"label": "Status", "kind": "status", "by": "prediction"},
    "p": {"label": "P(demo by June 2027)", "kind": "probability"},
    "same": {"label": "Months of cash", "kind": "number", "unit": "months", "rel_tol": 0.01},
}


def test_compare_reports_flips_moves_and_added_notebooks_by_declaration():
    old = summary(
        a={
            "parameters": {"x": 1},
            "results": {"status": {"p1": "open"}, "p": 0.30, "same": 5.0},
            "declarations": DECLARED,
        }
    )
    new = summary(
        a={
            "parameters": {"x": 2},
            "results": {"status": {"p1": "resolved_no"}, "p": 0.36, "same": 5.001},
            "declarations": DECLARED,
        },
        b={"parameters": {}, "results": {}},
    )
    new["notebooks"]["a"]["seconds"] = 99.0
    report = compare.compare(old, new)
    assert report["added"] == ["b"] and report["removed"] == [] and report["failed"] == []
    assert [(r["key"], r["old_text"], r["new_text"]) for r in report["flipped"]] == [
        ("status.p1", "open", "resolved: no")
    ]
    assert [r["key"] for r in report["moved"]] == ["p"] and report["moved"][0]["change"] == pytest.approx(0.2)
    assert report["parameters"][0]["key"] == "x"
    text = compare.format_report(report)
    assert "a: Status: p1: open -> resolved: no" in text and "a: P(demo by June 2027): 30% -> 36% (+20%)" in text
    assert "notebooks added: b" in text and "Months of cash" not in text  # within its declared 1%
    assert "Months of cash" in compare.format_report(compare.compare(old, new, tolerance=1e-6))
    assert compare.format_report(compare.compare(old, old)) == "no differences beyond the tolerance"


def test_compare_through_the_runner(tmp_path, capsys):
    for name, value in (("old", 0.30), ("new", 0.50)):
        (tmp_path / name).mkdir()
        entry = {"results": {"p": value}, "declarations": DECLARED}
        (tmp_path / name / "summary.json").write_text(json.dumps(summary(a=entry)))
    result = runner_in_process(
        "--compare", str(tmp_path / "old"), str(tmp_path / "new"), "--json", str(tmp_path / "diff.json"), capsys=capsys
    )
    assert result.returncode == 0 and "a: P(demo by June 2027): 30% -> 50% (+67%)" in result.stdout
    assert json.loads((tmp_path / "diff.json").read_text())["moved"][0]["new"] == 0.5
    missing = runner_in_process("--compare", str(tmp_path / "old"), str(tmp_path / "nowhere"), capsys=capsys)
    assert missing.returncode == 2 and "no summary.json" in missing.stderr


@pytest.mark.slow
def test_scenarios_render_into_their_own_folders_and_the_front_page_compares_them(tmp_path, rendered_site, capsys):
    """A second scenario rendered beside the shared base scenario (a copy of it): notebook 02 only, as the
    scenario machinery is the same for every notebook."""
    root = tmp_path / "site"
    shutil.copytree(rendered_site.parent, root)
    result = runner_in_process("--scenario", "bear", "02", "--out", str(root), capsys=capsys)
    assert result.returncode == 0, result.stderr
    assert (root / "base" / "summary.json").exists() and (root / "bear" / "summary.json").exists()
    front = (root / "index.html").read_text()
    assert 'href="base/index.html"' in front and 'href="bear/index.html"' in front
    assert "Data snapshot: 2026-11-24" in front and 'src="02_winners_losers.card.png"' in front
    assert (root / "02_winners_losers.card.png").is_file()  # a card's chart: a file beside the front page
    bear = json.loads((root / "bear" / "scenario.json").read_text())
    assert bear["changed"]["02_winners_losers"]["p_thesis"] == 0.2
    changed = (
        '<td data-label="Input">Probability of the thesis</td>'
        '<td data-label="Value">20%</td><td data-label="Default">40%</td>'
    )
    assert changed in front  # changed value, default
    # every link on the front page is relative, but for the sources under the cards' charts
    assert not re.search(r'href="(?!(base|bear)/|https?://)[^"#]', front), "every link on the front page is relative"
    base_results = json.loads((root / "base" / "summary.json").read_text())["notebooks"]
    bear_results = json.loads((root / "bear" / "summary.json").read_text())["notebooks"]
    assert set(bear_results) == {"02_winners_losers"} and "02_winners_losers" in base_results
    assert bear_results["02_winners_losers"]["results"]["view"] == "sourced"
    assert base_results["02_winners_losers"]["results"]["view"] == "article"
    diff = runner_in_process("--compare", str(root / "base"), str(root / "bear"), capsys=capsys)
    assert "02_winners_losers: View of the table's levels: article -> sourced  [view]" in diff.stdout


def test_rerunning_some_notebooks_of_a_scenario_keeps_its_other_pages(tmp_path, capsys):
    """A run of one notebook of a scenario used to replace the scenario's folder with that notebook's pages alone:
    the others disappeared from it and from the front page. They are kept, unless the data or parameters differ."""
    one, other = tiny_notebook(tmp_path / "nb", "90_tiny"), tiny_notebook(tmp_path / "nb", "91_other")
    root = tmp_path / "site"
    first = runner_in_process("--scenario", "base", str(one), str(other), "--out", str(root), capsys=capsys)
    assert first.returncode == 0, first.stderr
    files = ["91_other.ipynb", *site.page_names("91_other")]
    kept = {name: (root / "base" / name).read_bytes() for name in files}
    again = runner_in_process("--scenario", "base", str(one), "--out", str(root), capsys=capsys)
    assert again.returncode == 0, again.stderr
    assert {name: (root / "base" / name).read_bytes() for name in files} == kept
    summary = json.loads((root / "base" / "summary.json").read_text())
    assert set(summary["notebooks"]) == {"90_tiny", "91_other"}
    assert set(summary["provenance"]["parameters"]) == {"90_tiny", "91_other"}
    assert set(json.loads((root / "base" / "scenario.json").read_text())["changed"]) == {"90_tiny", "91_other"}
    assert 'href="91_other.html"' in (root / "base" / "index.html").read_text()
    assert 'href="91_other.html"' in (root / "base" / "90_tiny.html").read_text()  # the next page
    front = (root / "index.html").read_text()
    assert 'href="base/90_tiny.html"' in front and 'href="base/91_other.html"' in front
    # pages from other data cannot stand beside new ones: refused in one line, nothing touched
    summary["provenance"]["data"]["sha256"] = "0" * 64
    (root / "base" / "summary.json").write_text(json.dumps(summary))
    before = tree_snapshot(root)
    code, stderr = run_in_process("--scenario", "base", str(one), "--out", str(root), capsys=capsys)
    assert code == 2 and stderr.count("\n") == 1, stderr
    assert "the pages it would keep from its last run (91_other) were rendered from other data" in stderr
    assert tree_snapshot(root) == before


def test_pages_kept_from_a_scenarios_last_run_must_have_the_values_the_scenario_gives_them_now(tmp_path):
    folder = runner_output(tmp_path / "base")
    (folder / "scenario.json").write_text(json.dumps({"name": "base", "description": "x", "changed": {}}))
    notebook = tiny_notebook(tmp_path / "nb", "91_other")
    job = Job(Notebook("91_other", notebook, notebook.with_suffix(".ipynb")), {"label": "tiny", "fail": False})
    inputs = provenance.Inputs.read(DATA)
    recorded = {"label": "tiny", "fail": False, "data_dir": "../data"}  # the data is compared by its hash alone
    summary = {
        "notebooks": {"91_other": {"status": "ok", "parameters": recorded}},
        "provenance": {"data": {"sha256": provenance.combined(inputs.data)}},
    }
    (folder / "summary.json").write_text(json.dumps(summary))
    assert keep.mismatch(folder, inputs, [job]) is None
    job.parameters["label"] = "other"
    assert keep.mismatch(folder, inputs, [job]) == (
        "include 91_other, rendered with other parameters than the scenario gives it now"
    )
