"""Output folders the runner may replace, and how it replaces them without losing the last good output.

The runner replaces a folder only when it is absent, empty, or a previous output of the runner:
one that holds the marker file the runner writes (``MARKER``). Anything else (a folder of the
user's files, the repository, a symlink) is refused before any kernel starts.

A new output is built in full in a staging folder on the file system of the output, then put in place
under a lock, so the previous output is never touched before the new one is complete:

- a folder that can be renamed: staging is built beside the outermost runner output that contains it
  (``staging_base``: so no other run's replace can remove it) and swapped with the output in one atomic exchange
  (``renameat2``; where that is missing, two renames, and a run killed between them has its previous
  output put back by the next run);
- a folder that cannot be renamed (a mount point): staging is built inside it, then swapped entry by
  entry under a journal: once the journal is written the swap only goes forward, and a run killed
  half-way has it completed by the next run (``recover``); before that, the previous output is whole.

A full disk while building stops the run with the previous output as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import functools
import hashlib
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import signals

MARKER = ".prequel-output"
MARKER_TEXT = "This folder was written by prequel's runner (scripts/run_notebooks.py), which may replace it.\n"
JOURNAL = ".prequel-commit"  # in a staging folder inside a mount point: the entries to swap in


class OutputError(Exception):
    """An output folder the runner must not or cannot write: exit status 2, nothing touched."""


def is_runner_output(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def check_target(out: Path) -> Path:
    """The absolute output path, or OutputError with a one-line reason when the runner may not replace it."""
    out = Path(os.path.abspath(out))
    try:
        return _check_target(out)
    except OSError as err:  # a name too long, a folder that cannot be searched, ...
        raise OutputError(f"--out {out}: {err.strerror or err}; {advice(err)}") from None


def _check_target(out: Path) -> Path:
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
        theirs = [e for e in entries if not (e.is_dir() and not e.is_symlink() and is_runner_output(e))]
        if theirs and not is_runner_output(out):  # outputs of the runner nested in it are the runner's own
            raise OutputError(
                f"--out {out}: holds files the runner did not write ({len(theirs)} entries, no "
                f"{MARKER} marker); choose a new or empty folder"
            )
        mounted = next((e for e in entries if e.is_dir() and os.path.ismount(e)), None)
        if mounted is not None:  # replacing the folder would remove, or fail to move, what is mounted there
            raise OutputError(f"--out {out}: holds a mount point, {mounted.name}; unmount it or choose another folder")
    parent = out.parent
    while not parent.exists():
        parent = parent.parent
    # a folder that is not renamed needs only itself writable; one that is, its parent too
    needs = [out] if out.exists() and not renamable(out) else [parent] + ([out] if out.exists() else [])
    for folder in needs:
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(f"--out {out}: cannot be written (permission denied at {folder})")
    return out


def advice(err: OSError) -> str:
    """What to do about a file-system error, in a few words."""
    return {
        errno.ENOSPC: "free some space, or choose a folder on another disk",
        errno.EDQUOT: "free some space within your quota, or choose a folder on another disk",
        errno.ENAMETOOLONG: "choose a shorter name",
        errno.EACCES: "check its permissions, or choose another folder",
        errno.EPERM: "check its permissions, or choose another folder",
        errno.EROFS: "the file system is read-only: choose another folder",
    }.get(err.errno or 0, "check the path and run again")


def named(err: OSError, staging: Path, out: Path) -> OSError:
    """``err`` naming the path of the output it concerns (a file written in staging, by its place in ``out``)."""
    path = Path(err.filename) if err.filename else out
    if path.is_relative_to(staging):
        path = out / path.relative_to(staging)
    return type(err)(err.errno, err.strerror, str(path))


def _runner_leftover(entry: Path) -> bool:
    """A lock file, or a staging or old folder the runner itself left (of a nested output)."""
    name = entry.name
    if name.startswith(".") and name.endswith(".lock") and entry.is_file() and entry.stat().st_size == 0:
        return True
    return name.startswith(".") and (".staging-" in name or ".old-" in name) and (entry / MARKER).is_file()


def _derived(name: str, suffix: str) -> str:
    """``.NAME.SUFFIX``, NAME shortened (with a hash) so that it stays within any file system's name limit."""
    if len(name) > 100:
        name = name[:80] + "-" + hashlib.sha256(name.encode(errors="surrogateescape")).hexdigest()[:12]
    return f".{name}.{suffix}"


