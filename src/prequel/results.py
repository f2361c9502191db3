"""Results declared once: what each published result is, how it reads, and how far it may move.

Every analysis module declares its published results beside its entry point::

    RESULTS = declare(
        Result("total_raised_usd", "Capital raised", "money", by="company"),
        Result("probability", "P(comes true)", "probability", by="prediction"),
    )

A declaration gives the reader's label, the kind (which fixes the unit), the display precision and the
comparison tolerance. Everything that shows or compares a result reads it from here: the notebook's
own results table, the reader page's key numbers, the front page, "What changed", ``--compare``, the
README and the command line (``format_value``), and the regression (``prequel.regression``).

The answer around a finding (``finding``, ``details``, ``key_numbers``, ``flip``, ``sourcing``,
``question``) is declared here once for every notebook (``ANSWER``).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar, Literal

import pandas as pd

Kind = Literal[
    "money",  # US dollars: '$860M'
    "multiple",  # a ratio: '14x', '0.70x'
    "probability",  # 0-1, shown in percent: '20%'
    "share",  # 0-1 of a whole, shown in percent: '40%'
    "count",  # a whole number: '4'
    "number",  # a quantity in ``unit`` (months, points a year): '12.5 months'
    "points",  # benchmark points on a 0-100 scale: '44'
    "date",  # ISO date text: '2026-11-24'
    "status",  # an id from a closed set, shown in words: 'resolved: yes'
    "text",  # free text (sentences, names)
    "flag",  # yes or no
]

UNITS: dict[str, str] = {
    "money": "USD",
    "multiple": "times",
    "probability": "probability (0 to 1)",
    "share": "share (0 to 1)",
    "count": "count",
    "points": "points (0 to 100)",
    "date": "date (YYYY-MM-DD)",
}
EXACT_KINDS = frozenset({"date", "status", "text", "flag", "count"})
#: Default tolerances: far above the last bits a CPU or Python version changes, far below any data change.
NUMERIC_REL_TOL = 1e-6
NUMERIC_ABS_TOL = 1e-9
MISSING = "—"


@dataclass(frozen=True)
class Result:
    """One published result: ``id`` is its key in the published results.

    ``by`` names what a mapping's keys are ("company", "prediction", ...): the value is then a mapping
    from those ids to values of this kind. ``fields`` declares the parts of a record (a mapping of named
    values) or of each record of a list; the record's own ``kind`` is then ignored.
    ``digits``: significant digits shown (money, multiple, number, points; percent: digits of the percent
    below 10%, whole percent above). ``rel_tol`` / ``abs_tol``: how far a number may move and still be the
    same result (``math.isclose``); exact for statuses, dates, text, flags and counts.
    ``reads``: the result as a row of the front page and "What changed" names it, a fragment in readers' words
    with its unit and meaning, ``{}`` standing for its subject (a key of ``by``, in words); the label when empty.
    ``listed=False``: a model's internal (a fit's sample size, a shape parameter), left out of those rows."""

    id: str
    label: str
    kind: Kind = "text"
    unit: str = ""
    digits: int = 2
    rel_tol: float = NUMERIC_REL_TOL
    abs_tol: float = NUMERIC_ABS_TOL
    by: str = ""
    fields: tuple[Result, ...] = ()
    reads: str = ""
    listed: bool = True

    def __post_init__(self) -> None:
        if not self.unit and self.kind in UNITS:
            object.__setattr__(self, "unit", UNITS[self.kind])
        if self.kind in EXACT_KINDS:
            object.__setattr__(self, "rel_tol", 0.0)
            object.__setattr__(self, "abs_tol", 0.0)

    @property
    def exact(self) -> bool:
        return self.rel_tol == 0 and self.abs_tol == 0

    def field(self, name: str) -> Result | None:
        return next((f for f in self.fields if f.id == name), None)

    def as_dict(self) -> dict[str, Any]:
        """The declaration as plain JSON (carried beside every value in summary.json)."""
        out = {"label": self.label, "kind": self.kind, "unit": self.unit, "digits": self.digits}
        out |= {"rel_tol": self.rel_tol, "abs_tol": self.abs_tol}
        if self.by:
            out["by"] = self.by
        if self.fields:
            out["fields"] = {f.id: f.as_dict() for f in self.fields}
        if self.reads:
            out["reads"] = self.reads
        if not self.listed:
            out["listed"] = False
        return out

    @classmethod
    def from_dict(cls, rid: str, spec: dict[str, Any]) -> Result:
        """A declaration read back from a summary or a notebook (only the fields a declaration has)."""
        fields = tuple(cls.from_dict(k, v) for k, v in (spec.get("fields") or {}).items() if isinstance(v, dict))
        kind = spec.get("kind") if spec.get("kind") in Kind.__args__ else "text"  # type: ignore[attr-defined]
        number = {k: spec[k] for k in ("rel_tol", "abs_tol") if isinstance(spec.get(k), (int, float))}
        digits = spec.get("digits") if isinstance(spec.get("digits"), int) and 1 <= spec["digits"] <= 12 else 2
        return cls(
            str(rid)[:200],
            str(spec.get("label", rid))[:200],
            kind,  # type: ignore[arg-type]
            unit=str(spec.get("unit", ""))[:80],
            digits=digits,
            by=str(spec.get("by", ""))[:80],
            fields=fields,
            reads=str(spec.get("reads", ""))[:300],
            listed=spec.get("listed") is not False,
            **number,
        )


ANSWER = (
    Result("question", "Question", "text"),
    Result("names", "Names of the ids the results are keyed by", "text", by="id"),
    Result("finding", "Headline finding", "text"),
    Result("details", "Details", "text"),
    Result("flip", "What would flip it", "text"),
    Result(
        "key_numbers",
        "Key numbers",
        fields=(Result("label", "Label", "text"), Result("value", "Value", "text"), Result("key", "Result", "text")),
    ),
    Result(
        "sourcing",
        "Sourcing",
        fields=(
            Result("sources", "Distinct sources", "count"),
            Result("primary_sources", "Primary sources", "count"),
            Result("article_figures", "Article's figures audited", "count"),
            Result("corroborated", "Article's figures corroborated", "count"),
        ),
    ),
)
ANSWER_IDS = frozenset(r.id for r in ANSWER)


class UndeclaredResult(ValueError):
    """A published result without a declaration, or a declaration declared twice (a maintainer's error)."""


def declare(*results: Result) -> dict[str, Result]:
    """The declarations of one analysis, by id, with the answer's own; an id declared twice is an error."""
    out: dict[str, Result] = {}
    for r in (*ANSWER, *results):
        if r.id in out and r is not out[r.id] and r.id not in ANSWER_IDS:
            raise UndeclaredResult(f"result {r.id!r} is declared twice")
        out[r.id] = r
    return out


# --- values: full precision, as plain JSON ----------------------------------------------------------


def plain(value: Any) -> Any:
    """Plain JSON values at full precision: numpy numbers to Python, NaN and NaT to None, dates to ISO text."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date().isoformat()
    if value is pd.NaT or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    return value


#: Significant digits, and at most as many decimals, of a number as stored (a notebook's published results, a page's
#: summary, a grid point): far finer than any declared tolerance (``NUMERIC_REL_TOL``, ``NUMERIC_ABS_TOL``), far
#: coarser than the last bits of a float, which differ between CPUs and numpy's code paths.
STORED_DIGITS = 9


def stored(value: Any) -> Any:
    """Plain JSON (``plain``) with every float at ``STORED_DIGITS``: no baseline records one machine's last bits."""
    if isinstance(value, dict):
        return {k: stored(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stored(v) for v in value]
    if isinstance(value, float):
        value = round(float(f"{value:.{STORED_DIGITS}g}"), STORED_DIGITS)
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    return value


def frame_json(df: pd.DataFrame) -> dict[str, Any]:
    """A table as plain JSON at full precision: {"columns": [...], "rows": [[...], ...]} (index dropped
    unless named, then it is the first column)."""
    shown = df.reset_index() if any(n is not None for n in df.index.names) else df
    return {"columns": [str(c) for c in shown.columns], "rows": plain(shown.to_numpy(dtype=object).tolist())}


# --- the one formatter -------------------------------------------------------------------------------


#: Significant digits a value is taken to before it is rounded for display: noise in the last bits (another CPU,
#: a relative change of 1e-12 in an input) never moves a value across a rounding half (857.5M, 26.5).
SNAP_DIGITS = 11


def _round(value: float, decimals: int) -> float:
    """``value`` rounded half away from zero at ``decimals`` (negative: tens, hundreds...): 26.5 -> 27, as
    readers round (Python's ``round`` goes to even on exact halves), after snapping it to ``SNAP_DIGITS``."""
    quantum = Decimal(1).scaleb(-decimals)
    snapped = Decimal(f"{float(value):.{SNAP_DIGITS}g}")
    return float(snapped.quantize(quantum, rounding=ROUND_HALF_UP))


def _round_sig(value: float, digits: int) -> float:
    if value == 0:
        return 0.0
    magnitude = math.floor(math.log10(abs(value)))
    return _round(value, digits - 1 - magnitude)


def significant(value: float, digits: int) -> str:
    """``value`` with ``digits`` significant digits, never in scientific notation, thousands separated."""
    if value == 0:
        return "0"
    rounded = _round_sig(value, digits)
    magnitude = math.floor(math.log10(abs(rounded))) if rounded else 0
    decimals = max(0, digits - 1 - magnitude)
    text = f"{rounded:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def money(value: float, digits: int = 3) -> str:
    sign = "-" if value < 0 else ""
    value = abs(float(value))
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if _round_sig(value, digits) >= size:
            return f"{sign}${significant(value / size, digits)}{suffix}"
    return f"{sign}${significant(value, digits)}"


def percent(value: float, digits: int = 2, probability: bool = False, share: bool = False) -> str:
    """``value`` in percent: whole points from 10%, ``digits`` significant figures below. A ``probability`` or a
    ``share`` (every declared one, and every table's percent column: one rule for every page) strictly between 0
    and 1% reads 'under 1%', never '0.03%'; a probability strictly between 99% and 100% reads 'over 99%' (a share
    keeps whole points there): decimals would claim a precision no interval in the collection supports, and
    0%/100% are kept for exact values."""
    p = float(value) * 100
    if (probability or share) and 0 < p < 1:
        return "under 1%"
    if probability and 99 < p < 100:
        return "over 99%"
    if p == 0 or abs(p) >= 10:
        return f"{_round(p, 0):.0f}%"
    return f"{significant(p, digits)}%"


def probability_range(low: str, high: str) -> str:
    """Two shown probabilities as one range, in the one form of every range (``labels.span``): '56% to 97%',
    '56% to over 99%', 'under 1% to 12%'."""
    from .present.labels import span

    return span(low, high)


def multiple(value: float, digits: int = 2, trim: bool = False) -> str:
    """A multiple keeps its ``digits`` significant figures, trailing zeros included: 14.8 -> '15x', 0.7012 ->
    '0.70x', 148.3 -> '150x', 3.0 -> '3.0x' (never '10x' for 14.8 nor '0.7x' for 0.70); below 0.1 as a
    fraction, 0.00074 -> '1/1,400x'. ``trim`` drops trailing zeros, for values that are no computed ratio
    (axis ticks, parameters): 6.0 -> '6x'."""
    v = float(value)
    if 0 < abs(v) < 0.1:
        return f"{'-' if v < 0 else ''}1/{significant(_round_sig(1 / abs(v), digits), digits)}x"
    if v == 0 or trim:
        return f"{significant(v, digits)}x"
    rounded = _round_sig(v, digits)
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(rounded))))
    return f"{rounded:,.{decimals}f}x"


