"""Every input from outside gets one line, never a traceback: parameters, parameter and scenario files,
data files, scenario folders, summaries given to --compare, README markers and output folders are checked
before any kernel starts or anything is replaced, and echoed only as bounded, printable, escaped text.
Each case runs the runner in-process and stops before a kernel; the fuzz tests (a fixed seed, a bounded
number of examples) stop the runner where it would start executing."""

from __future__ import annotations

import json
import os
import shutil
import signal
import uuid
from pathlib import Path

import nbformat
import pytest
from conftest import DATA, REPO, run_in_process, runner_in_process, runner_output, tiny_notebook, tree_snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prequel.declarations import DATES
from prequel.params import ParameterError, check_value
from prequel.pipeline import cli, compare, readme, scenarios, site
from prequel.pipeline.entry import call, checked_parameters, entry_point_of
from prequel.pipeline.site import published
from prequel.pipeline.sources import discover

LINE_MAX = 1200  # an error line stays short, whatever the size of what it names
NOTEBOOKS = discover(REPO / "notebooks")


def refused(code: int, stderr: str, status: int = 2, lines: int = 1) -> list[str]:
    """A refusal: the exit status, at most ``lines`` lines each starting 'error:', printable, bounded."""
    found = stderr.splitlines()
    assert code == status, stderr[-2000:]
    assert "Traceback" not in stderr and 1 <= len(found) <= lines, stderr[-2000:]
    for line in found:
        assert line.startswith("error: ") and len(line) <= LINE_MAX and line.isprintable(), line[:2000]
    return found


# ---- parameters -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, message",
    [
        ("companies=[runway", "parameter 'companies': got '[runway' (str) - write it as JSON or as a,b"),
        ("companies=" + "[" * 4000 + "]" * 4000, "write it as JSON"),  # deeper than the JSON parser goes
        ("companies=" + "[" * 300_000, "longer than 10,000 characters"),
        ("weights=" + '{"a":' * 1500 + "1" + "}" * 1500, "write it as JSON"),
        ('weights={"funding": ' + "[" * 500 + "]" * 500 + "}", "parameter 'weights[funding]'"),
        ("as_of=9999-12-31", "out of range; expected a date YYYY-MM-DD from 1900-01-01 to 2100-12-31"),
        ("as_of=2101-01-01", "from 1900-01-01 to 2100-12-31"),
        ("as_of=1899-12-31", "from 1900-01-01 to 2100-12-31"),
        ("as_of=" + "2" * 900_000, "(900,000 characters)"),
        ("x" * 900_000 + "=1", "unknown parameter 'xxxx"),
        ("n_sims=" + "9" * 5000, "parameter 'n_sims'"),  # past Python's 4,300-digit limit of int()
        ("companies=runway\x1b[2J\n", r"unknown id 'runway\x1b[2J'"),
        ("as_of=2026-01-01\x00", r"'2026-01-01\x00'"),
    ],
)
def test_a_bad_parameter_value_is_one_bounded_line(tmp_path, value, message, capsys):
    out = runner_output(tmp_path / "out")
    before = tree_snapshot(tmp_path)
    code, stderr = run_in_process("--out", str(out), "-p", value, capsys=capsys)
    refused(code, stderr)
    assert message in stderr and "\x1b" not in stderr
    assert tree_snapshot(tmp_path) == before