def staging_base(out: Path) -> Path:
    """Where the staging of ``out`` is built, on its file system: inside ``out`` when it cannot be renamed,
    else beside the outermost runner output that contains it and can be renamed with it (so that no other
    run's replace can remove the staging)."""
    if not renamable(out):
        return out
    top = out
    for ancestor in out.parents:
        if is_runner_output(ancestor):
            if not renamable(ancestor):
                break
            top = ancestor
    return top.parent


def renamable(out: Path) -> bool:
    """Whether ``out`` can be swapped with a folder beside it: not a mount point, on its parent's file system."""
    if not out.exists():
        return True
    return not os.path.ismount(out) and out.stat().st_dev == out.parent.stat().st_dev


def _lock_path(folder: Path) -> Path:
    """Beside the folder; inside it when it cannot be renamed (a mount point's parent may not be writable)."""
    return (folder if not renamable(folder) else folder.parent) / _derived(folder.name, "lock")


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


def _owner_gone(leftover: Path) -> bool:
    """Whether the run that made a staging or old folder (its pid is in the name) is gone."""
    parts = leftover.name.rsplit("-", 2)
    return len(parts) == 3 and parts[1].isdigit() and not _alive(int(parts[1]))


def _leftovers(folder: Path, kind: str) -> list[Path]:
    """Staging (``kind`` '.staging-') or old ('.old-') folders the runner made in ``folder``: marked, or
    still empty (a run killed before it marked its staging)."""
    found = sorted(folder.glob(f".*{kind}*")) if folder.is_dir() else []
    return [p for p in found if p.is_dir() and not p.is_symlink() and ((p / MARKER).is_file() or not any(p.iterdir()))]


def recover(out: Path) -> None:
    """Clean up after runs that were killed (call under ``locked(out)``): put back a previous output moved
    aside, finish a swap whose journal was written, remove the staging and old folders of runs that are gone."""
    base = staging_base(out) if renamable(out) else out.parent
    for leftover in _leftovers(base, ".old-"):
        if leftover.name.startswith(_derived(out.name, "old-")):
            if not out.exists():  # killed between its two renames (we hold the lock): the previous output goes back
                os.rename(leftover, out)
            elif _owner_gone(leftover):
                remove(leftover)
    for leftover in _leftovers(base, ".staging-"):
        if _owner_gone(leftover):
            remove(leftover)
    for leftover in _leftovers(out, ".staging-"):
        if (leftover / JOURNAL).is_file():  # its run held this lock while swapping: it is gone
            _swap_entries(leftover, out)
        elif _owner_gone(leftover):
            remove(leftover)
    for leftover in _leftovers(out, ".old-"):
        if _owner_gone(leftover):
            remove(leftover)


def staging_inside(folder: Path, name: str) -> Path:
    """A new, marked staging folder inside ``folder`` for an entry ``name`` (removed by ``recover`` if its run dies)."""
    staging = Path(tempfile.mkdtemp(prefix=_derived(name, f"staging-{os.getpid()}-"), dir=folder))
    mark(staging)
    return staging


def new_staging(out: Path) -> Path:
    """An empty staging folder on the file system of ``out``: beside the outermost runner output
    containing it, or inside ``out`` when ``out`` cannot be renamed."""
    base = staging_base(out)
    base.mkdir(parents=True, exist_ok=True)
    return staging_inside(base, out.name)


