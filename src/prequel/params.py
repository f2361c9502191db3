"""Parameter specifications and strict checking, shared by the runner and the notebooks.

Each notebook declares its parameters (names, types, defaults, help, allowed values) once, in
its cell tagged ``parameters`` (read by ``prequel.declarations``). The runner checks raw text
from ``-p``/``-f`` before any kernel starts; the notebook's check cell checks the values it
received (papermill alone turns ``-p x 007`` into 7 and YAML ``NO`` into False).
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .dates import parse_day
from .outside import shown

BOOL_WORDS = {"true": True, "false": False}
#: Longest text accepted for one value (a path, a list of ids, a JSON mapping): longer is refused unread.
MAX_VALUE_CHARS = 10_000


class ParameterError(ValueError):
    """A parameter value was refused; the message is one line naming the parameter."""

    def _render_traceback_(self):  # IPython shows this one line instead of a traceback
        return [f"ParameterError: {self}"]


@dataclass(frozen=True)
class Param:
    kind: str  # date | bool | int | float | range | choice | text | path | id_list | mapping
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    nullable: bool = False
    value_kind: str = ""  # for mapping: "weight" (a number >= 0) or "pair" (two numbers in [minimum, maximum])
    names_from: str = ""  # "table.column" of the data whose values are the allowed ids or keys
    check: str = ""  # name of a check against the data in DATA_CHECKS
    earliest: str = ""  # for a date: the first and last day allowed (YYYY-MM-DD), when bounded
    latest: str = ""

    def describe(self) -> str:
        if self.kind == "choice":
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.kind == "date":
            return "a date YYYY-MM-DD" + (f" from {self.earliest} to {self.latest}" if self.earliest else "")
        if self.kind == "bool":
            return "true or false"
        if self.kind in ("int", "float"):
            noun = "a whole number" if self.kind == "int" else "a number"
            lo = "-inf" if self.minimum is None else f"{self.minimum:g}"
            hi = "inf" if self.maximum is None else f"{self.maximum:g}"
            return f"{noun} in [{lo}, {hi}]"
        if self.kind == "range":
            lo = "-inf" if self.minimum is None else f"{self.minimum:g}"
            hi = "inf" if self.maximum is None else f"{self.maximum:g}"
            return f"[low, high] with {lo} <= low <= high <= {hi}"
        if self.kind == "mapping":
            keys = ", ".join(self.choices) if self.choices else "names in the data"
            value = (
                "a weight >= 0"
                if self.value_kind == "weight"
                else f"[a, b] within [{self.minimum:g}, {self.maximum:g}]"
            )
            return f"a mapping of name to {value} (names: {keys})"
        if self.kind == "id_list":
            allowed = ", ".join(self.choices) if self.choices else "ids in the data"
            return f"a list of company ids ({allowed}), or null for all"
        return "a text value"


def _fail(name: str, spec: Param, value: Any, why: str = "") -> ParameterError:
    got = f"{shown(value)} ({type(value).__name__})"
    return ParameterError(f"parameter {shown(name)}: got {got}{' - ' + why if why else ''}; expected {spec.describe()}")


def _json(name: str, spec: Param, text: str, form: str) -> Any:
    """A value written as JSON on the command line; malformed or nested too deep is refused."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise _fail(name, spec, text, f"write it as JSON or as {form}") from None


