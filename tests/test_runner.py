"""The runner, run as users run it, in temporary folders and clones (never the working tree).

Refusals exit 2 with one line and touch nothing; failures exit 1 and keep the last output; Ctrl-C exits
130 and leaves nothing behind; output folders are replaced only when the runner wrote them."""

import json
import os
import signal
import stat
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
import pytest
from conftest import (
    REPO,
    RUNNER,
    results_of,
    run_in_process,
    runner_in_process,
    runner_output,
    tiny_notebook,
    tree_snapshot,
)

from prequel.pipeline import cli, outputs


@pytest.fixture()
def previous_output(tmp_path):
    """A 'last good' output folder whose bytes must survive every failed or refused run."""
    return runner_output(tmp_path / "rendered")


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A clone of the repository with an uncommitted file, to point --out at."""
    target = tmp_path_factory.mktemp("clone") / "prequel"
    subprocess.run(["git", "clone", "-q", str(REPO), str(target)], check=True, timeout=120)
    (target / "my-notes.txt").write_text("uncommitted work")
    return target


# ---- refusals: exit 2, one line, nothing touched --------------------------------------------------


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
        (["-p", "data_dir=no/such/folder"], "data_dir no/such/folder: not a folder"),
        (["--data-dir", "no/such/folder"], "--data-dir no/such/folder: not a folder"),
        (["-p", "as_of=2026-01-01", "-p", "as_of=2025-01-01"], "-p 'as_of' given twice ('2026-01-01', '2025-01-01')"),
        (["--json", "report.json"], "--json works only with --compare"),  # was ignored: exit 0, no report
        (["--tolerance", "0.1"], "--tolerance works only with --compare"),
        (["--no-explore"], "--no-explore works only with --scenario all"),
    ],
)
def test_refusals_exit_2_and_write_nothing(previous_output, args, message, capsys):
    before = tree_snapshot(previous_output.parent)
    code, stderr = run_in_process("01", "--out", str(previous_output), *args, capsys=capsys)
    assert code == 2, stderr
    assert message in stderr and stderr.count("\n") == 1 and "Traceback" not in stderr
    assert tree_snapshot(previous_output.parent) == before


@pytest.mark.parametrize(
    "args, message",
    [
        (["--jobs", "0"], "--jobs: expected a whole number >= 1"),
        (["--timeout", "0"], "--timeout: expected a whole number >= 1"),
        (["--compare", "a", "b", "--tolerance", "-1"], "--tolerance: expected a finite number >= 0"),
        (["--compare", "a", "b", "--tolerance", "nan"], "--tolerance: expected a finite number >= 0"),
        (["--compare", "a", "b", "--tolerance", "inf"], "--tolerance: expected a finite number >= 0"),
    ],
)
def test_bad_options_are_refused_by_the_parser(args, message, capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(args)
    assert info.value.code == 2 and message in capsys.readouterr().err


@pytest.mark.parametrize(
    "text, message",
    [
        ("as_of: 2025-01-01\nas_of: 2026-01-01\n", "duplicate key 'as_of'"),
        ("a: &a [1, 1, 1]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", "aliases (*name) are not allowed"),
        ("include_estimates: NO\n", "parameter 'include_estimates'"),
        ("[1, 2]\n", "expected a mapping of NAME: VALUE"),
        ("a: [1,\n", "not valid YAML"),
    ],
)
def test_parameter_files_are_read_strictly(previous_output, tmp_path, text, message, capsys):
    params = tmp_path / "params.yaml"
    params.write_text(text)
    start = time.perf_counter()
    code, stderr = run_in_process("01", "--out", str(previous_output), "-f", str(params), capsys=capsys)
    assert code == 2 and message in stderr and len(stderr) < 400, stderr
    assert time.perf_counter() - start < 20


def test_an_alias_bomb_is_refused_quickly(tmp_path, capsys):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    code, stderr = run_in_process("01", "--out", str(tmp_path / "o"), "-f", str(tmp_path / "bomb.yaml"), capsys=capsys)
    assert code == 2 and "aliases" in stderr and len(stderr) < 300
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize("target", [".", "notebooks", "data", "src", "my-user-folder", "link-to-user-folder", "a-file"])
def test_an_output_folder_the_runner_did_not_write_is_refused(clone, target, capsys):
    user = clone / "my-user-folder"
    user.mkdir(exist_ok=True)
    (user / "thesis.docx").write_text("months of work")
    if not (clone / "link-to-user-folder").exists():
        (clone / "link-to-user-folder").symlink_to(user)
    (clone / "a-file").write_text("a file")
    before = tree_snapshot(clone)
    code, stderr = run_in_process("01", "--out", str(clone / target), capsys=capsys)
    assert code == 2 and stderr.startswith("error: --out ") and stderr.count("\n") == 1, stderr
    assert tree_snapshot(clone) == before and (clone / ".git").is_dir()


def test_an_unexpected_internal_error_keeps_its_traceback(monkeypatch):
    def broken(args):
        raise ValueError("a bug, not a usage error")

    monkeypatch.setattr(cli, "run", broken)
    with pytest.raises(ValueError, match="a bug"):
        cli.main(["01"])


def test_a_bad_data_file_exits_1_naming_file_row_and_column(previous_output, data_copy, monkeypatch, capsys):
    path = data_copy / "company_metrics.csv"
    lines = path.read_text().splitlines(keepends=True)
    lines[3] = lines[3].replace(",500000000,", ",-500000000,")
    path.write_text("".join(lines))
    before = tree_snapshot(previous_output.parent)
    monkeypatch.chdir(data_copy.parent)  # a relative --data-dir resolves from the working directory
    code, stderr = run_in_process("01", "--out", str(previous_output), "--data-dir", "data", capsys=capsys)
    assert code == 1
    assert str(data_copy / "company_metrics.csv") in stderr and "row 3 (line 4), column 'value'" in stderr
    assert tree_snapshot(previous_output.parent) == before


# ---- output folders: replaced only when the runner wrote them, safely -------------------------------


@pytest.mark.slow
def test_replacing_a_previous_output_keeps_its_permissions_and_removes_stale_staging(tmp_path, capsys):
    out = runner_output(tmp_path / "site")
    os.chmod(out, 0o750)
    stale = tmp_path / ".site.staging-999999999-abc"
    stale.mkdir()
    (stale / ".prequel-output").write_text("left by a killed run")
    notebook = tiny_notebook(tmp_path / "nb")
    result = runner_in_process(str(notebook), "--out", str(out), capsys=capsys)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o750
    assert not stale.exists() and outputs.is_runner_output(out)
    assert json.loads((out / "summary.json").read_text())["notebooks"]["90_tiny"]["status"] == "ok"
    assert not (out / "index.html").read_text().startswith("<p>last good")
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name or ".old-" in p.name]


@pytest.mark.parametrize("why", ["mount point", "rename refused"])
def test_a_folder_that_cannot_be_renamed_has_its_contents_swapped_in_place(tmp_path, monkeypatch, why):
    """A mount point is seen before the run: its staging is built inside it (on its file system). One that is
    not seen (a bind mount: the exchange fails with EBUSY) gets a copy of the staging inside it first."""
    out = runner_output(tmp_path / "site")
    inode = out.stat().st_ino
    if why == "mount point":
        monkeypatch.setattr(outputs.os.path, "ismount", lambda p: Path(p) == out)
    staging = outputs.new_staging(out)
    assert (staging.parent == out) == (why == "mount point")
    (staging / "index.html").write_text("new")
    if why == "rename refused":

        def exchange(a, b):
            raise OSError(16, "Device or resource busy", str(b))

        monkeypatch.setattr(outputs, "exchange", exchange)
    with outputs.locked(out):
        outputs.replace(staging, out)
    assert out.stat().st_ino == inode and (out / "index.html").read_text() == "new"
    assert not (out / "summary.json").exists() and outputs.is_runner_output(out) and not staging.exists()
    assert sorted(p.name for p in out.iterdir() if not p.name.endswith(".lock")) == [".prequel-output", "index.html"]


# Concurrent runs (two into one folder, one into a folder inside it, one cache) are tested in test_cache.py.


# ---- failures, timeouts and Ctrl-C ----------------------------------------------------------------


@pytest.mark.slow
def test_a_failing_notebook_keeps_the_previous_output_and_reports_the_cell(previous_output, tmp_path, capsys):
    before = tree_snapshot(previous_output)
    notebook = tiny_notebook(tmp_path / "nb")
    result = runner_in_process(str(notebook), "--out", str(previous_output), "-p", "fail=true", capsys=capsys)
    assert result.returncode == 1
    assert "90_tiny failed at cell 2" in result.stderr and "RuntimeError: boom in the tiny notebook" in result.stderr
    after = tree_snapshot(previous_output)
    assert {k: v for k, v in after.items() if not k.startswith("_failed")} == before
    failed = json.loads((previous_output / "_failed" / "summary.json").read_text())
    assert failed["status"] == "failed" and failed["notebooks"]["90_tiny"]["status"] == "failed"


@pytest.mark.slow
def test_a_timeout_is_isolated_and_the_others_still_report(tmp_path, previous_output, capsys, monkeypatch):
    """Also: each kernel starts in its notebook's folder, and the runner never changes its own working
    directory (notebooks run in threads of one process: a chdir in one would move the others)."""
    slow = tiny_notebook(tmp_path / "nb", "90_slow")
    quick = tiny_notebook(tmp_path / "nb", "91_quick")
    text = slow.read_text().replace("seconds: float = 0.0", "seconds: float = 60.0")
    slow.write_text(text.replace("import time\n", 'import os\nimport time\n\nprint("in", os.getcwd())\n'))
    before = tree_snapshot(previous_output)
    moves, cwd = [], os.getcwd()
    real_chdir = os.chdir
    monkeypatch.setattr(os, "chdir", lambda path: (moves.append(str(path)), real_chdir(path)))
    start = time.perf_counter()
    result = runner_in_process(str(slow), str(quick), "--out", str(previous_output), "--timeout", "2", capsys=capsys)
    assert set(moves) <= {cwd} and os.getcwd() == cwd  # (papermill writes files from where it started)
    assert f"in {tmp_path / 'nb'}" in (previous_output / "_failed" / "90_slow.ipynb").read_text()
    assert time.perf_counter() - start < 50  # the sleeping cell was cut off
    assert result.returncode == 1
    assert "90_slow failed at cell 2" in result.stderr and "timed out after 2 s" in result.stderr
    assert "ok: 91_quick" in result.stderr
    report = json.loads((previous_output / "_failed" / "summary.json").read_text())["notebooks"]
    assert report["91_quick"]["status"] == "ok" and report["90_slow"]["status"] == "failed"
    assert {k: v for k, v in tree_snapshot(previous_output).items() if not k.startswith("_failed")} == before


def _kernels_with(token: str) -> list[int]:
    import psutil

    found = []
    for process in psutil.process_iter(["pid", "cmdline"]):
        try:
            if "prequel.kernel" in " ".join(process.info["cmdline"] or []) and (
                process.environ().get("PREQUEL_TEST_TOKEN") == token
            ):
                found.append(process.info["pid"])
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def _cmdline(pid: int) -> list[str]:
    import psutil

    return psutil.Process(pid).cmdline()


# The runner as started from a terminal, where Ctrl-C reaches it. A shell starts a background job (and so
# any `make test` started with `&`) with SIGINT ignored, which its children inherit and Python respects.
AS_FROM_A_TERMINAL = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "sig, status, word", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")]
)
def test_ctrl_c_stops_promptly_and_leaves_the_previous_output(tmp_path, previous_output, sig, status, word):
    """Ctrl-C, and SIGTERM (a service manager, `kill`, a CI timeout) alike: kernels stopped, staging removed."""
    notebook = tiny_notebook(tmp_path / "nb")
    token = uuid.uuid4().hex
    before = tree_snapshot(previous_output)
    run = subprocess.Popen(
        [sys.executable, "-c", AS_FROM_A_TERMINAL, str(RUNNER), str(notebook), "--out", str(previous_output),
         "-p", "seconds=120"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PREQUEL_TEST_TOKEN": token},
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not _kernels_with(token) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # the kernel is executing the sleeping cell
    folders = [os.path.dirname(c[c.index("-f") + 1]) for c in map(_cmdline, _kernels_with(token))]
    sent = time.monotonic()
    run.send_signal(sig)
    code = run.wait(timeout=60)
    elapsed = time.monotonic() - sent
    stderr = run.stderr.read()
    assert code == status and elapsed < 10, (code, elapsed, stderr)
    assert stderr.strip().splitlines()[-1].startswith(f"{word}:") and "Traceback" not in stderr
    assert tree_snapshot(previous_output) == before
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name or ".old-" in p.name]
    time.sleep(1)
    assert _kernels_with(token) == []
    assert folders and not [f for f in folders if os.path.exists(f)]  # its sockets and connection file too


# ---- what a successful run writes ------------------------------------------------------------------


@pytest.mark.slow
def test_success_writes_pages_index_summary_and_marker(rendered_site):
    summary = json.loads((rendered_site / "summary.json").read_text())
    for stem in (n.stem for n in cli.select_notebooks([])):
        entry = summary["notebooks"][stem]
        assert entry["status"] == "ok" and entry["results"]
        for name in (f"{stem}.html", f"{stem}.code.html", f"{stem}.ipynb"):
            assert (rendered_site / name).exists()
    funding = summary["notebooks"]["01_funding_comparison"]
    assert set(funding["results"]) >= {"total_raised_usd", "latest_post_money_usd", "market_cap_usd", "article_audit"}
    assert funding["results"]["market_cap_usd"]["google"] == 4.67e12
    assert outputs.is_runner_output(rendered_site)
    assert not list(rendered_site.parent.glob(".rendered.staging-*"))


def test_the_injected_parameters_cell_has_a_stable_id():
    from prequel.pipeline.execute import sanitize

    def injected(source):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
        cell.id = uuid.uuid4().hex[:8]  # papermill gives it a random id
        nb.cells.append(cell)
        return sanitize(nb).cells[0].id

    assert injected("x = 1") == injected("x = 1") != injected("x = 2")


@pytest.mark.slow
def test_parameters_reach_the_notebook_and_valid_unusual_inputs_run(early_run, rendered_site):
    """A date before any round and a company without rounds: valid inputs, so 01 runs, with the parameters
    given and results that follow them (against the shared run with the defaults)."""
    entry = json.loads((early_run / "summary.json").read_text())["notebooks"]["01_funding_comparison"]
    assert entry["status"] == "ok" and entry["results"]["finding"]
    assert entry["parameters"]["as_of"] == "2019-06-30" and entry["parameters"]["companies"] == ["google"]
    assert entry["results"]["total_raised_usd"] == {} and entry["results"]["latest_post_money_usd"] == {}
    default = results_of(rendered_site, "01_funding_comparison")
    assert {"runway", "openai"} <= set(default["total_raised_usd"])
    assert len(entry["results"]["article_audit"]) < len(default["article_audit"])  # the selected company's only


def test_a_notebook_path_whose_name_would_be_a_url_is_refused(previous_output, tmp_path, capsys):
    """A notebook given by path names its pages: ``javascript:alert(1).py`` made every link of the index and
    its pages ``href="javascript:alert(1).html"``, a script on click."""
    evil = tmp_path / "javascript:alert(1).py"
    evil.write_bytes((REPO / "notebooks" / "01_funding_comparison.py").read_bytes())
    before = tree_snapshot(previous_output.parent)
    code, stderr = run_in_process(str(evil), "--out", str(previous_output), capsys=capsys)
    assert code == 2 and "a notebook's file name has only letters, digits" in stderr, stderr[-2000:]
    assert stderr.count("\n") == 1 and tree_snapshot(previous_output.parent) == before
