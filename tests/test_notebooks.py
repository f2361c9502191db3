"""Contract tests, parametrised over the notebooks that exist: each has a text twin in step with its
baseline, declares its parameters once, refuses every bad value its declarations imply (in the runner
and in the notebook), and was executed cleanly. A new notebook needs no edit here."""

import html
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import DATA, REPO

from prequel import declarations
from prequel.declarations import DeclarationError, check_parameters_then_load_data, declared_parameters, parameters_cell
from prequel.params import Param, ParameterError, check_value
from prequel.pipeline import cli
from prequel.pipeline.execute import Job
from prequel.pipeline.refresh import same_baseline
from prequel.pipeline.sources import discover, out_of_sync

NOTEBOOKS = discover(REPO / "notebooks")
IDS = [n.stem for n in NOTEBOOKS]


def bad_raw_values(spec: Param) -> list[str]:
    """Values a parameter's declaration refuses, derived from the declaration alone."""
    bad = {
        "bool": ["maybe", "NO", "1"],
        "date": ["2025-02-30", "007", "yesterday"],
        "choice": ["not-a-choice"],
        "id_list": ["nobody-at-all"],
        "mapping": ["{nobody-at-all: 1}" if spec.value_kind == "weight" else "{nobody-at-all: [0, 0]}"],
        "path": [],  # a folder: checked against the file system (test below)
        "text": [],
    }.get(spec.kind, [])
    if spec.kind in ("int", "float"):
        bad.append("abc")
        if spec.maximum is not None:
            bad.append(str(spec.maximum * 2 + 1))
        if spec.minimum is not None:
            bad.append(str(spec.minimum - 1 if spec.minimum > -math.inf else -1))
        if spec.kind == "int":
            bad.append("12.5")
    if spec.kind == "range":
        low = spec.minimum if spec.minimum is not None else 0
        bad += ["[2, 1]" if low <= 1 else f"[{low + 2}, {low + 1}]", "[1]", "abc"]
        if spec.maximum is not None:
            bad.append(f"[{low}, {spec.maximum * 2 + 1}]")
    if spec.kind == "choice":
        bad.append(spec.choices[0].upper() + "x")
    if spec.kind == "date" and spec.earliest:  # the days the analyses support, and no further
        bad += ["9999-12-31", f"{int(spec.latest[:4]) + 1}{spec.latest[4:]}", f"{int(spec.earliest[:4]) - 1}-12-31"]
    if not spec.nullable and spec.kind not in ("path", "text"):
        bad.append("null")
    return bad


CASES = [
    (n.stem, name, value)
    for n in NOTEBOOKS
    for name, declared in n.declared.items()
    for value in bad_raw_values(declared.spec)
]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_text_twin_and_baseline_are_in_step(notebook):
    assert out_of_sync(notebook) is None, out_of_sync(notebook)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_parameters_are_declared_once_and_checked_first(notebook):
    nb = notebook.read()
    declared = declared_parameters(nb, notebook.stem)  # raises on any line without type, help or literal default
    assert "data_dir" in declared and declared["data_dir"].spec.kind == "path"
    cell = parameters_cell(nb, notebook.stem)
    following = nb.cells[nb.cells.index(cell) + 1]
    assert following.source.lstrip().startswith("params, data = check_parameters_then_load_data(globals())")
    for d in declared.values():
        assert d.help and check_value(d.name, d.spec, d.default) == d.default