def check_value(name: str, spec: Param, value: Any, raw: bool = False) -> Any:
    """Return the checked value, converted from text when ``raw`` (command line, YAML)."""
    if value is None or (raw and isinstance(value, str) and value.strip().lower() in ("null", "none", "~")):
        if spec.nullable:
            return None
        raise _fail(name, spec, value)
    if raw and isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        raise _fail(name, spec, value, f"longer than {MAX_VALUE_CHARS:,} characters")
    kind = spec.kind
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if raw and isinstance(value, str) and value.strip().lower() in BOOL_WORDS:
            return BOOL_WORDS[value.strip().lower()]
        raise _fail(name, spec, value, "only true or false are accepted")
    if kind in ("int", "float"):
        number = value
        if raw and isinstance(value, str):
            text = value.strip()
            pattern = r"[+-]?\d+" if kind == "int" else r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?"
            if not re.fullmatch(pattern, text, flags=re.ASCII):  # ASCII digits only: one canonical form
                raise _fail(name, spec, value)
            try:
                number = int(text) if kind == "int" else float(text)
            except ValueError:  # an integer of more than 4,300 digits
                raise _fail(name, spec, value, "out of range") from None
        if (
            isinstance(number, bool)
            or not isinstance(number, (int, float))
            or (kind == "int" and not isinstance(number, int))
            or not math.isfinite(number)
        ):
            raise _fail(name, spec, value)
        if (spec.minimum is not None and number < spec.minimum) or (spec.maximum is not None and number > spec.maximum):
            raise _fail(name, spec, value, "out of range")
        return number
    if kind == "range":
        pair = value
        if raw and isinstance(value, str):
            text = value.strip().strip("[]")
            parts = [x.strip() for x in text.split(",")]
            number = Param("float")
            try:
                pair = [check_value(name, number, x, raw=True) for x in parts]
            except ParameterError:
                raise _fail(name, spec, value) from None
        elif raw and isinstance(value, list):
            pair = [check_value(name, Param("float"), x, raw=True) for x in value]
        if (
            not isinstance(pair, (list, tuple))
            or len(pair) != 2
            or any(isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x) for x in pair)
        ):
            raise _fail(name, spec, value, "give two numbers")
        low, high = float(pair[0]), float(pair[1])
        if low > high:
            raise _fail(name, spec, value, "low is above high")
        if (spec.minimum is not None and low < spec.minimum) or (spec.maximum is not None and high > spec.maximum):
            raise _fail(name, spec, value, "out of range")
        return [low, high]
    if kind == "mapping":
        return _check_mapping(name, spec, value, raw)
    if kind == "id_list":
        items = value
        if raw and isinstance(value, str):
            text = value.strip()
            items = (
                _json(name, spec, text, "a,b")
                if text.startswith("[")
                else [v.strip() for v in text.split(",") if v.strip()]
            )
        if not isinstance(items, (list, tuple)) or not items or not all(isinstance(i, str) for i in items):
            raise _fail(name, spec, value, "give at least one id")
        unknown = [i for i in items if spec.choices and i not in spec.choices]
        if unknown:
            raise _fail(name, spec, value, f"unknown id {shown(unknown[0])}")
        if len(set(items)) != len(items):
            raise _fail(name, spec, value, "an id is repeated")
        return list(items)
    if not isinstance(value, str):
        raise _fail(name, spec, value)
    if kind == "date":
        try:
            parse_day(value)
        except ValueError:
            raise _fail(name, spec, value, "not a real date of the form YYYY-MM-DD") from None
        day = value.strip()
        if spec.earliest and not spec.earliest <= day <= spec.latest:
            raise _fail(name, spec, value, "out of range")
        return day
    if kind == "choice" and value not in spec.choices:
        raise _fail(name, spec, value)
    return value


def _check_mapping(name: str, spec: Param, value: Any, raw: bool) -> dict:
    mapping = value
    if raw and isinstance(value, str):
        text = value.strip()
        form = "name:value,name:value"
        try:
            mapping = (
                _json(name, spec, text, form)
                if text.startswith("{")
                else {k.strip(): v.strip() for k, v in (item.split(":", 1) for item in text.split(",") if item.strip())}
            )
        except ValueError:
            raise _fail(name, spec, value, f"write it as JSON or as {form}") from None
    if not isinstance(mapping, dict):
        raise _fail(name, spec, value)
    out = {}
    for key, item in mapping.items():
        if spec.choices and key not in spec.choices:
            near = nearest_name(str(key), list(spec.choices))
            raise _fail(
                name, spec, value, f"unknown name {shown(key)}" + (f" (did you mean {near!r}?)" if near else "")
            )
        if spec.value_kind == "weight":
            number = check_value(f"{name}[{key}]", Param("float", minimum=0), item, raw=raw and isinstance(item, str))
            out[key] = number
        else:
            out[key] = _check_pair(f"{name}[{key}]", spec, item, raw)
    if spec.value_kind == "weight" and out and sum(out.values()) <= 0:
        raise _fail(name, spec, value, "weights must not all be zero")
    return out


