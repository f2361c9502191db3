"""Text from outside (values, names, paths, file contents) as it may appear in a message: printable,
escaped and bounded in length, so an error line never echoes a whole file or a terminal escape."""

from __future__ import annotations

import reprlib
from typing import Any

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