def test_a_date_parameter_takes_the_days_the_analyses_support(dataset):
    """Each notebook's analysis runs on both ends of ``DATES`` (a later day once passed the check, then three
    notebooks failed in their kernels: pandas ends in 2262, matplotlib's axes in 9999; their charts were
    rendered in kernels at both ends when the bound was set), and the check refuses the days beyond."""
    for notebook in NOTEBOOKS:
        spec = notebook.declared["as_of"].spec if "as_of" in notebook.declared else None
        if spec is None:
            continue
        assert (spec.earliest, spec.latest) == DATES
        for bad in ("9999-12-31", "2101-01-01", "1899-12-31"):
            with pytest.raises(ParameterError, match="out of range"):
                check_value("as_of", spec, bad, raw=True)
        smallest = {  # the smallest simulations: the dates are what is tested
            k: int(d.spec.minimum)
            for k, d in notebook.declared.items()
            if d.spec.kind == "int" and k.startswith(("n_", "interval"))
        }
        entry = entry_point_of(published(nbformat.read(notebook.baseline, as_version=4)))
        for day in DATES:
            try:
                params = checked_parameters(notebook, dataset, {**smallest, "as_of": day})
            except ParameterError as err:  # a day before the data can answer is refused in one line, never run
                assert day == DATES[0] and str(err).startswith("parameter 'as_of': ")
                continue
            call(entry, dataset, params)


@pytest.mark.parametrize(
    "text, message",
    [
        ("as_of: " + "x" * 900_000 + "\n", "(900,000 characters)"),
        ("companies: " + "[" * 2000 + "]" * 2000 + "\n", "nesting shallow"),
        ("? [a, b]\n: 1\n", "keys must be plain names"),
        ("as_of: 2026-01-01\n" + "#" * 1_100_000 + "\n", "larger than 1,000,000 bytes"),
    ],
)
def test_a_bad_parameter_file_is_one_bounded_line(tmp_path, text, message, capsys):
    (tmp_path / "p.yaml").write_text(text)
    code, stderr = run_in_process("--out", str(tmp_path / "out"), "-f", str(tmp_path / "p.yaml"), capsys=capsys)
    refused(code, stderr)
    assert message in stderr and not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_parameter_file_that_is_not_a_regular_file_is_refused_without_waiting(tmp_path, kind, capsys):
    path = tmp_path / "p.yaml"
    os.mkfifo(path) if kind == "fifo" else path.symlink_to("/dev/zero")
    with alarm(20):
        code, stderr = run_in_process("--out", str(tmp_path / "out"), "-f", str(path), capsys=capsys)
    refused(code, stderr)
    assert "not a regular file" in stderr


# ---- data files -------------------------------------------------------------------------------------------


def _scales_with(data: Path, field: str) -> None:
    lines = (data / "scales.csv").read_text(encoding="utf-8").splitlines()
    first = lines[1].split(",")
    (data / "scales.csv").write_text("\n".join([lines[0], f"{first[0]},{field}", *lines[2:]]) + "\n")


@pytest.mark.parametrize(
    "field, message",
    [
        ('"' + ("x" * 60_000 + "\n") * 3 + '"', "row 1 (line 2): has a quoted field longer than the csv limit"),
        ('"' + ("x" * 60_000 + "\n") * 3, "has a quoted field longer than the csv limit"),  # a quote never closed
        ('"' + ("x" * 60_000 + "\n") * 2 + '"', "row 1 (line 2): has a field of 120,002 characters"),
    ],
)
def test_a_quoted_field_spanning_lines_past_the_limit_is_one_line(tmp_path, data_copy, field, message, capsys):
    _scales_with(data_copy, field)
    out = tmp_path / "out"
    code, stderr = run_in_process("--out", str(out), "--data-dir", str(data_copy), capsys=capsys)
    refused(code, stderr, status=1)
    assert f"error: bad data file {data_copy / 'scales.csv'}: " in stderr and message in stderr
    assert not out.exists()


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "link out of the folder"])
def test_a_data_file_is_read_only_when_it_is_a_regular_file_in_the_folder(tmp_path, data_copy, kind, capsys):
    target = data_copy / "events.csv"
    outside = tmp_path / "elsewhere.csv"
    shutil.move(target, outside)
    {"fifo": lambda: os.mkfifo(target), "dev-zero": lambda: target.symlink_to("/dev/zero")}.get(
        kind, lambda: target.symlink_to(outside)
    )()
    with alarm(20):
        code, stderr = run_in_process("--out", str(tmp_path / "out"), "--data-dir", str(data_copy), capsys=capsys)
    refused(code, stderr, status=1)
    assert "not a regular file" in stderr if kind == "fifo" else "is a link out of its folder" in stderr


