"""What notebooks display: escaped Markdown, tables for readers, and published results.

Dollar signs. JupyterLab (and GitHub) take two ``$`` in one paragraph for TeX math, even written ``\\$``
(jupyterlab#8645). A currency dollar is therefore written ``<span class="mathjax_ignore">&#36;</span>``:
no ``$`` reaches the Markdown source (so no renderer's math detection starts), the entity becomes a
``$`` in the page, and MathJax skips elements of class ``mathjax_ignore``. ``dollars()`` does it."""

from __future__ import annotations

import html
import math
import re
import urllib.parse
from collections.abc import Collection
from datetime import date, datetime
from typing import Any

import pandas as pd
from IPython.display import Markdown, display

from .. import results as results_format
from ..csv_cells import frame_csv
from ..results import Analysis, Result, format_value
from ..results import leaves as _leaves
from ..sourcing import ARTICLE, ARTICLE_SOURCE, domain, is_web
from .labels import (
    COLUMN_RESULTS,
    PHONE_COLUMNS,
    SNAKE,
    column_result,
    kind,
    label,
    listed,
    mid_sentence,
    prose,
    register_words,
    span,
    words,
)

RESULTS_MIME = "application/vnd.prequel.results+json"
TABLE_META = "prequel"  # output metadata key: what a table holds (read by the site builder; nbval ignores it)
DOLLAR = '<span class="mathjax_ignore">&#36;</span>'
MISSING = "—"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
FOLD_AFTER = 12  # longer tables show PREVIEW_ROWS rows and fold the rest
PREVIEW_ROWS = 8
#: A CSV download's numbers are rounded: the same text on every CPU and Python (the last bits of a float differ
#: between them), no 17-digit floats and no scientific notation for dollar amounts. An undeclared float column
#: keeps DOWNLOAD_DIGITS significant digits; a declared one two more than the page shows (12% is 0.1234), so a
#: reader recomputing a ratio or a difference from the CSV gets the page's figure, not one moved by rounding twice.
DOWNLOAD_DIGITS = 8
DOWNLOAD_EXTRA_DIGITS = 2
DOWNLOAD_DECLARED_KINDS = frozenset({"money", "share", "probability", "multiple", "number", "points"})


def _markdown_text(text: str) -> str:
    """Escape one piece of plain text for Markdown: HTML specials, Markdown syntax, and dollars."""
    out = []
    for ch in text:
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch == "$":
            out.append(DOLLAR)
        elif _MD_SPECIAL.match(ch):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def esc(value: Any) -> str:
    """Text from data, safe to place in Markdown: shown as the same text, never as markup or math."""
    return _markdown_text(str(value))


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return isinstance(value, float) and math.isnan(value)
    except TypeError:
        return False


def money(value: float | None) -> str:
    """US dollars in short form (the one formatter, 3 significant digits): 860000000 -> '$860M'; missing -> '—'."""
    return MISSING if _missing(value) else results_format.money(float(value), 3)


def ratio(value: float | None) -> str:
    """A ratio (the one formatter, 3 significant digits): 14.8x, 1,350x, 0.43x; below 0.1 as a fraction,
    0.00074 -> '1/1,350x' (it reads on the same footing as the large ratios beside it); missing -> '—'."""
    return MISSING if _missing(value) else results_format.multiple(float(value), 3, trim=True)


_RANGE = re.compile(r"^\s*(-?\d*\.?\d+)\s*(to|-|–)\s*(-?\d*\.?\d+)\s*$")


def pct(value: float | None) -> str:
    """A probability or share (the one formatter, the declarations' rule for shares): 0.2331 -> '23%', 0.055 ->
    '5.5%', 0.001 -> 'under 1%' (never '0.1%')."""
    return MISSING if _missing(value) else results_format.percent(float(value), 2, share=True)


def number(value: Any) -> str:
    if _missing(value):
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or (hasattr(value, "is_integer") and float(value).is_integer() and abs(value) < 1e15):
        return f"{int(value):,}"
    return results_format.significant(float(value), 3)


def range_text(column: object, low: float, high: float) -> str:
    """Two values of a column or parameter id in its format (``labels.kind``), the unit once: '$10M to $40M',
    '15% to 45%', '10x to 30x'; an id ending in ``_months`` is in months: '12 to 18 months'."""
    fmt = {"money": money, "pct": pct, "ratio": ratio}.get(kind(column) or "", number)
    unit = " months" if str(column).endswith("_months") else ""
    return span(fmt(low), fmt(high)) + unit