def _leaf(result: Result, value: Any, words: Any = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, bool) or result.kind == "flag":
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(_leaf(result, v, words) for v in value) if value else "(none)"
    if isinstance(value, (int, float)):
        number = float(value)
        if result.kind == "money":
            return money(number, result.digits)
        if result.kind in ("probability", "share"):
            return percent(number, result.digits, probability=result.kind == "probability", share=True)
        if result.kind == "multiple":
            return multiple(number, result.digits)
        if result.kind == "count" or (isinstance(value, int) and result.kind not in ("number", "points")):
            return f"{int(number):,}"
        shown = significant(number, result.digits)
        if result.unit == "%":  # a score in percent of a scale (not a share of a whole): '44%'
            return shown + "%"
        unit = result.unit if result.kind == "number" and result.unit else ""
        return f"{shown} {unit}".strip()
    text = str(value)
    if result.kind == "status" and words is not None:
        return words(text)
    return text


def format_value(result: Result, value: Any) -> str:
    """A result's value as every page, table and line shows it, at its declared precision and unit.

    A mapping (``by``) reads 'Runway 20%, OpenAI 30%'; a record reads 'label value; ...'."""
    from .present.labels import words

    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            inner = result.field(str(key)) if result.fields else None
            if inner is not None:
                parts.append(f"{inner.label}: {format_value(inner, item)}")
            else:
                parts.append(f"{words(str(key))} {format_value(result, item)}")
        return "; ".join(parts) if result.fields else ", ".join(parts)
    return _leaf(result, value, words)


