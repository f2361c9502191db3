"""Output folders the runner may replace, and how it replaces them without harming anything else.

The runner replaces a folder only when it is absent, empty, or a previous output of the runner:
one that holds the marker file the runner writes (``MARKER``). Anything else (a folder of the
user's files, the repository, a symlink) is refused before any kernel starts. A new output is
built in a staging folder beside the outermost runner output that contains it (so no other run's
replace can remove it), then renamed into place under a lock; a folder that cannot be renamed
(a mount point) has its contents replaced under the same lock.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

MARKER = ".prequel-output"
MARKER_TEXT = "This folder was written by prequel's runner (scripts/run_notebooks.py), which may replace it.\n"


class OutputError(Exception):
    """An output folder the runner must not or cannot write: exit status 2, nothing touched."""


def is_runner_output(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def check_target(out: Path) -> Path:
    """The absolute output path, or OutputError with a one-line reason when the runner may not replace it."""
    out = Path(os.path.abspath(out))
    if out.is_symlink():
        raise OutputError(f"--out {out}: is a symbolic link; give the folder itself")
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out}: is a file, not a folder")
    if out == Path(out.anchor):
        raise OutputError(f"--out {out}: is the root of the file system")
    if out.is_dir():
        try:
            entries = list(out.iterdir())
        except PermissionError:
            raise OutputError(f"--out {out}: cannot be read (permission denied)") from None
        entries = [e for e in entries if not _runner_leftover(e)]
        if entries and not is_runner_output(out):
            raise OutputError(
                f"--out {out}: holds files the runner did not write ({len(entries)} entries, no "
                f"{MARKER} marker); choose a new or empty folder"
            )
    parent = out.parent
    while not parent.exists():
        parent = parent.parent
    if not os.access(parent, os.W_OK | os.X_OK) or (out.exists() and not os.access(out, os.W_OK | os.X_OK)):
        raise OutputError(
            f"--out {out}: cannot be written (permission denied at {parent if not out.exists() else out})"
        )
    return out


def _runner_leftover(entry: Path) -> bool:
    """A lock file or a staging folder the runner itself left (of a nested output)."""
    name = entry.name
    if name.startswith(".") and name.endswith(".lock") and entry.is_file() and entry.stat().st_size == 0:
        return True
    return ".staging-" in name and name.startswith(".") and (entry / MARKER).is_file()


def outermost_output(out: Path) -> Path:
    """The outermost folder at or above ``out`` that is a runner output (``out`` itself when none is)."""
    top = out
    for ancestor in out.parents:
        if is_runner_output(ancestor):
            top = ancestor
    return top


def _lock_path(folder: Path) -> Path:
    return folder.parent / f".{folder.name}.lock"


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the locks of ``out`` and of every runner output above it (outermost first, so two runs
    never wait for each other in opposite orders)."""
    chain = [a for a in reversed(out.parents) if is_runner_output(a)] + [out]
    with contextlib.ExitStack() as stack:
        for folder in chain:
            folder.parent.mkdir(parents=True, exist_ok=True)
            handle = stack.enter_context(open(_lock_path(folder), "w"))
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_staging(out: Path) -> None:
    """Staging and old folders left by a run that was killed (its process is gone)."""
    base = outermost_output(out).parent
    for leftover in base.glob(".*.staging-*") if base.is_dir() else []:
        pid = leftover.name.rsplit("-", 2)[-2] if leftover.name.count("-") >= 2 else ""
        if pid.isdigit() and not _alive(int(pid)) and (leftover / MARKER).exists():
            shutil.rmtree(leftover, ignore_errors=True)


def new_staging(out: Path) -> Path:
    """An empty staging folder beside the outermost runner output containing ``out``."""
    base = outermost_output(out).parent
    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-{os.getpid()}-", dir=base))
    mark(staging)
    return staging


def mark(folder: Path) -> None:
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _mode_for(out: Path) -> int:
    if out.exists():
        return stat.S_IMODE(out.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def replace(staging: Path, out: Path) -> None:
    """Put ``staging`` in place of ``out`` (call under ``locked(out)``). The folder keeps its permissions.
    ``out`` is checked again: it must still be absent, empty or a runner output."""
    check_target(out)
    os.chmod(staging, _mode_for(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists() and os.path.ismount(out):
        _replace_contents(staging, out)
        return
    old = staging.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        try:
            os.rename(out, old)
        except OSError as err:
            if err.errno in (errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES):
                _replace_contents(staging, out)
                return
            raise
    try:
        os.rename(staging, out)
    except OSError:
        if old.exists():
            os.rename(old, out)  # put the previous output back
        raise
    if old.exists():
        shutil.rmtree(old)


def _replace_contents(staging: Path, out: Path) -> None:
    """For a folder that cannot be renamed: remove its entries (a runner output's) and move the new ones in."""
    for entry in out.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for entry in staging.iterdir():
        shutil.move(str(entry), str(out / entry.name))
    staging.rmdir()