def dollars(text: str) -> str:
    """Markdown with every currency ``$`` (bare or written ``\\$``) in the form no renderer takes for math.

    Code spans are left alone; ``$$...$$`` display math is kept."""
    parts = re.split(r"(`[^`]*`|\$\$.+?\$\$)", text, flags=re.S)
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"\\?\$", lambda _: DOLLAR, parts[i])
    return "".join(parts)


def show_md(text: str) -> None:
    """Display Markdown prose written by the notebook (data values must pass through esc()).

    Every dollar sign is shown as a dollar: see ``dollars``."""
    display(Markdown(dollars(text)))


# --- tables ---------------------------------------------------------------------------------------


def source_link(url: Any, when: Any = None, aggregators: Collection[str] = frozenset()) -> str:
    """HTML for a source: an http(s) URL becomes a link (publisher's domain and date); anything else is text.

    A source among ``aggregators`` (the data's, ``Dataset.aggregator_sources``) says so after its link. The
    article (``article:runway-prequel``) is shown by its title (``prequel.sourcing.ARTICLE``): no URL of it is
    recorded."""
    if _missing(url) or not str(url).strip():
        return MISSING
    text = str(url).strip()
    if text == ARTICLE_SOURCE:
        return f"<cite>{_html(ARTICLE.title)}</cite>"
    if not is_web(text):
        return _html(text)
    dated = f', <span class="prequel-nowrap">{_html(str(when))}</span>' if when and not _missing(when) else ""
    # the space inside the span: a phone's stacked cell (a CSS table) drops a space alone between two elements
    flag = '<span class="prequel-tier"> (aggregator)</span>' if text in aggregators else ""
    name = _html(domain(text)).replace(".", ".<wbr>")  # a phone breaks a long domain at its dots, never mid-word
    return f'<a href="{html.escape(text, quote=True)}" rel="noopener">{name}{dated}</a>{flag}'


def _html(text: str) -> str:
    """Text for an HTML cell: escaped, and each $ shielded from math renderers."""
    return html.escape(text, quote=False).replace("$", '<span class="mathjax_ignore">$</span>')


SHORT_VALUE = 24  # characters: a value written as text up to this long ("$212M - $738M") still reads as a number


def _kind_of(column: Any, values: pd.Series, formats: dict) -> str:
    if column in formats:
        return "custom"
    known = kind(column)
    present = values[~values.map(_missing)]
    if known and known not in ("num", "int", "text", "date"):
        return known
    if len(present) and all(isinstance(v, (bool,)) or type(v).__name__ == "bool_" for v in present):
        return "bool"
    if len(present) and all(isinstance(v, (int, float)) or hasattr(v, "dtype") for v in present):
        return "num" if known != "int" else "int"
    if len(present) and all(isinstance(v, (pd.Timestamp, datetime, date)) for v in present):
        return "date"
    if known in ("num", "int") and any(isinstance(v, str) and len(v) > SHORT_VALUE for v in present):
        return "text"  # values written out ("median 140 months given one comes, ..."): prose wraps, left-aligned
    return known or "text"


def _cell(value: Any, column_kind: str, fmt=None) -> str:
    """Plain text of one cell."""
    if _missing(value):
        return MISSING
    if fmt is not None:
        text = value if isinstance(value, str) else str(fmt(value))
        return text if text.strip() else MISSING
    if column_kind == "money" and isinstance(value, (int, float)):
        return money(value)
    if column_kind == "ratio" and isinstance(value, (int, float)):
        return ratio(value)
    if column_kind == "pct" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return pct(value)
    if column_kind == "pct" and isinstance(value, str) and _RANGE.match(value):  # "0.10 to 0.30" -> "10% to 30%"
        low, _, high = _RANGE.match(value).groups()
        return span(pct(float(low)), pct(float(high)))
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    if column_kind == "bool" and isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return "yes" if value.strip().lower() == "true" else "no"  # a flag read from a CSV as text
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, (int, float)):
        return number(value)
    text = str(value)
    return in_words(text) if text.strip() else MISSING