def _check_pair(name: str, spec: Param, item: Any, raw: bool) -> list[float]:
    """Two numbers within [minimum, maximum], in any order (e.g. payoffs if a thesis holds / fails)."""
    parts = item
    if isinstance(item, str) and raw:
        parts = item.replace("/", ",").strip("[] ").split(",")
    number = Param("float", minimum=spec.minimum, maximum=spec.maximum)
    if not isinstance(parts, (list, tuple)) or len(parts) != 2:
        raise _fail(name, number, item, "give two numbers [if the thesis holds, if it does not]")
    return [check_value(name, number, p, raw=raw and isinstance(p, str)) for p in parts]


def nearest_name(name: str, known: list[str]) -> str | None:
    if len(name) > 100:  # no known name is that long; difflib would take a while to say so
        return None
    match = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    return match[0] if match else None


def check_parameters(
    specs: Mapping[str, Param], values: Mapping[str, Any], raw: bool = False, where: str = ""
) -> dict[str, Any]:
    """Check the given values against ``specs``; unknown names are refused with the nearest one."""
    out = {}
    for name, value in values.items():
        if name not in specs:
            near = nearest_name(name, list(specs))
            hint = f" (did you mean {near!r}?)" if near else ""
            raise ParameterError(f"{where}unknown parameter {shown(name)}{hint}; known: {', '.join(specs)}")
        try:
            out[name] = check_value(name, specs[name], value, raw=raw)
        except ParameterError as err:
            raise ParameterError(f"{where}{err}") from None
    return out


def with_choices(spec: Param, choices: list[str]) -> Param:
    return dataclasses.replace(spec, choices=tuple(choices))


def with_data_choices(specs: Mapping[str, Param], data: Any) -> dict[str, Param]:
    """The specs with the allowed ids and keys read from the data (``names_from``)."""
    out = {}
    for name, spec in specs.items():
        if spec.names_from:
            table, column = spec.names_from.split(".")
            spec = with_choices(spec, list(dict.fromkeys(getattr(data, table)[column])))
        out[name] = spec
    return out


def _window_in_data(data: Any, name: str, value: Any) -> None:
    from .analysis.operations import sourced_inputs

    try:
        sourced_inputs(data, "runway", value)
    except ValueError as err:
        raise ParameterError(f"parameter {shown(name)}: {err}") from None


def _round_in_data(data: Any, name: str, value: Any) -> None:
    from .analysis.valuation import inputs_known

    try:
        inputs_known(data, value)
    except ValueError as err:
        raise ParameterError(f"parameter {shown(name)}: {err}") from None


def _releases_in_data(data: Any, name: str, value: Any) -> None:
    from .analysis.demo_timing import reference_class_known

    try:
        reference_class_known(data.releases, value)
    except ValueError as err:
        raise ParameterError(f"parameter {shown(name)}: {err}") from None


#: Checks against the data, named by a parameter's declaration (", checked by NAME").
DATA_CHECKS: dict[str, Callable[[Any, str, Any], None]] = {
    "window_in_data": _window_in_data,
    "round_in_data": _round_in_data,
    "releases_in_data": _releases_in_data,
}


def check_against_data(
    specs: Mapping[str, Param], values: Mapping[str, Any], data: Any, where: str = "", passed: set | None = None
) -> dict[str, Any]:
    """Check values whose allowed ids come from the data, and the declared data checks. ``passed``: the
    (check, value) pairs already found good against the same data (a grid's points share most values), each
    checked once; the pairs this call checks are added to it."""
    checked = dict(values)
    for name, spec in with_data_choices(specs, data).items():
        if name not in values:
            continue
        if spec.names_from:
            try:
                checked[name] = check_value(name, spec, values[name])
            except ParameterError as err:
                raise ParameterError(f"{where}{err}") from None
        if spec.check:
            key = (spec.check, json.dumps(values[name], sort_keys=True, default=str))
            if passed is None or key not in passed:
                DATA_CHECKS[spec.check](data, name, values[name])
            if passed is not None:
                passed.add(key)
    return checked