def range_text(result: Result, low: float, high: float) -> str:
    """Two values of one declared result in the one form of every range (``labels.span``), a quantity's unit once:
    '$10M to $40M', '15% to 45%', '12 to 18 months'."""
    from .present.labels import span

    plain_result = dataclasses.replace(result, unit="") if result.kind == "number" else result
    unit = f" {result.unit}" if result.kind == "number" and result.unit else ""
    return span(format_value(plain_result, low), format_value(plain_result, high)) + unit


def alike(result: Result, *values: float) -> list[str]:
    """Numbers of one declared result (points, a plain number) at one precision: the declared significant digits of
    the largest, so the two ends of a range round alike ('11' and '-3', never '11' and '-3.2'); a value that
    would round to 0 keeps its side of it ('just above 0', never '0' for 0.18 nor '-0')."""
    top = max(abs(_round_sig(float(v), result.digits)) for v in values)
    decimals = result.digits - 1 - math.floor(math.log10(top)) if top else 0  # negative: tens, hundreds...

    def one(value: float) -> str:
        rounded = _round(value, decimals)
        if rounded == 0 and value != 0:
            return f"just {'above' if value > 0 else 'below'} 0"
        return f"{rounded + 0.0:,.{max(decimals, 0)}f}"

    return [one(float(v)) for v in values]