def in_words(text: str) -> str:
    """A text cell as a reader reads it: an id, a list of ids or ids inside a sentence in words."""
    if SNAKE.match(text) or text in ("runway", "openai", "google"):
        return words(text)
    if "_" in text and re.fullmatch(r"[a-z0-9_, ]+", text):  # lists of ids: "events, predictions"
        return ", ".join(words(t.strip()) if SNAKE.match(t.strip()) else prose(t.strip()) for t in text.split(","))
    return prose(text) if "_" in text else text


_SINGULAR = {"rows": "row", "rounds": "round", "sources": "source", "events": "event", "predictions": "prediction",
             "companies": "company", "figures": "figure"}  # fmt: skip


def count(n: int, noun: str) -> str:
    """'1 row', '2 rows': the noun agrees with the number."""
    return f"{n:,} {_SINGULAR.get(noun, noun) if n == 1 else noun}"


def _data_summary(caption: str | None, n: int, noun: str) -> str:
    """The fold's summary names what it holds: "Show the chart's data: the 12 largest swings (12 rows)"."""
    if not caption:
        return f"Show the data ({count(n, noun)})"
    text = caption.strip().rstrip(".")
    if text.startswith("The chart's data"):
        text = "the" + text[3:]
    else:
        text = "the data: " + text[:1].lower() + text[1:] if text[1:2].islower() else "the data: " + text
    return f"Show {text} ({count(n, noun)})"


def _noun(shown: pd.DataFrame) -> str:
    """What a table's rows are, from its columns; a column of companies names them only when each row is a
    different company (15 rounds of 3 companies are 15 rows, not 15 companies)."""
    for column, noun in (
        ("round", "rounds"),
        ("event", "events"),  # a ledger of events, each with its source: its rows are events
        ("source_url", "sources"),
        ("prediction_id", "predictions"),
        ("company", "companies"),
    ):
        if column in shown.columns and (noun != "companies" or shown[column].is_unique):
            return noun
    return "rows"


def _prepare(df: pd.DataFrame) -> pd.DataFrame:
    """Row labels become ordinary columns; row numbers are dropped."""
    shown = df.copy()
    index = shown.index
    if isinstance(index, pd.RangeIndex) or (index.name is None and pd.api.types.is_integer_dtype(index)):
        shown = shown.reset_index(drop=True)
    else:
        names = [n if n is not None else "" for n in index.names]
        shown.index = index.set_names(names)
        shown = shown.reset_index()
    shown.columns = [
        c if isinstance(c, str) else " ".join(str(x) for x in c if str(x)) if isinstance(c, tuple) else str(c)
        for c in shown.columns
    ]
    return shown


def _table_html(
    columns, kinds, labels, rows_html, caption_id: str | None, name: str | None = None, stack: bool = True
) -> str:
    """The table in a region that scrolls sideways when wider than the page: focusable, named by its caption
    (``caption_id``) or by ``name``, so that keyboard and screen-reader users can reach and scroll it."""
    head = "".join(
        f'<th scope="col" class="{"num" if kinds[c] in _NUMERIC else "text"}"'
        f"{NUMERIC_ALIGN if kinds[c] in _NUMERIC else LEFT_ALIGN}>{_html(labels[c]) or UNNAMED_HEADER}</th>"
        for c in columns
    )
    labelled = (
        f' aria-labelledby="{caption_id}"'
        if caption_id
        else f' aria-label="{html.escape(name, quote=True)}"'
        if name
        else ""
    )
    dense = DENSE if len(columns) > DENSE_AFTER else ""
    layout = STACKED if stack else PHONE_GRID if len(columns) > 2 else ""
    return (
        f'<div class="prequel-scroll" role="region" tabindex="0"{labelled}>'
        f'<table class="prequel-table{layout}{dense}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows_html)}</tbody></table></div>"
    )


def _stack_label(header: str) -> str:
    """A cell's column header as an attribute: on a phone the stylesheet stacks each row and writes the header
    before its value (``td::before { content: attr(data-label) }``), so no table is wider than the screen."""
    return f' data-label="{html.escape(header, quote=True)}"' if header else ""


