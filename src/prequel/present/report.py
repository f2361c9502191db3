"""What notebooks display: escaped Markdown, formatted tables, and published results."""

from __future__ import annotations

import html
import json
import math
import re
from typing import Any

import pandas as pd
from IPython.display import Markdown, display

RESULTS_MIME = "application/vnd.prequel.results+json"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>$-])")


def esc(value: Any) -> str:
    """Text from data, safe to place in Markdown: HTML escaped and Markdown syntax neutralised."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=True))


def money(value: float | None) -> str:
    """US dollars in short form: 860000000 -> '$860M', 4.67e12 -> '$4.67T'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"${value / size:.3g}{suffix}"
    return f"${value:,.0f}"


def ratio(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:.3g}x"


_BARE_DOLLAR = re.compile(r"(?<!\\)\$")


def show_md(text: str) -> None:
    """Display Markdown prose written by the notebook (data values must pass through esc()).

    Bare dollar signs are escaped: two of them in one paragraph would otherwise be read as math."""
    display(Markdown(_BARE_DOLLAR.sub(r"\\$", text)))


def show_table(df: pd.DataFrame, caption: str | None = None, formats: dict | None = None) -> None:
    """Display a table (HTML-escaped by pandas) after an optional caption; formats map column -> function."""
    shown = df.copy()
    if shown.index.name is None and pd.api.types.is_integer_dtype(shown.index):
        shown = shown.reset_index(drop=True)  # row numbers, not leftover labels
    for column, fmt in (formats or {}).items():
        if column in shown:
            shown[column] = shown[column].map(lambda v, f=fmt: _format_cell(v, f))
    if caption:
        show_md(f"*{caption}*")
    with pd.option_context(
        "display.max_rows", 200, "display.max_columns", 40, "display.width", 200, "display.max_colwidth", 80
    ):
        display(shown)


def _format_cell(value: Any, fmt) -> Any:
    if value is None or isinstance(value, str) or (isinstance(value, float) and math.isnan(value)):
        return "" if value is None or isinstance(value, float) else value
    return fmt(value)


def plain(value: Any) -> Any:
    """Plain JSON values: numpy numbers to Python, NaN to None, floats rounded to 6 significant digits."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return float(f"{value:.6g}") if not value.is_integer() else (int(value) if abs(value) < 2**53 else value)
    return value


def publish_results(results: dict) -> dict:
    """Show the notebook's key results; the runner collects them and nbval compares them."""
    clean = plain(results)
    display({RESULTS_MIME: clean, "text/plain": json.dumps(clean, indent=1, sort_keys=True)}, raw=True)
    return clean