def row_alike(result: Result, values: list) -> list[str]:
    """Values of one declared result side by side (a row of the scenarios' table) at one rounding: each as its
    declaration reads it, except that a percentage below 10% beside one of 10% or more keeps whole points as the
    larger does ('24%, 24%, 4%', never '24%, 24%, 3.6%'); 'under 1%' and 'over 99%' stay words."""
    shown = [format_value(result, v) for v in values]
    numbers = [float(v) for v in values if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v]
    if result.kind not in ("probability", "share") or not numbers or max(abs(v) for v in numbers) < 0.1:
        return shown
    return [
        f"{_round(float(v) * 100, 0):.0f}%" if text.lstrip("-")[:1].isdigit() and "." in text else text
        for v, text in zip(values, shown, strict=True)
    ]


# --- flattening: each leaf value with its declaration and a label in words ---------------------------


@dataclass(frozen=True)
class Leaf:
    key: str  # dotted path: 'probability.runway_demo_by_2027_06', 'article_audit[tbl_x].ratio'
    label: str  # in words: 'P(comes true): Runway: world-model demo by June 2027'
    result: Result
    value: Any


def _record_name(item: dict, index: int) -> str:
    for key in ("claim", "id", "label", "name", "key"):
        if isinstance(item.get(key), str):
            return item[key]
    return str(index)