@pytest.mark.parametrize("stem, name, value", CASES, ids=[f"{s[:2]}-{n}={v}" for s, n, v in CASES])
def test_every_bad_value_is_refused_by_the_runner_and_by_the_notebook(stem, name, value, dataset, monkeypatch):
    notebook = next(n for n in NOTEBOOKS if n.stem == stem)
    job = Job(notebook, {k: d.default for k, d in notebook.declared.items()})
    with pytest.raises(ParameterError, match=f"'{name}"):
        cli.assign([job], {name: value}, where="-p ")
        cli.check_with_data([job], dataset)
    # the notebook's own check, with the value as papermill would inject it (YAML-parsed)
    import yaml
    from papermill.cli import _resolve_type

    injected = yaml.safe_load(value) if value[:1] in "[{" else _resolve_type(value)
    monkeypatch.setattr("prequel.data.load_dataset", lambda folder=None: dataset)
    source = parameters_cell(notebook.read(), stem).source
    namespace = {
        "In": ["", source, f"# Parameters\n{name} = {injected!r}\n"],
        **job.defaults,
        name: injected,
        "data_dir": str(DATA),
    }
    with pytest.raises(ParameterError, match=f"'{name}"):
        check_parameters_then_load_data(namespace)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_the_notebook_itself_reports_an_unknown_parameter_and_a_missing_data_folder(notebook):
    source = parameters_cell(notebook.read(), notebook.stem).source
    defaults = {k: d.default for k, d in notebook.declared.items()}
    with pytest.raises(ParameterError, match="unknown parameter 'as_off'"):
        check_parameters_then_load_data({"In": ["", source, "# Parameters\nas_off = 1\n"], **defaults})
    with pytest.raises(ParameterError, match="parameter 'data_dir'.*is not a folder"):
        check_parameters_then_load_data({"In": ["", source], **defaults, "data_dir": "/no/such/folder"})
    with pytest.raises(DeclarationError, match="no parameters cell"):
        check_parameters_then_load_data({"In": ["", "x = 1"], **defaults})


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_committed_notebook_is_executed_cleanly(notebook):
    nb = nbformat.read(notebook.baseline, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert None not in counts and counts == sorted(counts), "run `make refresh`"
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error"
            assert out.get("name") != "stderr", f"stderr stored: {out.get('text', '')[:200]}"
        assert "execution" not in cell.metadata and "papermill" not in cell.metadata
    meta = nb.metadata.get("papermill", {})
    assert not {"start_time", "end_time", "duration", "input_path", "output_path"} & set(meta)
    assert "watermark" in nb.cells[-1].source


def test_the_real_papermill_client_refuses_an_unknown_name_with_one_line(tmp_path):
    """Plain papermill on a committed notebook, from another working directory (papermill itself only warns
    of an unknown name): the notebook stops at its check cell with one line. Every other refusal of the check
    cell is tested in-process above; that good values run to the end is nbval's run of every notebook, and
    papermill's parameter injection is the runner's in every run."""
    papermill_cli = Path(sys.executable).parent / "papermill"
    notebook = REPO / "notebooks" / "03_prediction_timelines.ipynb"
    out = tmp_path / "refused.ipynb"
    result = subprocess.run(
        [str(papermill_cli), str(notebook), str(out), "-p", "as_off", "2025-06-30", "--no-progress-bar"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode != 0
    errors = [o for c in nbformat.read(out, 4).cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert len(errors) == 1 and "unknown parameter 'as_off'" in errors[0]["evalue"] and "\n" not in errors[0]["evalue"]


def test_the_default_data_folder_is_found_from_any_working_directory(tmp_path, monkeypatch):
    """A notebook run from elsewhere (papermill or JupyterLab started in another folder) reads the
    repository's data with the default ``data_dir``; a ``../data`` beside the working directory wins."""
    notebook = NOTEBOOKS[0]
    source = parameters_cell(notebook.read(), notebook.stem).source
    defaults = {k: d.default for k, d in notebook.declared.items()}
    elsewhere = tmp_path / "work" / "here"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    params, data = check_parameters_then_load_data({"In": ["", source], **defaults})
    assert len(data.rounds) and params["data_dir"] == str(DATA.resolve())
    shutil.copytree(DATA, tmp_path / "work" / "data")
    params, _ = check_parameters_then_load_data({"In": ["", source], **defaults})
    assert params["data_dir"] == str((tmp_path / "work" / "data").resolve())


def _nbval(folder: Path) -> subprocess.CompletedProcess:
    """nbval as `make test` runs it, stopping at the first cell whose outputs differ."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", str(REPO / "tests" / "nbval_sanitize.cfg"), str(folder / "notebooks")],
        cwd=folder, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


@pytest.mark.slow
def test_regression_has_teeth(tmp_path):
    """nbval fails on a copy of the data with one value changed, and names the output that moved: the
    round's amount, in the first table that shows it. (The same notebook passing on the unchanged data is
    the main nbval run of `make test`.)"""
    (tmp_path / "notebooks").mkdir()
    for suffix in (".py", ".ipynb"):
        shutil.copy(REPO / "notebooks" / f"01_funding_comparison{suffix}", tmp_path / "notebooks")
    shutil.copytree(DATA, tmp_path / "data")
    rounds = tmp_path / "data" / "funding_rounds.csv"
    text = rounds.read_text()
    assert ",315000000,5300000000," in text
    rounds.write_text(text.replace(",315000000,5300000000,", ",316000000,5300000000,"))
    changed = _nbval(tmp_path)
    assert changed.returncode != 0 and "failed" in changed.stdout
    moved = [
        re.search(rf"^\s*{sign}.*\$</span>{amount}M", changed.stdout, re.M)
        for sign, amount in (("-", 316), (r"\+", 315))
    ]
    assert all(moved), changed.stdout[-3000:]


@pytest.mark.slow
def test_a_new_notebook_runs_through_the_runner_and_the_contracts_with_nothing_else_edited(tmp_path):
    """A copy of a notebook under a new number runs through the runner and the contract tests with nothing
    else edited, and its executed notebook is byte for byte the committed baseline of the original."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True, timeout=120)
    for name in ("notebooks", "src", "tests", "data", "scripts"):  # the working tree, committed or not
        shutil.rmtree(clone / name)
        shutil.copytree(REPO / name, clone / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    original = REPO / "notebooks" / "03_prediction_timelines"  # the quickest; its seeded bootstrap tests seeds
    for suffix in (".py", ".ipynb"):
        shutil.copy(original.with_suffix(suffix), clone / "notebooks" / f"99_copy{suffix}")
    env = {**__import__("os").environ, "PYTHONPATH": str(clone / "src")}
    run = subprocess.run(
        [sys.executable, str(clone / "scripts" / "run_notebooks.py"), "99", "--out", str(tmp_path / "out")],
        cwd=clone, capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert (tmp_path / "out" / "99_copy.html").exists()
    # a rerun with the defaults says what the baseline `make refresh` wrote says (seeds, no clock, no path): every
    # output the same text, every result within its declared tolerance (last bits and Python version aside)
    executed = nbformat.read(tmp_path / "out" / "99_copy.ipynb", as_version=4)
    assert same_baseline(nbformat.read(original.with_suffix(".ipynb"), as_version=4), executed)
    contracts = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_notebooks.py",
         "-k", "99_copy or 99-", "-m", "not slow"],
        cwd=clone, capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert contracts.returncode == 0, contracts.stdout[-3000:]
    assert " passed" in contracts.stdout and "99_copy" not in contracts.stdout.split("passed")[-1]


def test_a_refresh_rewrites_a_baseline_whose_phone_chart_or_alt_text_changed():
    """06's phone chart once changed (fewer ticks, its caption under the legend) while its page chart did not: the
    refresh kept the old baseline, whose phone image then changed height with an unrelated later change. A
    chart's metadata (phone variant, alt text, size) is part of what a baseline shows."""
    import copy

    old = nbformat.read(REPO / "notebooks" / "06_valuation.ipynb", as_version=4)
    image = next(o for c in old.cells for o in c.get("outputs", []) if "image/png" in o.get("metadata", {}))
    assert same_baseline(old, copy.deepcopy(old))
    for key, value in (("narrow", {**image.metadata["image/png"]["narrow"], "height": 1}), ("alt", "another")):
        saved = image.metadata["image/png"][key]
        image.metadata["image/png"][key] = value
        new = copy.deepcopy(old)
        image.metadata["image/png"][key] = saved
        assert not same_baseline(old, new), key


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_a_committed_baseline_stores_no_float_finer_than_stored_digits(notebook):
    """The hook found 17-digit floats (0.14529914529914528) in every baseline's published results: one CPU's last
    bits. A baseline stored so is not the same baseline for a refresh, which rewrites it once."""
    import copy

    from prequel.pipeline.site import published
    from prequel.present.report import RESULTS_META, TABLE_META
    from prequel.results import stored

    old = nbformat.read(notebook.baseline, as_version=4)
    assert published(old) and stored(published(old)) == published(old)
    finer = copy.deepcopy(old)
    meta = next(o.metadata[TABLE_META] for c in finer.cells for o in c.get("outputs", []) if RESULTS_META in
                o.get("metadata", {}).get(TABLE_META, {}))  # fmt: skip
    rows = next(f["rows"] for f in meta["frames"].values() if any(isinstance(v, float) for r in f["rows"] for v in r))
    row = next(r for r in rows if any(isinstance(v, float) for v in r))
    i = next(i for i, v in enumerate(row) if isinstance(v, float))
    row[i] += row[i] * 1e-13 or 1e-13  # the same result within any tolerance, at a float's full precision
    assert not same_baseline(finer, old)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_every_image_of_a_committed_notebook_has_alt_text_where_nbviewer_shows_it(notebook):
    """Issue 25: a committed notebook's charts carry alt text in their output's ``image/png`` metadata, which
    nbconvert's classic template (nbviewer's view of a notebook) writes as each ``<img>``'s alt."""
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook.baseline, as_version=4)
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    body, _ = HTMLExporter(template_name="classic").from_notebook_node(nb)
    tags = re.findall(r"<img\b[^>]*>", body)
    assert len(tags) == len(images)
    written = [html.unescape(m[1]) if (m := re.search(r'\balt="([^"]*)"', tag)) else "" for tag in tags]
    described = [o["metadata"].get("image/png", {}).get("alt", "") for o in images]
    assert all(len(alt) > 20 and not alt.startswith("<Figure") for alt in described), described  # a sentence
    assert written == described


def test_analysis_constants_are_the_declared_values():
    """A bound or default the analyses use is the notebook's declared one, not a second copy of it."""
    from prequel.analysis import demo_timing, operations

    d03, d04 = (declarations.declared_in(stem) for stem in ("03_prediction_timelines", "04_operational_tradeoffs"))
    k = d03["weibull_k"].spec
    assert demo_timing.shape_bounds() == (k.minimum, k.maximum)
    assert demo_timing.Settings("2026-11-24", "strict", "reported").p_never == d03["p_never"].default
    given = {"as_of": "2026-11-24", "strictness": "strict", "min_confidence": "any"}
    assert demo_timing.Settings.of(given).p_never == d03["p_never"].default
    assert operations.growth_floor() == d04["arr_growth_annual"].spec.minimum == d04["cost_growth_annual"].spec.minimum
    assert f"min(n_sims, {operations.INTERVAL_SIMS})" in d04["interval_sets"].help


def test_analyses_import_without_notebooks_and_say_in_one_line_what_is_missing_when_used(tmp_path):
    """The declarations are read on first use, not at import: a package copied away from notebooks/ (a remote
    worker) imports every analysis, and what needs a declaration fails with one line naming the file."""
    package = tmp_path / "src" / "prequel"
    shutil.copytree(REPO / "src" / "prequel", package, ignore=shutil.ignore_patterns("__pycache__"))
    modules = sorted(p.stem for p in (REPO / "src" / "prequel" / "analysis").glob("[a-z]*.py"))
    script = "import importlib\n" + "".join(f"importlib.import_module('prequel.analysis.{m}')\n" for m in modules)
    script += "from prequel.analysis import demo_timing\nprint('imported', flush=True)\ndemo_timing.shape_bounds()\n"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path / "src"), "HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.stdout == "imported\n", run.stderr[-2000:]
    last = run.stderr.strip().splitlines()[-1]
    expected = f"DeclarationError: {tmp_path / 'notebooks' / '03_prediction_timelines.py'} not found: "
    assert last.startswith(f"prequel.declarations.{expected}"), last


def test_declared_values_are_read_from_the_notebook_file(tmp_path, monkeypatch):
    """Editing a declaration is enough: the analyses' constants read the text twin."""
    stem = "03_prediction_timelines"
    text = (REPO / "notebooks" / f"{stem}.py").read_text()
    old = re.search(r"^weibull_k: .*$", text, re.M).group(0)
    edited = re.sub(r"\| 0\.1 to 10$", "| 0.2 to 5", old)
    edited = text.replace(old, edited).replace("p_never: float = 0.1", "p_never: float = 0.25")
    (tmp_path / f"{stem}.py").write_text(edited)
    monkeypatch.setattr(declarations, "NOTEBOOKS_DIR", tmp_path)
    declarations.declared_in.cache_clear()
    try:
        assert declarations.declared_bounds(stem, "weibull_k") == (0.2, 5.0)
        assert declarations.declared_default(stem, "p_never") == 0.25
    finally:
        declarations.declared_in.cache_clear()


def _significant(text: str) -> int:
    """The significant digits of a number written in a file: '0.0375' -> 3, '857500000' -> 4."""
    from decimal import Decimal

    number = Decimal(text)
    return len(number.normalize().as_tuple().digits) if number else 0


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_a_committed_notebook_stores_its_numbers_at_their_declared_precision(notebook):
    """Issue 25: a chart's CSV download carried 0.99940264 (8 digits) where its page shows 'over 99%', and the
    publication's metadata 17-digit floats. A CSV column keeps its declaration's digits and two more; the stored
    results and tables keep the digits the regression's tolerance needs (``results.STORED_DIGITS``), no more."""
    import csv
    import io
    import json
    import urllib.parse

    from prequel.present.labels import LABELS, column_result
    from prequel.present.report import DOWNLOAD_EXTRA_DIGITS, TABLE_META
    from prequel.results import STORED_DIGITS

    nb = nbformat.read(notebook.baseline, as_version=4)
    declared = max(column_result(c).digits for c in LABELS) + DOWNLOAD_EXTRA_DIGITS  # the most any column keeps
    number = re.compile(r"-?\d+\.\d+(?:[eE]-?\d+)?")
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    downloads = [
        urllib.parse.unquote(link)
        for o in outputs
        for link in re.findall(r'data:text/csv;charset=utf-8,([^"]*)', str(o.get("data", {}).get("text/html", "")))
    ]
    cells = [v for text in downloads for row in csv.reader(io.StringIO(text)) for v in row if number.fullmatch(v)]
    assert all(_significant(v) <= declared for v in cells), sorted(cells, key=_significant)[-3:]

    def floats(value):  # every float of the outputs' metadata (never a number inside a text, such as a URL)
        if isinstance(value, dict):
            return [f for v in value.values() for f in floats(v)]
        return (
            [f for v in value for f in floats(v)] if isinstance(value, list) else [repr(value)] * (type(value) is float)
        )

    stored = floats(json.loads(json.dumps([o.get("metadata", {}).get(TABLE_META) for o in outputs])))
    assert stored and all(_significant(v) <= STORED_DIGITS for v in stored), sorted(stored, key=_significant)[-3:]