def write_json(path: Path, value: Any) -> None:
    """A JSON file of the output, as the runner writes each one (indented, keys sorted)."""
    path.write_text(json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def mark(folder: Path) -> None:
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _mode_for(out: Path) -> int:
    if out.exists():
        return stat.S_IMODE(out.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


@functools.cache
def _renameat2():  # type: ignore[no-untyped-def]
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library without it
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


AT_FDCWD, RENAME_EXCHANGE = -100, 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step; False where the system or file system cannot."""
    function = _renameat2()
    if function is None:
        return False
    if function(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL):
        return False
    raise OSError(code, os.strerror(code), str(b))


def put_in_place(new: Path, target: Path) -> Path | None:
    """Rename ``new`` to ``target``, atomically when ``target`` exists (then the old ``target`` is at
    ``new``'s path, which is returned, for the caller to remove)."""
    if not target.exists():
        os.rename(new, target)
        return None
    if exchange(new, target):
        return new
    old = new.parent / _derived(target.name, f"old-{os.getpid()}-{new.name.rsplit('-', 1)[-1]}")
    os.rename(target, old)  # a run killed before the next rename has ``old`` put back by ``recover``
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)
        raise
    return old


def replace(staging: Path, out: Path) -> None:
    """Put ``staging`` (complete) in place of ``out`` (call under ``locked(out)``); the folder keeps its
    permissions. ``out`` is checked again: it must still be absent, empty or a runner output."""
    check_target(out)
    os.chmod(staging, _mode_for(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    with signals.critical():
        if staging.parent == out:
            _commit_inside(staging, out)
            return
        try:
            old = put_in_place(staging, out)
        except OSError as err:
            if err.errno not in (errno.EBUSY, errno.EXDEV):
                raise
            old = None  # a mount point that was not seen as one: build inside it, then swap entry by entry
            _commit_inside(copy_inside(staging, out), out)
            remove(staging)
        if old is not None:
            remove(old)


def copy_inside(staging: Path, out: Path) -> Path:
    """A copy of ``staging`` inside ``out`` (on its file system); a failure (a full disk) removes the copy."""
    inside = staging_inside(out, out.name)
    try:
        shutil.copytree(staging, inside, dirs_exist_ok=True)
    except BaseException:
        remove(inside)
        raise
    return inside


def _commit_inside(staging: Path, out: Path) -> None:
    """Write the journal (the list of new entries) into ``staging``, which lies inside ``out``, then swap."""
    if not is_runner_output(out):  # an empty folder (checked): it keeps its marker through the swap
        mark(out)
    names = sorted(e.name for e in staging.iterdir() if e.name not in (MARKER, JOURNAL))
    temporary = staging / f"{JOURNAL}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(names, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.rename(temporary, staging / JOURNAL)  # from here on the swap only goes forward
    _swap_entries(staging, out)


def _swap_entries(staging: Path, out: Path) -> None:
    """Move the previous entries of ``out`` aside, then the new ones in; run again after a kill, it
    continues where it stopped (while every new entry is still in staging, ``out`` holds only old ones)."""
    names = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
    old = staging.parent / staging.name.replace(".staging-", ".old-", 1)
    old.mkdir(exist_ok=True)
    mark(old)
    if all((staging / name).exists() or (staging / name).is_symlink() for name in names):
        for entry in out.iterdir():
            if entry.name != MARKER and not _runner_leftover(entry) and entry not in (staging, old):
                os.rename(entry, old / entry.name)
    for name in names:
        if (staging / name).exists() or (staging / name).is_symlink():
            os.rename(staging / name, out / name)
    (staging / JOURNAL).unlink()
    remove(staging)
    remove(old)


def remove(folder: Path) -> None:
    """Remove a folder of the runner's (staging, a previous output), its marker last, so that a run killed
    half-way leaves a folder the next run still knows as the runner's; a failure is a warning (the run's
    result stands)."""
    try:
        for entry in folder.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            elif entry.name != MARKER:
                entry.unlink()
        (folder / MARKER).unlink(missing_ok=True)
        folder.rmdir()
    except FileNotFoundError:
        pass
    except OSError as err:
        print(
            f"warning: could not remove {err.filename or folder} ({err.strerror}); remove {folder} by hand",
            file=sys.stderr,
        )
