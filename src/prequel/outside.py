"""What comes from outside (values, names, paths, files given to the tool): read bounded, shown bounded.

A file is read only when it is a regular file (a FIFO would wait, a device never ends), not through a link
out of the folder it was found in, and up to a size; text is shown in a message printable, escaped and
bounded in length, so an error line never echoes a whole file or a terminal escape.
"""

from __future__ import annotations

import os
import reprlib
import stat
from pathlib import Path
from typing import Any


class Unreadable(ValueError):
    """A file the tool will not read; the message says why, without the path (the caller names it)."""


def read_regular(path: Path, limit: int, inside: bool = True) -> bytes:
    """The bytes of a regular file, at most ``limit``. With ``inside``, a link that leads out of the file's
    folder is refused (a file found in a folder, rather than named by the user)."""
    try:
        if path.is_dir():
            raise Unreadable("is a folder, expected a file")
        if inside and path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
            raise Unreadable(f"is a link out of its folder (to {plain(path.resolve())}): copy the file in")
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opens at once, and is refused below
    except FileNotFoundError:
        raise Unreadable("file not found") from None
    except OSError as err:  # a name too long, a loop of links, no permission
        raise Unreadable(f"cannot be read: {err.strerror}") from None
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise Unreadable("is not a regular file (a FIFO, a device or a socket)")
        try:
            raw = file.read(limit + 1)
        except OSError as err:
            raise Unreadable(f"cannot be read: {err.strerror}") from None
    if len(raw) > limit:
        raise Unreadable(f"is larger than {limit:,} bytes")
    return raw


#: Characters of an outside value shown in a message; the rest is elided with its length.
LIMIT = 80
#: Characters of a whole message line (the command line prints every error through ``printable_lines``).
LINE_LIMIT = 2000

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring, _REPR.maxother = 3, 6, 6, LIMIT, LIMIT


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def _bounded(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…"


def shown(value: Any, limit: int = LIMIT) -> str:
    """``repr(value)`` for a message: nesting, lists and strings cut short, non-printables escaped."""
    if isinstance(value, str):  # repr escapes what is not printable
        return repr(value) if len(value) <= limit else f"{value[:limit]!r}… ({len(value):,} characters)"
    return _bounded(_printable(_REPR.repr(value)), limit)


def plain(text: Any, limit: int = 3 * LIMIT) -> str:
    """A name or path from outside, unquoted (``str``), printable and bounded."""
    return _bounded(_printable(str(text)), limit)


def printable_lines(message: str, limit: int = LINE_LIMIT) -> str:
    """A message as lines of printable text, each bounded (the last safety net before the terminal)."""
    return "\n".join(_bounded(_printable(line), limit) for line in str(message).split("\n"))
