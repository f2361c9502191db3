"""Fast tests of the pipeline's parts, in temporary folders: notebook discovery, all-or-nothing refresh,
the front page's failure notice, compare's refusals, declarations, and inputs that are valid but unusual."""

import copy
import json
import re
import shutil
import zlib

import matplotlib
import nbformat
import pytest
from conftest import DATA, REPO, runner_output, tiny_notebook

from prequel.data import DataError, load_dataset
from prequel.declarations import DeclarationError, read_declarations
from prequel.pipeline import compare, journal, readme, refresh, site
from prequel.pipeline.execute import Job
from prequel.pipeline.sources import Notebook, discover

matplotlib.use("Agg")


# ---- notebooks are found by their text twin; strays are skipped with a warning ----------------------


def test_stray_files_in_the_notebooks_folder_are_skipped_with_a_warning(tmp_path, capsys):
    folder = tmp_path / "notebooks"
    tiny_notebook(folder, "01_real")
    (folder / "01_real.ipynb").write_text("{}")
    (folder / "01_real-Copy1.ipynb").write_text("{}")  # JupyterLab's copy
    (folder / "02_folder.ipynb").mkdir()  # a folder named like a notebook
    (folder / "03_lonely.ipynb").write_text("{}")  # no text twin
    (folder / "helpers.py").write_text("x = 1\n")
    found = discover(folder)
    assert [n.stem for n in found] == ["01_real"]
    err = capsys.readouterr().err
    for name in ("01_real-Copy1.ipynb", "02_folder.ipynb", "03_lonely.ipynb", "helpers.py"):
        assert f"skipped {name}" in err


@pytest.mark.parametrize(
    "source, message",
    [
        ("x = 1  # no type | 0 to 2\n", "expected 'name: type = default"),
        ("x: int = 1\n", "has no help comment"),
        ("x: int = 5  # a number | 0 to 2\n", "does not pass its own declaration"),
        ("x: str = str(1)  # a text\n", "must be a literal"),
        ("x: set = 1  # a set\n", "is not one of"),
        ("x: int = 1  # a number | one of a, b\n", "expected 'LOW to HIGH'"),
        ("x: bool = True  # a\nx: bool = False  # b\n", "declared twice"),
    ],
)
def test_a_malformed_parameters_cell_is_a_clear_maintainer_error(source, message):
    with pytest.raises(DeclarationError, match=message):
        read_declarations(source)


def test_a_declaration_reads_type_default_help_and_allowed_values():
    declared = read_declarations(
        'k: float = 1.5  # Weibull shape | 0.1 to 10\nmode: str = "a"  # the mode | one of a, b\n'
        "ids: Optional[list] = None  # companies | company ids\n"
        "w: Optional[dict] = None  # weights | weights by scales.dimension\n"
    )
    assert declared["k"].spec.minimum == 0.1 and declared["k"].help == "Weibull shape"
    assert declared["mode"].spec.choices == ("a", "b") and declared["ids"].spec.nullable
    assert declared["w"].spec.names_from == "scales.dimension"


# ---- refresh: all or nothing -------------------------------------------------------------------------