# ---- summaries given to --compare -------------------------------------------------------------------------


SUMMARY = {
    "notebooks": {
        "a": {
            "status": "ok",
            "parameters": {"x": 1},
            "results": {"p": 0.3},
            "declarations": {"p": {"label": "P", "kind": "probability"}},
        }
    }
}


def _summary_with(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "summary.json").write_text(text)
    return folder


@pytest.mark.parametrize(
    "text, message",
    [
        (json.dumps(SUMMARY).replace("0.3", "9" * 400), "a number too large"),
        (json.dumps(SUMMARY).replace("0.3", "1e400"), "a number too large"),
        (json.dumps(SUMMARY).replace("0.3", "Infinity"), "a number too large"),
        (json.dumps(SUMMARY).replace("0.3", "1" + "0" * 5000), "a number too large"),
        ('{"notebooks": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deep"),
        (json.dumps(SUMMARY).replace('{"p": 0.3}', '"x"'), "'results' is not a dict"),
        (json.dumps(SUMMARY).replace('"kind"', '"rel_tol": -1, "kind"'), "negative tolerance"),
        (json.dumps(SUMMARY).replace('"label"', '"fields": 3, "label"'), "'fields' that are not a mapping"),
        (json.dumps(SUMMARY).replace('"p": 0.3', '"p\\u001b[2J": 0.3') + "\x00", "not valid JSON"),
    ],
)
def test_compare_refuses_a_summary_it_cannot_read_in_one_line(tmp_path, text, message, capsys):
    good, bad = _summary_with(tmp_path / "good", json.dumps(SUMMARY)), _summary_with(tmp_path / "bad", text)
    before = tree_snapshot(tmp_path)
    code, stderr = run_in_process("--compare", str(good), str(bad), capsys=capsys)
    refused(code, stderr)
    assert message in stderr and tree_snapshot(tmp_path) == before


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo", "link out of the folder", "larger than the limit"])
def test_compare_reads_only_a_bounded_regular_file(tmp_path, kind, capsys, monkeypatch):
    good = _summary_with(tmp_path / "good", json.dumps(SUMMARY))
    bad = tmp_path / "bad"
    bad.mkdir()
    if kind == "fifo":
        os.mkfifo(bad / "summary.json")
    elif kind == "link out of the folder":
        (bad / "summary.json").symlink_to(good / "summary.json")
    elif kind == "larger than the limit":
        monkeypatch.setattr(compare, "MAX_SUMMARY_BYTES", 100)
        _summary_with(bad, json.dumps(SUMMARY))
    new = "/dev/zero" if kind == "/dev/zero" else str(bad)
    with alarm(20):  # a FIFO would wait for a writer; /dev/zero would fill the memory
        code, stderr = run_in_process("--compare", str(good), new, capsys=capsys)
    refused(code, stderr)
    expected = {"link out of the folder": "link out of its folder", "larger than the limit": "larger than 100 bytes"}
    assert expected.get(kind, "not a regular file") in stderr


def test_compare_escapes_what_the_summaries_say(tmp_path, capsys):
    evil = json.loads(json.dumps(SUMMARY))
    evil["notebooks"]["a"]["parameters"] = {"x": "\x1b]0;pwned\x07" + "y" * 5000}
    old, new = _summary_with(tmp_path / "old", json.dumps(SUMMARY)), _summary_with(tmp_path / "new", json.dumps(evil))
    result = runner_in_process("--compare", str(old), str(new), capsys=capsys)
    assert result.returncode == 0 and r"a: X: 1 -> \x1b]0;pwned\x07yyy" in result.stdout, result.stdout[:300]
    assert "\x1b" not in result.stdout and all(len(line) < 2100 for line in result.stdout.splitlines())


# ---- scenario folders, README markers, output folders -------------------------------------------------------


@pytest.fixture()
def site_root(tmp_path):
    """A rendered root with a 'bull' scenario folder (an earlier run) beside where 'base' goes."""
    root = runner_output(tmp_path / "site")
    bull = runner_output(root / "bull")
    (bull / "scenario.json").write_text(json.dumps({"name": "bull", "description": "x", "changed": {}}))
    (bull / "90_tiny.ipynb").write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    (bull / "summary.json").write_text(json.dumps({"notebooks": {"90_tiny": {"status": "ok", "results": {}}}}))
    return root


@pytest.mark.parametrize(
    "file, text, message",
    [
        ("scenario.json", '{"name": "bull", "chan', "bull/scenario.json: not valid JSON"),
        ("scenario.json", '{"name": "../../x", "changed": {}}', "is not the scenario.json the runner writes"),
        ("scenario.json", '{"name": "bull", "changed": {"a": 3}}', "is not the scenario.json the runner writes"),
        ("scenario.json", "[" * 100_000, "not valid JSON"),
        ("summary.json", '{"notebooks": {"90_tiny": {"results": ' + "9" * 400 + "}}}", "a number too large"),
        ("summary.json", '{"notebooks": {"../x": {}}}', "names a notebook '../x'"),
        ("_failed/summary.json", '{"notebooks": 3}', "is not a run summary"),
        ("_failed/summary.json", "[1]", "is not a run summary"),
        ("90_tiny.ipynb", '{"cells": 3}', "90_tiny.ipynb: not a notebook"),
    ],
)
def test_a_broken_scenario_folder_is_refused_before_anything_is_replaced(site_root, file, text, message, capsys):
    """The front page reads every scenario folder after the run: one it cannot read used to end the run in a
    traceback after the outputs were replaced."""
    (site_root / "bull" / file).parent.mkdir(exist_ok=True)
    (site_root / "bull" / file).write_text(text)
    tiny = tiny_notebook(site_root.parent / "nb")
    before = tree_snapshot(site_root.parent)
    code, stderr = run_in_process("--scenario", "base", str(tiny), "--out", str(site_root), capsys=capsys)
    refused(code, stderr)
    assert message in stderr and "render it again (--scenario bull) or remove" in stderr
    assert tree_snapshot(site_root.parent) == before


def test_a_scenario_folder_named_like_a_url_is_refused_and_never_linked(site_root, capsys):
    """The front page links each scenario folder by its name: a folder ``javascript:alert(1)`` (its
    scenario.json naming itself) became ``<a href="javascript:alert(1)/index.html">``, a script on click."""
    evil = runner_output(site_root / "javascript:alert(1)")
    for file in ("scenario.json", "summary.json", "90_tiny.ipynb"):
        (evil / file).write_bytes((site_root / "bull" / file).read_bytes())
    (evil / "scenario.json").write_text(json.dumps({"name": evil.name, "description": "x", "changed": {}}))
    tiny = tiny_notebook(site_root.parent / "nb")
    before = tree_snapshot(site_root.parent)
    code, stderr = run_in_process("--scenario", "base", str(tiny), "--out", str(site_root), capsys=capsys)
    refused(code, stderr)
    assert "a scenario folder's name has only letters, digits" in stderr and "remove" in stderr
    assert tree_snapshot(site_root.parent) == before
    page = site.render_front_page(site_root).read_text(encoding="utf-8")
    assert "javascript:" not in page and 'href="bull/index.html"' in page


def test_a_scenario_folder_the_run_replaces_or_that_reads_back_is_accepted(site_root):
    scenarios.check_rendered(site_root, set())
    (site_root / "bull" / "scenario.json").write_text("{broken")
    scenarios.check_rendered(site_root, {"bull"})  # this run writes it again


@pytest.mark.parametrize(
    "text",
    [
        "# prequel\nno markers at all\n",
        f"# prequel\n{readme.END}\n{readme.START}\n",
        f"# prequel\n{readme.START}\n{readme.START}\n{readme.END}\n",
    ],
)
def test_refresh_checks_the_readme_markers_before_executing(tmp_path, text, monkeypatch, capsys):
    (tmp_path / "README.md").write_text(text)
    monkeypatch.setattr(readme, "README", tmp_path / "README.md")
    tiny = tiny_notebook(tmp_path / "nb")
    before = tree_snapshot(tmp_path)
    code, stderr = run_in_process("--refresh", str(tiny), capsys=capsys)
    refused(code, stderr)
    assert "needs the line <!-- findings:start -->" in stderr and tree_snapshot(tmp_path) == before


@pytest.mark.parametrize("folder", ["src/prequel", "notebooks", "tests", "data", "scenarios", "docs"])
def test_an_output_or_cache_inside_the_repository_sources_is_refused(folder, tmp_path, capsys):
    out = REPO / folder / f"out-{uuid.uuid4().hex[:8]}"
    code, stderr = run_in_process("02", "--out", str(out), capsys=capsys)
    refused(code, stderr)
    assert f"inside the repository's {folder.split('/')[0]}/" in stderr and not out.exists()
    result = runner_in_process("02", "--out", str(tmp_path / "o"), capsys=capsys, cache=out)
    refused(result.returncode, result.stderr)
    assert "cache folder" in result.stderr and not out.exists() and not (tmp_path / "o").exists()


LONG = "a" * 5000  # longer than a file name may be


@pytest.mark.parametrize(
    "args, message",
    [
        (["--out", LONG], "--out aaa"),
        (["--scenario", "base", "--out", LONG], "--out aaa"),
        (["-f", LONG], "cannot be read: File name too long"),
        (["--compare", LONG, LONG], "File name too long"),
        (["-p", f"data_dir={LONG}"], "-p data_dir aaa"),
        (["--data-dir", LONG], "--data-dir aaa"),
        ([LONG], "unknown notebook 'aaa"),
        ([f"{LONG}.py"], "unknown notebook 'aaa"),
        ([f"{LONG}/x.py"], "(5,005 characters)"),
    ],
)
def test_a_file_name_the_file_system_refuses_is_one_line(args, message, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, stderr = run_in_process(*args, capsys=capsys)
    refused(code, stderr)
    assert message in stderr and list(tmp_path.iterdir()) == []


def test_a_cache_folder_name_the_file_system_refuses_is_one_line(tmp_path, capsys):
    result = runner_in_process("02", "--out", str(tmp_path / "o"), capsys=capsys, cache=tmp_path / LONG)
    refused(result.returncode, result.stderr)
    assert "cache folder" in result.stderr and list(tmp_path.iterdir()) == []


# ---- fuzz: one channel each, a fixed seed, a bounded number of examples -------------------------------------


class WouldRun(Exception):
    """Raised where the runner would start executing: the input passed every check."""


def _stop_before_kernels(*args, **kwargs):
    raise WouldRun


def fuzz_run(monkeypatch, *args: str, capsys) -> tuple[int, str] | None:
    """The runner's exit status and standard error, or None when the input passed every check."""
    monkeypatch.setattr(cli, "execute_site", _stop_before_kernels)
    try:
        return run_in_process(*args, capsys=capsys)
    except WouldRun:
        capsys.readouterr()
        return None


FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
#: Every parameter name, grouped by the kind of its declaration, so that each kind is drawn as often.
KINDS = {}
for _notebook in NOTEBOOKS:
    for _name, _declared in _notebook.declared.items():
        KINDS.setdefault(_declared.spec.kind, set()).add(_name)
NAME = st.sampled_from(sorted(KINDS)).flatmap(lambda kind: st.sampled_from(sorted(KINDS[kind]))) | st.just("as_off")
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40)
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
NESTED = st.tuples(st.sampled_from("[{"), st.integers(500, 12_000)).map(
    lambda t: (t[0] if t[0] == "[" else '{"a":') * t[1]
)
VALUE = st.one_of(
    TEXT,
    JSONISH.map(lambda v: json.dumps(v, allow_nan=True)),
    NESTED,
    st.sampled_from(
        ["9999-12-31", "2026-02-30", "1" * 5000, "1e999", "nan", "-0", "runway,", "{a:", "[]", "x" * 20_000]
    ),
)


#: Parameters written as JSON (lists of ids, mappings), with JSON of any shape and depth.
JSON_PAIR = st.tuples(
    st.sampled_from(sorted(KINDS["id_list"] | KINDS["mapping"])),
    NESTED | JSONISH.map(lambda v: json.dumps(v, allow_nan=True)),
)


@FUZZ
@given(pair=st.tuples(NAME, VALUE) | JSON_PAIR)
def test_fuzz_parameters(tmp_path_factory, monkeypatch, capsys, pair):
    name, value = pair
    out = tmp_path_factory.mktemp("fuzz") / "out"
    result = fuzz_run(monkeypatch, "--out", str(out), "-p", f"{name}={value}", capsys=capsys)
    if result is not None:
        refused(*result)
    assert not out.exists()


@pytest.fixture()
def scenario_dir(tmp_path, monkeypatch):
    folder = tmp_path / "scenarios"
    shutil.copytree(scenarios.SCENARIOS_DIR, folder)
    real_available, real_load = scenarios.available, scenarios.load
    monkeypatch.setattr(scenarios, "available", lambda folder=folder, warn=True: real_available(folder, warn))
    monkeypatch.setattr(scenarios, "load", lambda name, stems, folder=folder: real_load(name, stems, folder))
    return folder


STEMS = [n.stem for n in NOTEBOOKS]
SCENARIO = st.fixed_dictionaries(
    {
        "description": TEXT | JSONISH,
        "parameters": st.dictionaries(NAME, VALUE, max_size=3) | JSONISH,
        "notebooks": st.dictionaries(
            st.sampled_from([*STEMS, "99_none"]), st.dictionaries(NAME, VALUE, max_size=2) | JSONISH, max_size=2
        )
        | JSONISH,
    },
    optional={"extra": JSONISH},
)


@FUZZ
@given(
    scenario=SCENARIO,
    drop=st.sets(st.sampled_from(["description", "parameters", "notebooks"])),
    damage=st.sampled_from(["", "", "yaml", "cut", "byte"]),
    at=st.integers(0, 10_000),
)
def test_fuzz_scenario_files(scenario_dir, tmp_path_factory, monkeypatch, capsys, scenario, drop, damage, at):
    import yaml

    text = yaml.safe_dump({k: v for k, v in scenario.items() if k not in drop}, allow_unicode=True).encode()
    cut = at % (len(text) + 1)
    text = {
        "yaml": text.replace(b": ", b": [", 1),
        "cut": text[:cut],
        "byte": text[:cut] + bytes([at % 256]) + text[cut:],
    }.get(damage, text)
    (scenario_dir / "fuzz.yaml").write_bytes(text)
    out = tmp_path_factory.mktemp("fuzz") / "out"
    result = fuzz_run(monkeypatch, "--scenario", "fuzz", "--out", str(out), capsys=capsys)
    if result is not None:
        refused(*result)
    assert not out.exists() or not any(out.iterdir())


CSV_FILES = sorted(p.name for p in DATA.glob("*.csv"))
CSV_DAMAGE = "cell quote long-field control nul bom bare-cr drop-line cut duplicate header".split()


def damaged(text: str, how: str, at: int, cell: str) -> bytes:
    lines = text.splitlines()
    row = 1 + at % max(len(lines) - 1, 1)
    cells = lines[row].split(",")
    index = at % len(cells)
    if how == "cell":
        cells[index] = cell.replace("\n", " ")
    elif how == "quote":
        cells[index] = '"' + cells[index]
    elif how == "long-field":
        cells[index] = '"' + "x\n" * 70_000 + '"'
    elif how == "control":
        cells[index] += "\x1b[2J\x07"
    elif how == "nul":
        cells[index] += "\x00"
    elif how == "drop-line":
        lines.pop(row)
        return ("\n".join(lines) + "\n").encode()
    elif how == "cut":
        return text.encode()[: at % len(text)]
    elif how == "duplicate":
        lines.append(lines[row])
    elif how == "header":
        header = lines[0].split(",")
        lines[0] = lines[0].replace(header[at % len(header)], cell or "x", 1)
    lines[row] = ",".join(cells)
    body = "\n".join(lines) + "\n"
    if how == "bom":
        return b"\xef\xbb\xbf" + body.encode()
    if how == "bare-cr":
        return body.replace("\n", "\r", 2).encode()
    return body.encode()


@pytest.mark.parametrize("name", CSV_FILES)
def test_fuzz_each_data_file(name, tmp_path_factory, monkeypatch, capsys):
    """Three kinds of damage in each data file (every kind in three files), at places and with text drawn at
    random."""
    first = CSV_FILES.index(name) * 3
    kinds = [CSV_DAMAGE[(first + k) % len(CSV_DAMAGE)] for k in range(3)]
    folder = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, folder)
    original = (DATA / name).read_text(encoding="utf-8")

    @settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
    @given(at=st.integers(0, 100_000), cell=TEXT)
    def one(at, cell):
        for how in kinds:
            (folder / name).write_bytes(damaged(original, how, at, cell))
            out = folder.parent / "out"
            result = fuzz_run(monkeypatch, "--out", str(out), "--data-dir", str(folder), capsys=capsys)
            if result is not None:
                code, stderr = result
                refused(code, stderr, status=code if code in (1, 2) else 1, lines=9)  # a line per problem, at most 8
                assert code == 2 or all(
                    line.startswith(f"error: bad data file {folder}/") for line in stderr.splitlines()
                )
            assert not out.exists()

    one()