def _lower_first(label: str) -> str:
    """'Shape k' -> 'shape k' inside a longer label; 'P(miss)', 'API use' and 'Runway' keep their capitals."""
    if label[:2] == "P(" or label[1:2].isupper() or label.split(" ")[0] in ("Runway", "OpenAI", "Google"):
        return label
    return label[:1].lower() + label[1:]


def leaves(values: dict[str, Any], declarations: dict[str, Result]) -> list[Leaf]:
    """Every value of published results with the declaration it falls under (undeclared top-level keys are
    an error: ``UndeclaredResult``)."""
    from .present.labels import words

    out: list[Leaf] = []

    def walk(result: Result, value: Any, key: str, label: str) -> None:
        if isinstance(value, dict) and (result.by or result.fields):
            for k, v in value.items():
                inner = result.field(str(k)) if result.fields else None
                if inner is not None:
                    walk(inner, v, f"{key}.{k}", f"{label}, {_lower_first(inner.label)}")
                else:
                    walk(result, v, f"{key}.{k}", f"{label}: {words(str(k))}")
        elif isinstance(value, list) and result.fields:
            for i, item in enumerate(value):
                name = _record_name(item, i) if isinstance(item, dict) else str(i)
                walk(result, item, f"{key}[{name}]", f"{label} ({words(name)})")
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for i, item in enumerate(value):
                walk(result, item, f"{key}[{i}]", f"{label} #{i + 1}")
        else:
            out.append(Leaf(key, label, result, value))

    for rid, value in values.items():
        if rid not in declarations:
            raise UndeclaredResult(f"result {rid!r} is published without a declaration")
        walk(declarations[rid], value, rid, declarations[rid].label)
    return out


def declaration_at(declarations: dict[str, Result], key: str) -> Result | None:
    """The declaration a dotted key falls under: 'probability.runway_demo_by_2027_06' -> probability's;
    'sourcing.primary_sources' -> the field's."""
    parts = key.replace("[", ".").replace("]", "").split(".")
    result = declarations.get(parts[0])
    for part in parts[1:]:
        if result is None:
            return None
        inner = result.field(part) if result.fields else None
        result = inner or result
    return result


def declarations_json(declarations: dict[str, Result], values: dict[str, Any]) -> dict[str, Any]:
    """The declarations of the results actually published, as plain JSON."""
    return {rid: declarations[rid].as_dict() for rid in values if rid in declarations}


def declarations_from_json(spec: Any) -> dict[str, Result]:
    """Declarations read back from a summary or a notebook (malformed entries are left out)."""
    if not isinstance(spec, dict):
        return {}
    return {str(k): Result.from_dict(str(k), v) for k, v in spec.items() if isinstance(v, dict)}


# --- what an entry point returns ----------------------------------------------------------------------


@dataclass
class Answer:
    """The answer a notebook leads with: one sentence, its bullets, 3-5 key numbers (keys of declared
    results, formatted by their declaration), what would flip it, and the sourcing counts."""

    finding: str
    details: list[str] = field(default_factory=list)
    #: (label, result key) or (label, result key, second key): the second key names the result's interval
    #: (a [low, high] value, or a record with low and high: '20% (10-30%)') or its whole (a count: '2 of 3')
    key_numbers: list[tuple[str, ...]] = field(default_factory=list)
    flip: str = ""
    sourcing: dict[str, int] = field(default_factory=dict)
    question: str = ""
    #: names of ids the results are keyed by, from the data (stakeholders): every page shows an id by its one name
    names: dict[str, str] = field(default_factory=dict)


