"""One comparison of results, by declaration: the regression, ``--compare`` and "What changed" all use it.

Numbers are the same result when ``math.isclose`` with the declared ``rel_tol`` and ``abs_tol`` says so
(``tolerance`` overrides the relative tolerance for readers' comparisons, ``--tolerance``); statuses,
dates, text, flags and counts must be equal. Tables and chart data are compared column by column with
``pandas.testing.assert_series_equal`` (``check_exact=False``) at the default numeric tolerances.
A difference reads like a review: notebook, result label, baseline value, new value and tolerance, in the
declared units."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .results import (
    NUMERIC_ABS_TOL,
    NUMERIC_REL_TOL,
    Leaf,
    Result,
    declarations_from_json,
    format_value,
    leaves,
    percent,
)


@dataclass(frozen=True)
class Difference:
    notebook: str
    key: str
    label: str
    old: Any
    new: Any
    old_text: str
    new_text: str
    kind: str  # "moved" (a number beyond its tolerance), "flipped" (anything else), "added", "removed"
    tolerance: str  # in words: 'relative 1e-06, absolute 1e-09' or 'exact'
    change: float | None = None  # relative change of a number

    def line(self) -> str:
        change = f" ({change_text(self.change)})" if self.change is not None else ""
        return (
            f"{self.notebook}: {self.label}: {self.old_text} -> {self.new_text}{change}"
            f"  [{self.kind}; tolerance {self.tolerance}; {self.key}]"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "notebook": self.notebook,
            "key": self.key,
            "label": self.label,
            "old": self.old,
            "new": self.new,
            "old_text": self.old_text,
            "new_text": self.new_text,
            "kind": self.kind,
            "tolerance": self.tolerance,
            "change": self.change,
        }


def change_text(change: float) -> str:
    """A relative change as every report shows it: '+12%', '-9.5%'."""
    return ("+" if change > 0 else "") + percent(change)


def _numbers(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and bool(value) and all(_is_number(v) for v in value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _tolerances(result: Result, tolerance: float | None) -> tuple[float, float]:
    if result.exact:
        return 0.0, 0.0
    if tolerance is None:
        return result.rel_tol, result.abs_tol
    return tolerance, result.abs_tol


def tolerance_text(result: Result, tolerance: float | None = None) -> str:
    rel, absolute = _tolerances(result, tolerance)
    if rel == 0 and absolute == 0:
        return "exact"
    return f"relative {rel:g}, absolute {absolute:g}"


def same(result: Result, old: Any, new: Any, tolerance: float | None = None) -> bool:
    """Whether two values of one declared result are the same result (lists item by item: an interval)."""
    if isinstance(old, (list, tuple)) and isinstance(new, (list, tuple)):
        return len(old) == len(new) and all(same(result, a, b, tolerance) for a, b in zip(old, new, strict=True))
    if _is_number(old) and _is_number(new):
        rel, absolute = _tolerances(result, tolerance)
        if rel == 0 and absolute == 0:
            return old == new
        return math.isclose(float(old), float(new), rel_tol=rel, abs_tol=absolute)
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):  # a [low, high] pair, a list
        return all(same(result, a, b, tolerance) for a, b in zip(old, new, strict=True))
    return old == new


def _safe_leaves(values: dict, declarations: dict[str, Result]) -> dict[str, Leaf]:
    """Leaves by key; a value without a declaration is compared as exact text under its own key."""
    known = {k: v for k, v in values.items() if k in declarations}
    out = {leaf.key: leaf for leaf in leaves(known, declarations)}
    for key, value in values.items():
        if key not in declarations:
            loose = Result(key, key.replace("_", " "), "text")
            out |= {leaf.key: leaf for leaf in leaves({key: value}, {key: loose})}
    return out


def compare_values(
    notebook: str,
    old: dict[str, Any],
    new: dict[str, Any],
    declarations: dict[str, Result],
    *,
    tolerance: float | None = None,
    skip: frozenset[str] | set[str] = frozenset(),
) -> list[Difference]:
    """Every declared value that differs between two publications of one notebook (``skip``: top-level ids
    left out, for example the answer's words, which restate the results)."""
    a = {k: v for k, v in _safe_leaves(old, declarations).items() if k.split(".")[0].split("[")[0] not in skip}
    b = {k: v for k, v in _safe_leaves(new, declarations).items() if k.split(".")[0].split("[")[0] not in skip}
    out = []
    for key in sorted(set(a) | set(b)):
        before, after = a.get(key), b.get(key)
        leaf = after or before
        assert leaf is not None
        result = leaf.result
        if before is not None and after is not None and same(result, before.value, after.value, tolerance):
            continue
        old_value = before.value if before else None
        new_value = after.value if after else None
        kind = "added" if before is None else "removed" if after is None else "flipped"
        change = None
        if _is_number(old_value) and _is_number(new_value):
            kind = "moved"
            change = (new_value - old_value) / abs(old_value) if old_value else None
        elif _numbers(old_value) and _numbers(new_value):  # an interval: it moved, by as much as its ends did
            kind = "moved"
        out.append(
            Difference(
                notebook,
                key,
                leaf.label,
                old_value,
                new_value,
                format_value(result, old_value) if before else "(absent)",
                format_value(result, new_value) if after else "(absent)",
                kind,
                tolerance_text(result, tolerance),
                change,
            )
        )
    return out


def frame_from_json(spec: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(spec.get("rows", []), columns=spec.get("columns", []))


def compare_frames(
    notebook: str, old: dict[str, dict], new: dict[str, dict], *, rel_tol: float = NUMERIC_REL_TOL
) -> list[Difference]:
    """Tables and chart data (``frame_json`` form) compared as data: same names, same columns, same rows;
    numeric columns within the tolerance, other columns equal. One difference per table and column."""
    out = []

    def diff(name: str, column: str, old_text: str, new_text: str) -> Difference:
        key = f"frames.{name}" + (f".{column}" if column else "")
        label = f"table {name}" + (f", column {column}" if column else "")
        return Difference(notebook, key, label, None, None, old_text, new_text, "flipped", f"relative {rel_tol:g}")

    for name in sorted(set(old) | set(new)):
        if name not in new or name not in old:
            out.append(
                diff(name, "", "present" if name in old else "(absent)", "present" if name in new else "(absent)")
            )
            continue
        a, b = frame_from_json(old[name]), frame_from_json(new[name])
        if list(a.columns) != list(b.columns):
            out.append(diff(name, "", ", ".join(map(str, a.columns)), ", ".join(map(str, b.columns))))
            continue
        if len(a) != len(b):
            out.append(diff(name, "", f"{len(a)} rows", f"{len(b)} rows"))
            continue
        for column in a.columns:
            left, right = a[column], b[column]
            numeric = all(_is_number(v) or v is None for v in left) and all(_is_number(v) or v is None for v in right)
            try:
                if numeric:
                    pd.testing.assert_series_equal(
                        left.astype(float),
                        right.astype(float),
                        check_exact=False,
                        rtol=rel_tol,
                        atol=NUMERIC_ABS_TOL,
                        check_names=False,
                    )
                else:
                    pd.testing.assert_series_equal(left.astype(object), right.astype(object), check_names=False)
            except AssertionError:
                rows = [i for i in range(len(left)) if not _cell_same(left.iloc[i], right.iloc[i], rel_tol)]
                first = rows[0] if rows else 0
                out.append(
                    diff(
                        name,
                        str(column),
                        f"row {first + 1}: {_cell_text(left.iloc[first])}",
                        f"{_cell_text(right.iloc[first])} ({len(rows)} row{'s' if len(rows) != 1 else ''} differ)",
                    )
                )
    return out


def _cell_text(value: Any) -> str:
    """A cell in a diff line: floats at 10 significant digits, lists item by item, text quoted and bounded."""
    value = value.item() if hasattr(value, "item") else value
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_cell_text(v) for v in value[:6]) + (", ..." if len(value) > 6 else "") + "]"
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _cell_same(a: Any, b: Any, rel_tol: float) -> bool:
    if _missing(a) and _missing(b):
        return True
    if _is_number(a) and _is_number(b):
        return math.isclose(float(a), float(b), rel_tol=rel_tol, abs_tol=NUMERIC_ABS_TOL)
    return a == b or (a is None and b is None)


def compare_publications(
    notebook: str, old: dict[str, Any], new: dict[str, Any], *, tolerance: float | None = None
) -> list[Difference]:
    """Two publications of one notebook (``report.publish_results``: results, declarations, frames): the
    declarations themselves (a changed label, kind, unit or tolerance is a difference), the declared results by
    the baseline's declarations (the old side's: a new run cannot loosen its own tolerance), then the tables."""
    old_declared, new_declared = (declarations_from_json(side.get("declarations")) for side in (old, new))
    out = compare_declarations(notebook, old_declared, new_declared)
    results = (old.get("results", {}), new.get("results", {}))
    out += compare_values(notebook, *results, new_declared | old_declared, tolerance=tolerance)
    return out + compare_frames(notebook, old.get("frames", {}) or {}, new.get("frames", {}) or {})


def compare_declarations(notebook: str, old: dict[str, Result], new: dict[str, Result]) -> list[Difference]:
    """Declarations that changed between two publications (one line per result, naming what changed)."""
    out = []
    for rid in sorted(set(old) & set(new)):
        a, b = old[rid].as_dict(), new[rid].as_dict()
        changed = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
        if changed:
            before = "; ".join(f"{k} {a.get(k)!r}" for k in changed)
            after = "; ".join(f"{k} {b.get(k)!r}" for k in changed)
            label = f"declaration of {old[rid].label}"
            out.append(
                Difference(notebook, f"declarations.{rid}", label, None, None, before, after, "flipped", "exact")
            )
    return out


def report(differences: list[Difference]) -> str:
    """The differences as a reviewer reads them, one line each."""
    if not differences:
        return "no differences beyond the declared tolerances"
    return "\n".join(d.line() for d in differences)