STACKED = " stack"  # the class of a table of three or more columns that stacks its rows on a phone (prequel.css)
PHONE_GRID = " grid"  # ... unless it fits a phone as a grid, set compact there (04's default-alive grid)
#: A phone's table column at 390 px (in a fold: a chart's data), the share of it an estimated grid may take (the
#: estimate was within 2% of the widths a browser measured, or over them), a grid's font (.75rem) and cell padding
PHONE_COLUMN_PX, PHONE_FOLD_PX, PHONE_MARGIN = 366, 352, 0.98
PHONE_FONT_PX, PHONE_PAD_PX = 12.0, 4.8
#: Advance widths in ems of DejaVu Sans, a wide sans (a phone's Roboto or San Francisco is narrower): the estimate
#: errs towards stacking. Bold is about a tenth wider.
_NARROW, _WIDE = frozenset(" .,:;'!|ijlrtf()[]-"), frozenset("%mwMW—@")
NARROW_EM, DIGIT_EM, LOWER_EM, UPPER_EM, WIDE_EM, BOLD = 0.36, 0.64, 0.6, 0.72, 0.92, 1.1


def _text_px(text: str, bold: bool = False) -> float:
    """The width of one line of text in a phone's grid, in pixels (estimated)."""

    def em(c: str) -> float:
        if c in _NARROW or c in _WIDE:
            return NARROW_EM if c in _NARROW else WIDE_EM
        return DIGIT_EM if c.isdigit() or c in "$#" else LOWER_EM if c.islower() else UPPER_EM

    return sum(em(c) for c in text) * PHONE_FONT_PX * (BOLD if bold else 1)


def _label_px(text: str) -> float:
    """A row's label in a phone's grid wraps onto two lines at most: the wider of its longest word and its half."""
    return max([_text_px(text) / 2] + [_text_px(word) for word in text.split()])


def grid_px(headers: list[str], rows: list[list[str]]) -> float:
    """A table's narrowest width as a phone's grid, in pixels (estimated): each column as wide as its longest
    header word or its widest value (values never wrap; a row's label, the first column, onto two lines)."""
    return sum(
        max(
            [_text_px(word, bold=True) for word in header.split()]
            + [_label_px(row[k]) if k == 0 else _text_px(row[k]) for row in rows]
        )
        + PHONE_PAD_PX
        for k, header in enumerate(headers)
    )


def fits_a_phone(headers: list[str], rows: list[list[str]], folded: bool = False) -> bool:
    """Whether a table fits a phone's column (narrower in a fold) as a grid (``grid_px``). The browser tests hold
    the estimate (no table wider than its box at 390 px)."""
    return grid_px(headers, rows) <= PHONE_MARGIN * (PHONE_FOLD_PX if folded else PHONE_COLUMN_PX)


DENSE, DENSE_AFTER = " dense", 10  # a table of more columns is set smaller (prequel.css) to fit a 1280 px screen
_NUMERIC = ("money", "ratio", "pct", "num", "int", "custom_num")
# The header of a column without a name (unnamed row labels): read by screen readers, not shown.
UNNAMED_HEADER = '<span class="visually-hidden">Row</span>'
NUMERIC_ALIGN = ' style="text-align:right"'  # for GitHub's view; a page aligns by the class (lean_tables)
LEFT_ALIGN = ' style="text-align:left"'  # GitHub's and nbviewer's views of a notebook right-align every cell otherwise


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "table"


def download_digits(column: object, declared: Result | None = None) -> int:
    """The significant digits of a column's floats in a CSV download: its declared precision (``declared``, else its
    entry in ``LABELS`` read through ``column_result``) and ``DOWNLOAD_EXTRA_DIGITS`` more; ``DOWNLOAD_DIGITS`` for an
    undeclared column."""
    declared = declared or column_result(column)
    return declared.digits + DOWNLOAD_EXTRA_DIGITS if declared.kind in DOWNLOAD_DECLARED_KINDS else DOWNLOAD_DIGITS


def downloadable(df: pd.DataFrame, declared: dict[str, Result] | None = None) -> pd.DataFrame:
    """A table as its CSV download holds it: each float at its column's ``download_digits`` significant digits
    (857500000.0, not 8.575e+08 nor 857499999.99999994), headed by the page's labels, its text in words as on
    the page (numbers stay numbers)."""

    def snapper(digits: int) -> Any:
        def snap(value: Any) -> Any:
            if isinstance(value, float) and math.isfinite(value):
                return float(f"{value:.{digits}g}")
            return value

        return snap

    def shown(value: Any) -> Any:
        return in_words(value) if isinstance(value, str) else value

    digits = {c: download_digits(c, (declared or {}).get(str(c))) for c in df.columns}
    snapped = df.apply(lambda column: column.map(snapper(digits[column.name])).map(shown))
    return snapped.rename(columns=label)


