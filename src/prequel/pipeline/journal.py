"""Replace a set of files all or nothing, whatever stops the process and whenever (``make refresh``).

Every new file is first written in full (and synced) into a transaction folder beside the files, with a
hard link to each file it replaces. Then the journal, a list of the files, is written in one rename: the
commit point. After it each file is renamed into place. A process killed before the journal leaves the
files as they were; one killed after it leaves a journal that the next run completes (``recover``); an
error while renaming puts the previous files back. The transaction folder then goes, so no temporary
file is ever left beside the files themselves.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from . import signals

JOURNAL = "journal.json"


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` itself (a directory's inode outlives any file renamed inside it)."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _entries(folder: Path) -> list[tuple[Path, Path, Path]]:
    """(target, new file, old file) of each file the journal names."""
    names = json.loads((folder / JOURNAL).read_text(encoding="utf-8"))
    return [(Path(target), folder / f"{index}.new", folder / f"{index}.old") for index, target in enumerate(names)]


def commit(planned: dict[Path, bytes], folder: Path) -> None:
    """Write every file of ``planned`` (path -> bytes), or none; ``folder`` (the transaction) must be on
    the file system of every path and is gone afterwards."""
    if not planned:
        return
    with _locked(folder.parent):
        _recover(folder)
        folder.mkdir()
        try:
            for index, (target, data) in enumerate(planned.items()):
                _write(folder / f"{index}.new", data)
                if target.exists():  # the previous file, to put back after an error
                    try:
                        os.link(target, folder / f"{index}.old")
                    except OSError:  # a file system without hard links
                        shutil.copyfile(target, folder / f"{index}.old")
            _sync_folder(folder)
            with signals.critical():  # Ctrl-C and SIGTERM wait for the renames; SIGKILL leaves the journal
                _write(folder / f"{JOURNAL}.tmp", json.dumps([str(p) for p in planned]).encode())
                os.rename(folder / f"{JOURNAL}.tmp", folder / JOURNAL)
                try:
                    _forward(folder)
                except OSError:
                    _back(folder)
                    raise
        finally:
            if folder.exists() and not (folder / JOURNAL).exists():
                shutil.rmtree(folder, ignore_errors=True)


def _forward(folder: Path) -> None:
    for target, new, _ in _entries(folder):
        if new.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(new, target)
    (folder / JOURNAL).unlink()
    shutil.rmtree(folder)


def _back(folder: Path) -> None:
    """After an error while renaming: every file as it was. Should this fail too, the journal stays and
    the next run completes the commit instead."""
    for target, new, old in _entries(folder):
        if old.exists():
            os.replace(old, target)
        elif not new.exists():  # a new file that was already renamed into place
            target.unlink(missing_ok=True)
    (folder / JOURNAL).unlink()
    shutil.rmtree(folder)


def _recover(folder: Path) -> None:
    if (folder / JOURNAL).is_file():
        _forward(folder)
    elif folder.exists():
        shutil.rmtree(folder)


def pending(folder: Path) -> bool:
    """Whether a commit in ``folder`` was stopped after its commit point (the next run completes it)."""
    return (folder / JOURNAL).is_file()


def recover(folder: Path) -> str:
    """Complete (after its commit point) or drop (before it) a commit that was stopped: 'completed',
    'dropped', or '' when there was none."""
    if not folder.exists():
        return ""
    with _locked(folder.parent):
        done = "completed" if pending(folder) else "dropped" if folder.exists() else ""
        _recover(folder)
    return done
