"""Every step of a commit, stopped: an output swap and a refresh's journal, cut short at each of their
file-system operations in turn (as SIGKILL would cut them), leave the previous files or the new ones
once the next run has cleaned up; and file-system errors (a full disk, a name too long, a permission)
are one line naming the path, with the previous output whole. In-process and quick: the random kills
of real processes are in test_crash.py."""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, runner_in_process, runner_output, tiny_notebook, tree_snapshot
from forkserver import seed

from prequel.pipeline import journal, outputs


class Killed(BaseException):
    """The process died here (no ``except Exception`` catches it; only ``finally`` blocks run)."""


OPERATIONS = [(os, "rename"), (os, "replace"), (os, "unlink"), (os, "rmdir"), (os, "link"), (os, "mkdir")]


def kill_at(patch: pytest.MonkeyPatch, step: int) -> list[int]:
    """Raise Killed at the ``step``-th file-system operation (renames, removals, links, folders, files opened
    for writing) from now on; returns the counter."""
    count = [0]

    def counted(function, writes_only: bool = False):
        def wrapper(*args, **kwargs):
            mode = args[1] if len(args) > 1 else kwargs.get("mode", "r")
            if not writes_only or any(c in str(mode) for c in "wax+"):
                count[0] += 1
                if count[0] == step:
                    raise Killed(f"step {step}: {function.__name__}{args[:1]}")
            return function(*args, **kwargs)

        return wrapper

    for module, name in OPERATIONS:
        patch.setattr(module, name, counted(getattr(module, name)))
    patch.setattr(outputs, "exchange", counted(outputs.exchange))
    patch.setattr(io, "open", counted(io.open, writes_only=True))
    patch.setattr("builtins.open", counted(open, writes_only=True))
    return count


def leftovers(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*") if ".staging-" in p.name or ".old-" in p.name or p.name.endswith(".tmp")]


@pytest.mark.parametrize("how", ["exchange", "two renames", "mount point"])
def test_an_output_swap_stopped_at_any_step_leaves_the_previous_output_or_the_new_one(tmp_path, monkeypatch, how):
    """A replace killed at each of its steps in turn: in a folder the output is whole at every instant (one
    exchange; where exchange is missing, two renames, and the next run puts back an output moved aside);
    on a mount point the next run completes the journaled swap. Every staging and old folder goes."""
    if how == "two renames":
        monkeypatch.setattr(outputs, "exchange", lambda a, b: False)
    old = {".prequel-output": b"runner\n", "index.html": b"old", "a.html": b"old a", "_failed/summary.json": b"{}"}
    new = {".prequel-output": outputs.MARKER_TEXT.encode(), "index.html": b"new", "b.html": b"new b"}
    step = 0
    while True:
        step += 1
        out = runner_output(tmp_path / str(step) / "out")
        (out / "summary.json").unlink()
        (out / ".prequel-output").write_bytes(old[".prequel-output"])
        for name, data in old.items():
            (out / name).parent.mkdir(exist_ok=True)
            (out / name).write_bytes(data)
        if how == "mount point":
            monkeypatch.setattr(outputs.os.path, "ismount", lambda p, out=out: Path(p) == out)
        staging = outputs.new_staging(out)
        for name, data in new.items():
            (staging / name).write_bytes(data)
        with monkeypatch.context() as patch:
            counter = kill_at(patch, step)
            try:
                with outputs.locked(out):
                    outputs.replace(staging, out)
            except Killed:
                pass
        if how == "exchange":  # whole at every instant, even before the next run
            assert tree_snapshot(out) in (old, new)
        with monkeypatch.context() as patch:
            patch.setattr(outputs, "_alive", lambda pid: False)  # the run that was killed is gone
            with outputs.locked(out):
                outputs.recover(out)
        after = {k: v for k, v in tree_snapshot(out).items() if not k.endswith(".lock")}  # (inside a mount point)
        after.pop(".prequel-output")
        assert after in (
            {k: v for k, v in old.items() if k != ".prequel-output"},
            {"index.html": b"new", "b.html": b"new b"},
        )
        assert outputs.is_runner_output(out) and not leftovers(out.parent), (step, leftovers(out.parent))
        if counter[0] < step:  # the replace ended before this step: every step was cut once
            break
    assert step > 4


def test_a_refresh_commit_stopped_at_any_step_leaves_every_file_old_or_every_one_new(tmp_path, monkeypatch):
    """The journal's commit killed at each of its steps in turn: once the next run has recovered, every file
    is old or every one is new (a file that did not exist yet is absent or new), and nothing is left."""
    step = 0
    while True:
        step += 1
        root = tmp_path / str(step)
        (root / "notebooks").mkdir(parents=True)
        (root / "docs").mkdir()
        old = {"README.md": b"old readme", "notebooks/01_a.ipynb": b"old a", "notebooks/02_b.ipynb": b"old b"}
        for name, data in old.items():
            (root / name).write_bytes(data)
        new = {"README.md": b"new readme", "notebooks/01_a.ipynb": b"new a", "docs/img/c.png": b"new c"}
        planned = {root / name: data for name, data in new.items()}
        with monkeypatch.context() as patch:
            counter = kill_at(patch, step)
            try:
                journal.commit(planned, root / ".prequel-refresh")
            except Killed:
                pass
        journal.recover(root / ".prequel-refresh")
        after = tree_snapshot(root)
        assert after in (old, {**old, **new}), (step, after)
        assert not (root / ".prequel-refresh").exists()
        if counter[0] < step:
            break
    assert step > 8


def test_a_refresh_that_fails_after_its_commit_point_and_cannot_roll_back_is_completed_by_the_next_run(
    tmp_path, monkeypatch
):
    root = tmp_path
    (root / "README.md").write_bytes(b"old")
    (root / "b.md").write_bytes(b"old b")
    real, calls = os.replace, []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) >= 2:  # the second file, and every attempt to put the first back
            raise OSError(errno.EIO, "Input/output error", str(dst))
        return real(src, dst)

    monkeypatch.setattr(journal.os, "replace", failing)
    with pytest.raises(OSError, match="Input/output"):
        journal.commit({root / "README.md": b"new", root / "b.md": b"new b"}, root / ".prequel-refresh")
    monkeypatch.setattr(journal.os, "replace", real)
    assert journal.pending(root / ".prequel-refresh")
    assert journal.recover(root / ".prequel-refresh") == "completed"
    assert (root / "README.md").read_bytes() == b"new" and (root / "b.md").read_bytes() == b"new b"