def show_table(
    df: pd.DataFrame,
    caption: str | None = None,
    formats: dict | None = None,
    *,
    chart_data: bool | None = None,
    noun: str | None = None,
    fold_after: int = FOLD_AFTER,
    csv_name: str | None = None,
    values: dict | None = None,
    link_date: str | None = None,
    empty: str | None = None,
    aggregators: Collection[str] | None = None,
    phone_zeros: bool = True,
) -> None:
    """Display a table for readers: labels from ``labels.LABELS``, no row numbers, aligned, formatted.

    ``formats`` maps a column to a function (value -> text); ``values`` maps ids in cells to words;
    ``link_date`` names a column whose date goes into each source link's text instead of being shown;
    ``aggregators`` (``data.aggregator_sources``) are the sources whose links say "(aggregator)": a table that
    links to a source needs them. ``phone_zeros=False``: a phone's stacked rows leave out cells that are zero (06's
    investors by company: "NVIDIA: OpenAI 2, Runway 3, World Labs 2", not a line per company).
    A table whose caption starts with
    "The chart's data" (or ``chart_data=True``) is folded under "Show the data" with a CSV download;
    one longer than ``fold_after`` rows shows its first rows and folds the rest. A table without rows is shown as
    its caption and the sentence ``empty`` (what its emptiness means), never as a header over nothing."""
    formats = dict(formats or {})
    priority = df.attrs.get(PHONE_COLUMNS)  # declared where the table was built (labels.on_a_phone)
    declared = df.attrs.get(COLUMN_RESULTS)  # and its columns named by the data (labels.declared_columns)
    shown = _prepare(df)
    link_dates = shown.pop(link_date) if link_date else None
    if values:  # ids the notebook knows the words for (prediction ids -> titles): cell values only
        shown = shown.apply(lambda col: col.map(lambda v: values.get(v, v) if isinstance(v, str) else v))
    columns = list(shown.columns)
    kinds = {}
    for c in columns:
        k = _kind_of(c, shown[c], formats)
        if k == "custom":
            present = shown[c][~shown[c].map(_missing)]
            k = "custom_num" if len(present) and all(isinstance(v, (int, float)) for v in present) else "custom_text"
        kinds[c] = k
    linked = any(kinds[c] == "url" and shown[c].map(is_web).any() for c in columns)
    if linked and aggregators is None:
        raise TypeError("show_table: a table linking to sources needs aggregators=data.aggregator_sources")
    labels = {c: label(c) for c in columns}
    more = [c for c in columns[1:] if priority is not None and c not in priority]
    texts, rows_cells = [], []
    for i, record in enumerate(shown.to_dict("records")):
        cells_text, cells_html = [], []
        when = link_dates.iloc[i] if link_dates is not None else None  # a date shown in its own column is not repeated
        for c in columns:
            value = record[c]
            if kinds[c] == "url":
                text = _cell(value, "text")
                cell = source_link(value, when, aggregators or frozenset())
            else:
                text = _cell(value, kinds[c], formats.get(c))
                cell = _html(text)
            numeric = kinds[c] in _NUMERIC
            zero = not phone_zeros and numeric and isinstance(value, (int, float)) and value == 0
            classes = [
                "num" if numeric else "date" if kinds[c] == "date" else "",  # text: the default
                "zero" if zero else "",
                "none" if text == MISSING else "",  # a phone's stacked row has no line "Note: —"
                "more" if c in more else "",  # a phone's stacked row leaves it out
            ]
            css = f' class="{" ".join(filter(None, classes))}"' if any(classes) else ""
            cells_text.append(text)
            cells_html.append((f"<td{css}{NUMERIC_ALIGN if numeric else LEFT_ALIGN}", f">{cell}</td>"))
        texts.append(cells_text)
        rows_cells.append(cells_html)
    columns, texts, rows_cells, dropped = _without_empty_columns(columns, texts, rows_cells)
    is_chart_data = chart_data if chart_data is not None else bool(caption and caption.startswith("The chart's data"))
    stack = len(columns) > 2 and not fits_a_phone([labels[c] for c in columns], texts, folded=is_chart_data)
    stacked = [_stack_label(labels[c]) if at and stack else "" for at, c in enumerate(columns)]  # the first heads a row
    rows_html = [
        "<tr>" + "".join(start + named + end for (start, end), named in zip(cells, stacked, strict=True)) + "</tr>"
        for cells in rows_cells
    ]
    caption_id = f"t-{_slug(caption)}" if caption else None
    full = _table_html(columns, kinds, labels, rows_html, caption_id, stack=stack)
    note = _empty_columns_note([labels[c] for c in dropped])
    more = [c for c in more if c in columns]
    if stack and more:  # under a table whose stacked rows leave columns out, on a phone only (prequel.css)
        where = "a wider screen and the CSV download show" if is_chart_data else "a wider screen shows"
        shown_columns = f"{len(columns) - len(more)} of its {len(columns)} columns"
        note += f'<p class="prequel-phone-note">On a phone this table shows {shown_columns}; {where} all.</p>'
    n = len(rows_html)
    noun = noun or ("rows" if is_chart_data else _noun(shown))
    cap = f'<p class="prequel-caption" id="{caption_id}">{_html(caption)}</p>' if caption else ""
    if n == 0:
        sentence = empty or f"No {noun} to show under these settings."
        shown_html = f'{cap}<p class="prequel-empty">{_html(sentence)}</p>'
        display(
            {
                "text/html": f'<div class="prequel-table-block">{shown_html}</div>',
                "text/plain": (caption + "\n" if caption else "") + sentence,
            },
            metadata={TABLE_META: {"rows": 0, "chart_data": is_chart_data}},
            raw=True,
        )
        return
    if is_chart_data:
        csv = frame_csv(downloadable(shown, declared))  # text cells guarded against formulas
        href = "data:text/csv;charset=utf-8," + urllib.parse.quote(csv)
        name = csv_name or f"{_slug(caption or 'data')}.csv"
        summary_id = f' id="{caption_id}"' if caption_id else ""  # the table is labelled by its summary
        summary = _html(_data_summary(caption, n, noun))
        body = (
            f'<details class="prequel-data"><summary{summary_id}>{summary}</summary>{full}'
            f'<p class="prequel-download"><a href="{href}" download="{html.escape(name, quote=True)}">'
            f"Download the data (CSV, {count(n, noun)})</a></p></details>"
        )
    elif n > fold_after:
        first, rest = f"First {PREVIEW_ROWS} rows", f"Rows {PREVIEW_ROWS + 1} to {n}"
        preview = _table_html(
            columns, kinds, labels, rows_html[:PREVIEW_ROWS], None,
            f"{caption}: {first.lower()}" if caption else first, stack,
        )  # fmt: skip
        continued = _table_html(  # each row once in the page: the fold holds the rows after the preview
            columns, kinds, labels, rows_html[PREVIEW_ROWS:], None,
            f"{caption}: {rest.lower()}" if caption else rest, stack,
        )  # fmt: skip
        body = (
            f'{cap}<div class="prequel-fold"><div class="prequel-preview">{preview}</div>'
            f"<details><summary>Show all {count(n, noun)}</summary>{continued}</details></div>"
        )
    else:
        body = cap + full
    meta = {"rows": n, "chart_data": is_chart_data}
    if "source_url" in columns and ("tier" in columns or "source_tier" in columns):
        tiers = shown["tier" if "tier" in columns else "source_tier"]
        meta["sources"] = {"total": n, "primary": int((tiers == "primary").sum())}
    plain_text = _plain_table([labels[c] for c in columns], texts)
    display(
        {
            "text/html": f'<div class="prequel-table-block">{body}{note}</div>',
            "text/plain": (caption + "\n" if caption else "") + plain_text,
        },
        metadata={TABLE_META: meta},
        raw=True,
    )