@pytest.fixture()
def refresh_targets(tmp_path):
    """Copies of the committed notebooks, README and images, and jobs whose results would replace them."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    jobs = []
    for notebook in discover(REPO / "notebooks"):
        for path in (notebook.source, notebook.baseline):
            shutil.copy(path, folder)
        copy = Notebook(notebook.stem, folder / notebook.source.name, folder / notebook.baseline.name)
        executed = nbformat.read(notebook.baseline, as_version=4)
        executed.cells[0].source += "\n\nA change that a refresh would write."
        jobs.append(Job(copy, {}, executed=executed))
    shutil.copy(REPO / "README.md", tmp_path / "README.md")
    shutil.copytree(REPO / "docs" / "img", tmp_path / "img")
    return tmp_path, jobs


def _snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failing_readme_update_writes_nothing(refresh_targets):
    root, jobs = refresh_targets
    (root / "README.md").write_text("a README without the findings markers\n")
    before = _snapshot(root)
    with pytest.raises(ValueError, match="findings"):
        refresh.refresh(jobs, readme_path=root / "README.md", images_dir=root / "img")
    assert _snapshot(root) == before


def test_a_full_disk_in_the_middle_writes_nothing(refresh_targets, monkeypatch):
    root, jobs = refresh_targets
    before = _snapshot(root)
    real_open, calls = open, []

    def failing_open(path, mode="r", *args, **kwargs):
        if "w" in mode and refresh.TRANSACTION in str(path):
            calls.append(path)
            if len(calls) == 3:
                raise OSError(28, "No space left on device")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", failing_open)
    with pytest.raises(OSError, match="No space"):
        refresh.refresh(jobs, readme_path=root / "README.md", images_dir=root / "img")
    assert _snapshot(root) == before


def test_a_refresh_writes_every_baseline_and_the_readme(refresh_targets):
    root, jobs = refresh_targets
    written = refresh.refresh(jobs, readme_path=root / "README.md", images_dir=root / "img")
    assert sorted(written) == sorted(job.notebook.baseline for job in jobs)  # README and images said the same
    for job in jobs:
        assert "A change that a refresh would write." in job.notebook.baseline.read_text()
        nbformat.read(job.notebook.baseline, as_version=4)  # valid JSON
    assert not list(root.rglob(".*.refresh-*")) and not (root / refresh.TRANSACTION).exists()
    assert readme.START in (root / "README.md").read_text()


def _nudged(nb: nbformat.NotebookNode, factor: float) -> nbformat.NotebookNode:
    """The notebook with every published number at full precision multiplied by ``factor`` (metadata only)."""
    nb = copy.deepcopy(nb)

    def scale(value):
        if isinstance(value, dict):
            return {k: scale(v) for k, v in value.items()}
        if isinstance(value, list):
            return [scale(v) for v in value]
        return value * factor if isinstance(value, float) else value

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("prequel")
            if isinstance(meta, dict) and "results" in meta:
                meta["results"] = scale(meta["results"])
    return nb


def test_a_refresh_keeps_every_baseline_that_says_the_same_byte_for_byte(refresh_targets):
    """On another CPU the last bits differ: a refresh of an unchanged tree rewrites nothing; a result that
    moves beyond its declared tolerance is written."""
    root, jobs = refresh_targets
    for job in jobs:
        job.executed = _nudged(nbformat.read(job.notebook.baseline, as_version=4), 1 + 1e-12)
    before = _snapshot(root)
    assert refresh.refresh(jobs, readme_path=root / "README.md", images_dir=root / "img") == []
    assert _snapshot(root) == before
    assert refresh.refresh_summary([]) == "nothing (every baseline says the same)"
    for (
        job
    ) in jobs:  # another Python and other package builds: the version cell's lines are masked, as nbval masks them
        last = job.executed.cells[-1]
        assert "Python version" in last.outputs[0]["text"]
        last.outputs[0]["text"] = re.sub(r"(Python version\s*): \S+", r"\1: 3.13.0", last.outputs[0]["text"])
    assert refresh.refresh(jobs, readme_path=root / "README.md", images_dir=root / "img") == []
    jobs[0].executed = _nudged(jobs[0].executed, 1.01)
    assert refresh.refresh(jobs, readme_path=root / "README.md", images_dir=root / "img") == [jobs[0].notebook.baseline]


def _png_chunks(data: bytes) -> list[str]:
    import struct

    names, at = [], 8
    while at < len(data):
        (size,) = struct.unpack(">I", data[at : at + 4])
        names.append(data[at + 4 : at + 8].decode("ascii"))
        at += 12 + size
    return names


def test_chart_pngs_carry_no_text_or_time_so_a_rerun_draws_the_same_bytes():
    """The page's and the phone's PNGs (``style._png``) hold pixels and their density only: no Software
    version or date that would differ between machines or runs and make a refresh rewrite a kept chart."""
    from matplotlib import pyplot as plt

    from prequel.present import style

    fig, ax = plt.subplots(figsize=(8, 3))
    ax.plot([0, 1, 2], [1, 3, 2])
    try:
        first, second = style._png(fig)[0], style._png(fig)[0]
        phone = style.narrow_variant(fig)
    finally:
        plt.close(fig)
    assert phone is not None and first == second
    for data in (first, phone[0]):
        assert set(_png_chunks(data)) == {"IHDR", "pHYs", "IDAT", "IEND"}


def test_a_phone_image_that_differs_only_in_its_png_metadata_rewrites_nothing(refresh_targets):
    """The phone variant sits in an output's metadata: another text chunk in it keeps the baseline."""
    import base64

    root, jobs = refresh_targets
    changed = 0
    for job in jobs:
        job.executed = nbformat.read(job.notebook.baseline, as_version=4)
        for cell in job.executed.cells:
            for output in cell.get("outputs", []):
                narrow = output.get("metadata", {}).get("image/png", {}).get("narrow")
                if narrow:
                    png = base64.b64decode(narrow["src"])
                    text = b"tEXt" + b"Software\x00matplotlib 9.9"
                    chunk = len(text[4:]).to_bytes(4, "big") + text + zlib.crc32(text).to_bytes(4, "big")
                    narrow["src"] = base64.b64encode(png[:33] + chunk + png[33:]).decode("ascii")
                    changed += 1
    before = _snapshot(root)
    assert changed and refresh.refresh(jobs, readme_path=root / "README.md", images_dir=root / "img") == []
    assert _snapshot(root) == before


# ---- the front page says when a scenario's latest run failed -------------------------------------------


