"""Leaner table markup for the site's pages (issue 25, page weight): the notebook's tables carry, per cell, what
GitHub's view of a notebook needs (an inline alignment) and what a phone needs (each cell's column header as
``data-label``). On a page, the stylesheet aligns by class, and each stacked table's column headers are written
once, as one rule per column (``td:nth-child(k)::before``), instead of once per cell."""

from __future__ import annotations

import html
import itertools
import re

from ..present.report import NUMERIC_ALIGN

PHONE_MEDIA = "(max-width: 600px)"  # the stylesheet's phone layout, where a stacked row shows its headers
_STACKED_TABLE = re.compile(r'<table class="(prequel-table stack[\w ]*)">(.*?)</table>', re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(td|th)\b([^>]*)>")
_LABEL = re.compile(r' data-label="([^"]*)"')


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal that cannot end its ``<style>`` element."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;()%$/-–'" else f"\\{ord(c):x} " for c in text) + '"'


def _column_labels(body: str) -> dict[int, str] | None:
    """Each column's ``data-label`` (1-based, as ``nth-child`` counts), or None when rows disagree."""
    labels: dict[int, str] = {}
    for row in _ROW.findall(body):
        for k, (_tag, attrs) in enumerate(_CELL.findall(row), start=1):
            found = _LABEL.search(attrs)
            if found is None:
                continue
            if labels.setdefault(k, found.group(1)) != found.group(1):
                return None
    return labels


def lean_tables(page: str) -> str:
    """``page`` with numeric cells aligned by their class alone and each stacked table's ``data-label``
    attributes replaced by a phone-only rule per column (the table gets an id to scope them)."""
    page = page.replace(NUMERIC_ALIGN, "")
    counter = itertools.count(1)

    def lean(match: re.Match) -> str:
        classes, body = match.groups()
        labels = _column_labels(body)
        if not labels:
            return match.group(0)
        table_id = f"stack-{next(counter)}"
        rules = "".join(
            f"#{table_id} tr>td:nth-child({k})::before{{content:{_css_string(html.unescape(text))}}}"
            for k, text in sorted(labels.items())
        )
        return (
            f"<style>@media {PHONE_MEDIA}{{{rules}}}</style>"
            f'<table class="{classes}" id="{table_id}">{_LABEL.sub("", body)}</table>'
        )

    return _STACKED_TABLE.sub(lean, page)