def _without_empty_columns(
    columns: list, texts: list[list[str]], cells: list[list]
) -> tuple[list, list[list[str]], list[list], list]:
    """A table's columns, cell texts and cells without the columns that have no value in any row (06's growth table:
    a "Note" of "—" on every row), and those columns. The first column (what a row is) always stays."""
    empty = [k for k in range(1, len(columns)) if texts and all(row[k] == MISSING for row in texts)]
    if not empty:
        return columns, texts, cells, []

    def kept(row: list) -> list:
        return [x for k, x in enumerate(row) if k not in empty]

    return kept(columns), [kept(r) for r in texts], [kept(r) for r in cells], [columns[k] for k in empty]


def _empty_columns_note(headers: list[str]) -> str:
    """The line under a table that left out columns without a value, in words, never a quoted header: one line,
    on every screen ('The standard deviation (points) column is left out: no row has a value in it.')."""
    if not headers:
        return ""
    named = listed(mid_sentence(h) for h in headers)
    which = (
        "column is left out: no row has a value in it"
        if len(headers) == 1
        else "columns are left out: no row has a value in them"
    )
    return f'<p class="prequel-table-note">The {_html(named)} {which}.</p>'


def _plain_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


RESULTS_META = "results"  # under TABLE_META: the published values at full precision and their declarations