@pytest.fixture(scope="module")
def baseline_text() -> str:
    return json.dumps(compare.baseline_summary(REPO / "notebooks"))


LEAF = st.one_of(
    st.sampled_from([1e300, -1e19, 10**18, 10**17, 2.5e-300, float("inf"), float("nan"), -0.0]),
    st.floats(),
    JSONISH,
    st.sampled_from(["\x1b[2J", "<script>", "failed", [], {}, {"fields": 1}, {"rel_tol": -1}]),
)


@FUZZ
@given(
    part=st.sampled_from(["results", "declarations", "parameters", "status"]),
    path=st.lists(st.integers(0, 10**6), max_size=4),
    leaf=LEAF,
    cut=st.integers(-5, 10**6),
)
def test_fuzz_compare_inputs(baseline_text, tmp_path_factory, capsys, part, path, leaf, cut):
    """A part of a notebook's entry in a real summary, or a branch or leaf below it, replaced at random, or
    the text cut short: compared both ways, a report or one line."""
    summary = json.loads(baseline_text)
    entries = summary["notebooks"]
    node, key = entries[sorted(entries)[cut % len(entries)]], part
    for step in path:  # go down, or stop and replace here
        child = node.get(key) if isinstance(node, dict) else node[key]
        keys = list(child) if isinstance(child, dict) else list(range(len(child))) if isinstance(child, list) else []
        if step % 4 == 0 or not keys:
            break
        node, key = child, keys[step % len(keys)]
    node[key] = leaf
    text = json.dumps(summary, allow_nan=True)
    text = text[: cut % len(text)] if cut < 0 else text
    folder = tmp_path_factory.mktemp("cmp")
    old, new = _summary_with(folder / "old", baseline_text), _summary_with(folder / "new", text)
    before = tree_snapshot(folder)
    for args in ((old, new), (new, old)):
        code, stderr = run_in_process("--compare", *map(str, args), capsys=capsys)
        if code != 0:
            refused(code, stderr)
    assert tree_snapshot(folder) == before


class alarm:  # noqa: N801 - used as a context manager
    """Fail instead of hanging: SIGALRM after ``seconds``."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds

    def __enter__(self) -> None:
        def timeout(*_):
            raise TimeoutError(f"still waiting after {self.seconds} s")

        signal.signal(signal.SIGALRM, timeout)
        signal.alarm(self.seconds)

    def __exit__(self, *_) -> None:
        signal.alarm(0)