@dataclass
class Analysis:
    """Base of every entry point's typed result: ``results`` (declared values), the ``answer``, and, as
    further DataFrame fields of the subclass, its tables and each chart's data (compared as data).

    A subclass sets ``DECLARATIONS`` to its module's ``declare(...)``."""

    results: dict[str, Any]
    answer: Answer

    DECLARATIONS: ClassVar[dict[str, Result]] = {}

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every table and chart's data of the analysis, by field name."""
        return {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if isinstance(getattr(self, f.name), pd.DataFrame)
        }

    def published(self) -> dict[str, Any]:
        """The results and the answer as plain JSON at full precision, key numbers formatted by their
        declaration. Every result must be declared (``UndeclaredResult``)."""
        values = plain(self.results)
        for rid in values:
            if rid not in self.DECLARATIONS or rid in ANSWER_IDS:
                raise UndeclaredResult(f"result {rid!r} is published without a declaration")
        by_key = {leaf.key: leaf for leaf in leaves(values, self.DECLARATIONS)}
        numbers = [key_number(by_key, *spec) for spec in self.answer.key_numbers[:5]]
        answer = {
            "finding": sentence(self.answer.finding),
            "details": [sentence(d) for d in self.answer.details if d],
            "key_numbers": numbers,
            "flip": sentence(self.answer.flip) if self.answer.flip else "",
            "sourcing": plain(self.answer.sourcing),
        }
        if self.answer.question:
            answer["question"] = self.answer.question
        if self.answer.names:
            answer["names"] = dict(self.answer.names)
        return values | answer

    def publication(self) -> dict[str, Any]:
        """What ``report.publish_results`` stores: the values at full precision, their declarations, every
        table and chart's data, and the entry point that computed them (``module:analyse``)."""
        values = self.published()
        return {
            "results": stored(values),
            "declarations": declarations_json(self.DECLARATIONS, values),
            "frames": {name: stored(frame_json(df)) for name, df in self.frames().items()},
            "entry_point": f"{type(self).__module__}:analyse",
        }


def short_range(result: Result, low: Any, high: Any) -> str:
    """An interval as it stands beside its point (its unit in the label), in the one form of every range
    (``labels.span``): '10% to 30%', '$10M to $40M', '11 to 18'."""
    from .present.labels import span

    bare = dataclasses.replace(result, unit="") if result.kind in ("number", "points") else result
    return span(format_value(bare, low), format_value(bare, high))


def key_number(by_key: dict[str, Leaf], label: str, key: str, beside: str = "") -> dict[str, str]:
    """One key number of an answer, formatted by its result's declaration. ``beside`` names a second result:
    an interval ('20% (10-30%)'), a whole ('2 of 3') or the other end of a range ('170-210x'). A quantity's
    unit moves into the label, so that the value stays short: 'Pace (points a year)': '13 (11-18)'."""
    if key not in by_key:
        raise UndeclaredResult(f"key number {label!r} names {key!r}, which is not a published result")
    result, value = by_key[key].result, by_key[key].value
    if result.kind in ("number", "points") and result.unit and result.unit != "%":
        if result.unit.lower() not in label.lower():
            label = f"{label} ({result.unit})"
        result = dataclasses.replace(result, unit="")
    shown = format_value(result, value)
    if beside:
        other = by_key.get(beside)
        if other is not None and isinstance(other.value, (list, tuple)) and len(other.value) == 2:
            if {format_value(result, end) for end in other.value} != {shown}:  # else it reads as the one value
                shown += f" ({short_range(result, *other.value)})"
        elif f"{beside}.low" in by_key and f"{beside}.high" in by_key:
            shown += f" ({short_range(result, by_key[f'{beside}.low'].value, by_key[f'{beside}.high'].value)})"
        elif other is not None and other.result.kind == "count" and isinstance(other.value, int):
            shown += f" of {other.value:,}"
        elif other is not None and isinstance(other.value, (int, float)) and isinstance(value, (int, float)):
            shown = short_range(result, *sorted((other.value, value)))
        else:
            raise UndeclaredResult(f"key number {label!r}: {beside!r} is no interval, whole or other end")
    return {"label": label, "value": shown, "key": key}


def sentence(text: str) -> str:
    """Whitespace collapsed, a capital first and a full stop last."""
    text = " ".join(str(text).split())
    text = text[:1].upper() + text[1:]
    return text if not text or text.endswith((".", "?", "!")) else text + "."