def results_text(values: dict, declarations: dict) -> str:
    """The published results as a reader reads them: one line per value, label and value at its declared
    precision (the same text on every machine)."""
    from ..results import leaves

    return "\n".join(
        f"{leaf.label}: {format_value(leaf.result, leaf.value)}"
        for leaf in leaves(values, declarations)
        if leaf.key.split(".")[0].split("[")[0] not in ("details", "key_numbers", "finding", "flip", "question")
    )


def publish_results(results: Analysis) -> dict:
    """Publish the notebook's declared results; the runner collects them and the regression compares them.

    An ``Analysis`` (an entry point's typed result) publishes its values at full precision with their
    declarations and its tables as data (output metadata, which the runner reads and the results
    regression compares), and shows them at their declared precision (the text nbval compares)."""
    if not isinstance(results, Analysis):
        raise TypeError(f"publish_results takes an entry point's Analysis, not {type(results).__name__}")
    meta = results.publication()
    values, declared = meta[RESULTS_META], results.DECLARATIONS
    register_words(values.get("names") or {})  # ids by the names the data give them, as every page shows them
    shown = {leaf.key: format_value(leaf.result, leaf.value) for leaf in _leaves(values, declared)}
    display(
        {RESULTS_MIME: shown, "text/plain": results_text(values, declared)},
        metadata={TABLE_META: meta},
        raw=True,
    )
    return values


# --- the answer: one headline sentence and what stands around it ----------------------------------

HEADLINE_ID = "prequel-headline"  # display id of the answer at the top of a notebook (filled in at the end)
HEADLINE_META = "headline"  # key under TABLE_META marking the answer's output (the reader page shows it above)


def sourcing(sources: pd.DataFrame, article_figures: int | None = None, corroborated: int | None = None) -> dict:
    """The sourcing badge's counts: distinct sources and how many are primary (``sources`` has a
    ``source_url`` and a ``tier`` or ``source_tier`` column), and the article's figures corroborated."""
    tier = "tier" if "tier" in sources else "source_tier"
    distinct = sources.dropna(subset=["source_url"]).drop_duplicates("source_url")
    out: dict = {"sources": len(distinct), "primary_sources": int((distinct[tier] == "primary").sum())}
    if article_figures is not None:
        out |= {"article_figures": article_figures, "corroborated": corroborated}
    return out


def headline_markdown(answer: dict) -> str:
    """The answer as Markdown: the headline in bold, the details as bullets, then what would flip it."""
    lines = [f"**{esc(answer['finding'])}**", ""]
    lines += [f"- {esc(d)}" for d in answer.get("details", [])]
    if answer.get("flip"):
        lines += ["", f"*What would flip it:* {esc(answer['flip'])}"]
    return "\n".join(lines)


def show_headline(answer: dict | None = None, *, update: bool = False) -> None:
    """The notebook's answer at its top. A notebook that computes its answer at the end calls
    ``show_headline()`` at the top (a placeholder) and ``show_headline(answer, update=True)`` at the end,
    which replaces the placeholder (one source: the published answer). The reader page shows the answer
    above the notebook and leaves this output out."""
    from IPython.display import update_display

    text = (
        headline_markdown(answer)
        if answer
        else "*The answer is computed from the results at the end of the notebook; it appears here once every cell "
        "has run.*"
    )
    meta = {TABLE_META: {HEADLINE_META: True}}
    if update:
        update_display(Markdown(dollars(text)), display_id=HEADLINE_ID, metadata=meta)
    else:
        display(Markdown(dollars(text)), display_id=HEADLINE_ID, metadata=meta)