# ---- file-system errors: one line naming the path, the previous output whole ----------------------------


@pytest.fixture()
def cached_tiny(tmp_path):
    """A tiny notebook whose run with label=x is in an execution cache (so a run starts no kernel), and a
    previous output of the runner."""
    notebook = tiny_notebook(tmp_path / "nb")
    cache = tmp_path / "cache"
    seed(notebook, ["x"], cache)
    return notebook, cache, runner_output(tmp_path / "site")


def run_cached(notebook: Path, cache: Path, out: Path, capsys) -> tuple[int, str]:
    result = runner_in_process(str(notebook), "--out", str(out), "-p", "label=x", capsys=capsys, cache=cache)
    return result.returncode, result.stderr


@pytest.mark.parametrize(
    "where, error, advice",
    [
        ("a page", OSError(errno.ENOSPC, "No space left on device"), "free some space"),
        ("the summary", OSError(errno.EDQUOT, "Disk quota exceeded"), "within your quota"),
        ("the swap", PermissionError(errno.EACCES, "Permission denied"), "check its permissions"),
        ("the swap", OSError(errno.EROFS, "Read-only file system"), "choose another folder"),
    ],
)
def test_a_file_system_error_while_writing_the_output_is_one_line_and_loses_nothing(
    cached_tiny, monkeypatch, capsys, where, error, advice
):
    notebook, cache, out = cached_tiny
    before = tree_snapshot(out)
    real_open = io.open

    def failing_open(path, mode="r", *args, **kwargs):
        target = {"a page": ".html", "the summary": "summary.json"}.get(where)
        if target and "w" in mode and ".staging-" in str(path) and str(path).endswith(target):
            raise type(error)(error.errno, error.strerror, str(path))
        return real_open(path, mode, *args, **kwargs)

    def failing_exchange(a, b):
        raise type(error)(error.errno, error.strerror, str(b))

    monkeypatch.setattr(io, "open", failing_open)
    monkeypatch.setattr("builtins.open", failing_open)
    if where == "the swap":
        monkeypatch.setattr(outputs, "exchange", failing_exchange)
    code, stderr = run_cached(notebook, cache, out, capsys)
    line = stderr.strip().splitlines()[-1]
    assert code == 1 and "Traceback" not in stderr, stderr
    assert line.startswith(f"error: {out}") and error.strerror in line and advice in line, line
    assert line.endswith("the previous output is untouched")
    assert tree_snapshot(out) == before and not leftovers(out.parent)


