"""Every CSV the collection writes (a page's "Download CSV", grid.csv; the explorer's download applies the same
rule in its script from ``FORMULA_STARTS``): a text cell that a spreadsheet would read as a formula is written
with a leading ``'`` (OWASP, CSV injection). Text cells only: a number, negative or not, stays a number."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

#: The first characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"


def guarded(value: Any) -> Any:
    """A CSV cell: a text starting with one of ``FORMULA_STARTS`` behind a ``'``; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return FORMULA_GUARD + value
    return value


def _quoting(cells: Iterable[Any]) -> int:
    """Quote text only where needed; every text when one holds a carriage return, which the csv module leaves
    unquoted with '\\n' line ends (a reader would take it for the end of a row)."""
    return csv.QUOTE_NONNUMERIC if any(isinstance(c, str) and "\r" in c for c in cells) else csv.QUOTE_MINIMAL


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    """Rows (the first one the header) as CSV text with '\\n' line ends, every text cell ``guarded``; numbers
    are written as Python writes them (a float at full precision, its repr)."""
    safe = [[guarded(value) for value in row] for row in rows]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=_quoting(c for row in safe for c in row)).writerows(safe)
    return buffer.getvalue()


def frame_csv(df: pd.DataFrame) -> str:
    """A table as CSV text without its index, '\\n' line ends, its header and every text cell ``guarded``."""
    safe = df.map(guarded).rename(columns=guarded)
    quoting = _quoting([*safe.columns, *safe.to_numpy().ravel()])
    return safe.to_csv(index=False, lineterminator="\n", quoting=quoting)
