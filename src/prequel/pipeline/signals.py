"""Termination signals: SIGTERM and SIGHUP stop a run as Ctrl-C does, and no signal interrupts a commit.

``handled()`` makes SIGINT (unless ignored, as in a shell's background job), SIGTERM and SIGHUP (unless
ignored, as under ``nohup``) raise ``KeyboardInterrupt`` in the main thread, so every path that cleans up
after Ctrl-C (kernels stopped, staging removed) serves them too; ``exit_status()`` is then 128 + the
signal's number (130, 143, 129). Inside ``critical()`` (a commit: a few renames) a signal is held and
raised when the commit is done, so a run is stopped before or after it, never half-way. Only SIGKILL
can stop a commit half-way; the journal of each commit (``outputs``, ``refresh``) covers that.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

_state = {"depth": 0, "pending": 0, "received": 0, "committed": 0}


def _handler(signum: int, frame: FrameType | None) -> None:
    _state["received"] = signum
    if _state["depth"]:
        _state["pending"] = signum
        return
    raise KeyboardInterrupt


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Turn the termination signals into KeyboardInterrupt for the duration (main thread only; the
    previous handlers come back afterwards)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for sig in SIGNALS:
        current = signal.getsignal(sig)
        if current is signal.SIG_IGN or (sig != signal.SIGINT and current is not signal.SIG_DFL):
            continue  # ignored on purpose (nohup, a background job), or someone else's handler
        previous[sig] = signal.signal(sig, _handler)
    _state["received"] = _state["committed"] = 0
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def exit_status() -> int:
    """128 + the number of the signal that stopped the run (130 for Ctrl-C, 143 for SIGTERM)."""
    return 128 + (_state["received"] or signal.SIGINT)


def name() -> str:
    return {signal.SIGTERM: "terminated", signal.SIGHUP: "hung up"}.get(_state["received"], "interrupted")


@contextlib.contextmanager
def critical() -> Iterator[None]:
    """Hold termination signals while the block runs; a held one is raised right after it."""
    _state["depth"] += 1
    done = False
    try:
        yield
        done = True
    finally:
        _state["depth"] -= 1
        pending, _state["pending"] = _state["pending"], 0
        if pending and not _state["depth"]:
            _state["committed"] = int(done)  # the signal came during a commit that completed
            raise KeyboardInterrupt


def after_commit() -> bool:
    """Whether the signal that stopped the run was held until a commit had put the new output in place."""
    return bool(_state["committed"])