def test_names_too_long_are_one_line_and_long_names_work(cached_tiny, capsys):
    notebook, cache, out = cached_tiny
    code, stderr = run_cached(notebook, cache, out.parent / ("x" * 300), capsys)
    assert code == 2 and stderr.count("\n") == 1 and "File name too long; choose a shorter name" in stderr, stderr
    long = out.parent / ("y" * 250)  # a name the file system takes: its staging and lock names are shortened
    assert run_cached(notebook, cache, long, capsys)[0] == 0 and outputs.is_runner_output(long)
    assert not leftovers(out.parent)


def test_an_old_output_that_cannot_be_removed_is_a_warning_after_success(cached_tiny, monkeypatch, capsys):
    notebook, cache, out = cached_tiny
    real = shutil.rmtree

    def refusing(path, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    (out / "sub").mkdir()
    monkeypatch.setattr(shutil, "rmtree", refusing)
    code, stderr = run_cached(notebook, cache, out, capsys)
    assert code == 0 and "warning: could not remove" in stderr and "by hand" in stderr, stderr
    assert not (out / "sub").exists() and "done: x" in (out / "90_tiny.ipynb").read_text()
    monkeypatch.setattr(shutil, "rmtree", real)
    monkeypatch.setattr(outputs, "_alive", lambda pid: False)  # the next run is another process
    assert run_cached(notebook, cache, out, capsys)[0] == 0 and not leftovers(out.parent)  # it cleans up


def test_an_output_holding_a_mount_point_is_refused(tmp_path, monkeypatch):
    """Swapping or removing it would move, or empty, a file system mounted inside the output."""
    out = runner_output(tmp_path / "site")
    (out / "usb").mkdir()
    (out / "usb" / "photos.jpg").write_text("not the runner's")
    monkeypatch.setattr(outputs.os.path, "ismount", lambda p: Path(p) == out / "usb")
    with pytest.raises(outputs.OutputError, match="holds a mount point, usb; unmount it"):
        outputs.check_target(out)


def test_a_full_disk_while_a_notebook_runs_is_the_runs_error_not_the_notebooks(tmp_path, monkeypatch, capsys):
    """papermill writes the executed notebook as it runs: cut short by a full disk, it is neither read nor
    reported as the notebook's failure (no _failed/): one line, the previous output whole."""
    from prequel.pipeline import execute

    def cut_short(nb, output_path, **kwargs):
        Path(output_path).write_text('{"cells": [')
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(execute.papermill, "execute_notebook", cut_short)
    out = runner_output(tmp_path / "site")
    before = tree_snapshot(out)
    result = runner_in_process(str(tiny_notebook(tmp_path / "nb")), "--out", str(out), capsys=capsys)
    line = result.stderr.strip().splitlines()[-1]
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert line.startswith(f"error: {out}: No space left on device; free some space"), line
    assert tree_snapshot(out) == before and not leftovers(tmp_path)


def test_a_signal_held_through_a_commit_is_reported_as_after_it():
    """SIGTERM during a commit is held until the commit is done: the run then says the new output is in place."""
    import signal

    from prequel.pipeline import signals

    with signals.handled():
        with pytest.raises(KeyboardInterrupt), signals.critical():
            os.kill(os.getpid(), signal.SIGTERM)
        assert signals.after_commit() and signals.exit_status() == 143
    with signals.handled():  # a new run: a signal outside any commit stops it before anything is put in place
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGTERM)
        assert not signals.after_commit()


def test_what_a_killed_run_leaves_beside_its_output_is_ignored_by_git():
    """A run killed mid-swap leaves ``.custom.staging-PID-XXXX/`` (the new pages, megabytes) or
    ``.rendered.old-PID-XXXX/`` in the repository's root until the next run: ``git add -A`` committed them."""
    names = [
        outputs._derived(n, f"{kind}-4242-") + "k3x9" for n in ("rendered", "custom") for kind in ("staging", "old")
    ]
    paths = [f"{name}/index.html" for name in names]
    found = subprocess.run(["git", "check-ignore", *paths], cwd=REPO, capture_output=True, text=True, check=False)
    if found.returncode == 128:
        pytest.skip(f"not a git checkout: {found.stderr.strip()}")
    assert found.stdout.split() == paths