def test_the_front_page_says_when_the_latest_run_failed(tmp_path):
    root = runner_output(tmp_path / "site")
    for name in ("base", "bear"):
        folder = runner_output(root / name)
        (folder / "scenario.json").write_text(json.dumps({"name": name, "description": f"{name} case", "changed": {}}))
        (folder / "summary.json").write_text(
            json.dumps({"notebooks": {"90_tiny": {"status": "ok", "results": {"finding": f"{name} finding"}}}})
        )
    (root / "bear" / "_failed").mkdir()
    (root / "bear" / "_failed" / "summary.json").write_text(
        json.dumps({"status": "failed", "notebooks": {"90_tiny": {"status": "failed", "error": "cell 2: boom"}}})
    )
    failed_first = runner_output(root / "bull")
    (failed_first / "_failed").mkdir()
    (failed_first / "_failed" / "summary.json").write_text(
        json.dumps({"status": "failed", "notebooks": {"90_tiny": {"status": "failed", "error": "cell 3: bust"}}})
    )
    html = site.render_front_page(root).read_text()
    assert html.count("latest run") == 2 and "90_tiny: cell 2: boom" in html and "cell 3: bust" in html
    assert "base finding" in html


# ---- compare refuses what it cannot compare ----------------------------------------------------------


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "is not a run summary"),
        ('{"notebooks": {"a": 3}}', "is not a run summary"),
        ('{"status": "failed", "notebooks": {}}', "summary of a failed run"),
    ],
)
def test_compare_refuses_malformed_and_failed_summaries(tmp_path, content, message):
    (tmp_path / "summary.json").write_text(content)
    with pytest.raises(compare.CompareError, match=message):
        compare.load_summary(tmp_path)


def test_compare_points_at_a_failed_run(tmp_path):
    (tmp_path / "_failed").mkdir()
    (tmp_path / "_failed" / "summary.json").write_text("{}")
    with pytest.raises(compare.CompareError, match="its latest run failed"):
        compare.load_summary(tmp_path)


# ---- inputs that are valid but unusual, and data files that are not ---------------------------------------


def test_dollar_signs_in_chart_text_are_dollars_never_math():
    import matplotlib.pyplot as plt

    from prequel.present.style import apply_theme

    apply_theme()
    fig, ax = plt.subplots()
    ax.set_title("Fund $A$ paid $5M and $6M", loc="center")
    ax.plot([0, 1], [0, 1], label="$x$")
    ax.legend()
    fig.canvas.draw()  # mathtext would raise on an unbalanced or odd $ pair
    assert ax.get_title(loc="center") == "Fund $A$ paid $5M and $6M" and not plt.rcParams["text.parse_math"]
    plt.close(fig)


def test_huge_weights_give_the_same_result_as_their_ratio():
    from prequel.analysis import winners

    dims = ["a", "b", "c"]
    huge = winners.normalize({"a": 1e308, "b": 1e308, "c": 5e307}, dims)
    small = winners.normalize({"a": 2, "b": 2, "c": 1}, dims)
    assert huge.round(12).tolist() == small.round(12).tolist() and huge.sum() == pytest.approx(1)


@pytest.mark.parametrize("case", ["cr_only", "huge_field", "folder"])
def test_unusual_data_files_give_a_data_error_naming_the_file(tmp_path, case):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    target = folder / "scales.csv"
    if case == "cr_only":
        target.write_bytes(target.read_bytes().replace(b"\n", b"\r"))
    elif case == "huge_field":
        lines = target.read_text().split("\n")
        lines[1] += "x" * 200_000
        target.write_text("\n".join(lines))
    else:
        target.unlink()
        target.mkdir()
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    assert str(target) in str(info.value)


# ---- red-team findings, each at its root --------------------------------------------------------------


def test_the_cache_trims_only_its_own_files(tmp_path):
    from prequel.pipeline.cache import Cache

    cache = Cache(tmp_path / "proj", max_bytes=0)
    (cache.folder / "api").mkdir(parents=True)
    (cache.folder / "api" / "openapi.yaml").write_text("a user's file")
    entry = cache.folder / "runs" / ("ab" * 32 + ".entry")
    entry.parent.mkdir()
    entry.write_bytes(b"x" * 100)
    cache.trim()
    assert (cache.folder / "api" / "openapi.yaml").exists() and not entry.exists()


@pytest.mark.parametrize("inside", ["data inside out", "out inside data"])
def test_output_and_data_folders_must_not_overlap(tmp_path, inside, capsys):
    from prequel.pipeline import cli

    out = runner_output(tmp_path / "site")
    data = out / "mydata" if inside == "data inside out" else tmp_path / "data"
    shutil.copytree(DATA, data)
    target = out if inside == "data inside out" else data / "out"
    code = cli.main(["01", "--out", str(target), "--data-dir", str(data), "--no-cache"])
    assert code == 2 and "overlaps the data folder" in capsys.readouterr().err
    assert (data / "companies.csv").exists()


def test_compare_json_never_overwrites_a_file_that_is_not_a_report(tmp_path, capsys):
    from prequel.pipeline import cli

    (tmp_path / "a.json").write_text(json.dumps({"notebooks": {"x": {"status": "ok", "results": {"p": 1}}}}))
    precious = tmp_path / "README.md"
    precious.write_text("my notes")
    code = cli.main(["--compare", str(tmp_path / "a.json"), str(tmp_path / "a.json"), "--json", str(precious)])
    assert code == 2 and "not an earlier --compare report" in capsys.readouterr().err
    assert precious.read_text() == "my notes"
    report = tmp_path / "diff.json"
    for _ in range(2):  # a new file, then an earlier report, are written
        assert cli.main(["--compare", str(tmp_path / "a.json"), str(tmp_path / "a.json"), "--json", str(report)]) == 0
    assert "flipped" in json.loads(report.read_text())


def test_a_folder_holding_only_the_runners_leftovers_counts_as_empty(tmp_path):
    from prequel.pipeline import outputs

    out = tmp_path / "scn"
    out.mkdir()
    (out / ".base.lock").write_text("")
    staging = out / ".base.staging-999999999-x"
    staging.mkdir()
    (staging / outputs.MARKER).write_text("")
    assert outputs.check_target(out) == out
    (out / "notes.txt").write_text("mine")
    with pytest.raises(outputs.OutputError):
        outputs.check_target(out)


def test_a_python_file_named_like_a_notebook_but_not_one_is_skipped(tmp_path, capsys):
    folder = tmp_path / "notebooks"
    tiny_notebook(folder, "01_real")
    (folder / "06_helper.py").write_text("print(1)\n")
    (folder / "07_binary.py").write_bytes(b"\xff\xfe\x00")
    assert [n.stem for n in discover(folder)] == ["01_real"]
    err = capsys.readouterr().err
    assert "skipped 06_helper.py" in err and "skipped 07_binary.py" in err


def test_a_refresh_that_fails_while_renaming_puts_everything_back(refresh_targets, monkeypatch):
    root, jobs = refresh_targets
    before = _snapshot(root)
    real, calls = journal.os.replace, []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 5:
            raise IsADirectoryError(21, "Is a directory", str(dst))
        return real(src, dst)

    monkeypatch.setattr(journal.os, "replace", failing)
    with pytest.raises(IsADirectoryError):
        refresh.refresh(jobs, readme_path=root / "README.md", images_dir=root / "img")
    monkeypatch.setattr(journal.os, "replace", real)
    assert _snapshot(root) == before and not (root / refresh.TRANSACTION).exists()


@pytest.mark.parametrize("text", ["? [a, b]\n: 1\n", "a: " + "[" * 3000 + "]" * 3000 + "\n"])
def test_odd_yaml_is_refused_with_one_line(tmp_path, text):
    from prequel.pipeline.scenarios import YamlError, read_yaml

    (tmp_path / "odd.yaml").write_text(text)
    with pytest.raises(YamlError):
        read_yaml(tmp_path / "odd.yaml")


def test_compare_reports_a_changed_headline_once_not_the_words_that_restate_results():
    from prequel.pipeline.compare import compare

    def summary(finding: str, detail: str, p: float) -> dict:
        results = {
            "finding": finding,
            "details": [detail],
            "flip": detail,
            "key_numbers": [{"label": "P", "value": detail}],
        }
        return {"notebooks": {"04_x": {"status": "ok", "results": results | {"p_miss_window": p}}}}

    report = compare(summary("Old headline.", "old", 0.35), summary("New headline.", "new", 0.5))
    assert [r["key"] for r in report["flipped"]] == ["finding"]
    assert [r["key"] for r in report["moved"]] == ["p_miss_window"]


def test_a_notebook_named_twice_runs_once():
    from prequel.pipeline import cli

    path = REPO / "notebooks" / "03_prediction_timelines.py"
    for names in (["03", str(path)], [str(path), "03_prediction_timelines"], [str(path), str(path)]):
        assert [n.stem for n in cli.select_notebooks(names)] == ["03_prediction_timelines"], names


def test_a_folder_that_holds_only_runner_outputs_is_the_runners_own(tmp_path):
    """`make refresh` writes rendered/custom; `make run` then renders the scenarios beside it into rendered/."""
    from prequel.pipeline import outputs

    root = tmp_path / "rendered"
    runner_output(root / "custom")
    assert outputs.check_target(root) == root
    (root / "mine").mkdir()  # a folder of the user's own beside it: refused, untouched
    with pytest.raises(outputs.OutputError, match="holds files the runner did not write"):
        outputs.check_target(root)
    assert (root / "mine").is_dir()
