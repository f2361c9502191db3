"""Parameters declared once, in the notebook's cell tagged ``parameters``.

Every line of that cell is an annotated default with a help comment; what the value may be
follows a ``|`` at the end of the comment::

    weibull_k: float = 1.5  # Weibull shape of the demo time | 0.1 to 10
    strictness: str = "strict"  # reading used for the headline | one of strict, lenient
    companies: Optional[list] = None  # companies to compare; None means all | company ids
    weights: Optional[dict] = None  # dimension -> weight | weights by scales.dimension
    window_start: str = "2026-04-29"  # start of the window | date, checked by window_in_data

The annotation gives the Python type (``Optional[...]`` allows None); the part after ``|`` is
one of: ``date`` (a day in ``DATES``, or ``date LOW to HIGH`` within them), ``folder``, ``one of A, B``,
``LOW to HIGH`` (numbers, ``inf`` allowed),
``range LOW to HIGH`` (a [low, high] list), ``company ids``, ``weights by TABLE.COLUMN``,
``pairs LOW to HIGH by TABLE.COLUMN``; ``, checked by NAME`` adds a check against the data
(see ``DATA_CHECKS``). Booleans and free text need no ``|`` part.

The runner reads this text from the notebook file; the notebook's own check reads the same
cell as the kernel ran it (a ``pre_run_cell`` hook, below); the rerun block and ``--params`` print it. Nothing else
declares a parameter.
"""

from __future__ import annotations

import ast
import functools
import io
import math
import re
import tokenize
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .dates import parse_day
from .outside import shown
from .params import Param, ParameterError, check_value
from .paths import NOTEBOOKS_DIR, TEXT_FORMAT

if TYPE_CHECKING:
    import nbformat

BASE_TYPES = {"bool": "bool", "int": "int", "float": "float", "str": "text", "list": "list", "dict": "dict"}
NUMBER = r"[+-]?(?:\d[\d_]*\.?\d*(?:[eE][+-]?\d+)?|inf)"
#: The days a ``date`` parameter may take: the analyses and their charts work on them all (pandas' timestamps
#: end in 2262, matplotlib's axes in 9999, so a far later date fails in a kernel, not in the check).
DATES = ("1900-01-01", "2100-12-31")


class DeclarationError(Exception):
    """A notebook's parameters cell does not follow the declaration syntax (a maintainer's error)."""

    def _render_traceback_(self) -> list[str]:  # IPython shows this one line instead of a traceback
        return [f"DeclarationError: {self}"]


@dataclass(frozen=True)
class Declared:
    """One parameter as the notebook declares it."""

    name: str
    annotation: str
    default: Any
    help: str
    allowed: str  # the text after "|", shown to users as it is written
    spec: Param


def _number(text: str) -> float:
    return float(text.replace("_", ""))


def _spec(annotation: str, allowed: str, where: str) -> Param:
    nullable = False
    inner = annotation.replace(" ", "")
    match = re.fullmatch(r"Optional\[(\w+)\]", inner)
    if match:
        nullable, inner = True, match.group(1)
    if inner not in BASE_TYPES:
        raise DeclarationError(
            f"{where}: annotation {annotation!r} is not one of {', '.join(BASE_TYPES)} (optionally in Optional[...])"
        )
    base = BASE_TYPES[inner]
    text, _, check = allowed.partition(", checked by ")
    text, check = text.strip(), check.strip()

    def bounds(spec: str) -> tuple[float | None, float | None]:
        found = re.fullmatch(rf"({NUMBER}) to ({NUMBER})", spec)
        if not found:
            raise DeclarationError(f"{where}: expected 'LOW to HIGH', got {spec!r}")
        low, high = (_number(x) for x in found.groups())
        return (None if low == float("-inf") else low), (None if high == float("inf") else high)

    if base == "bool" and not text:
        return Param("bool", nullable=nullable, check=check)
    if base in ("int", "float"):
        low, high = bounds(text)
        return Param(base, minimum=low, maximum=high, nullable=nullable, check=check)
    if base == "text":
        found = re.fullmatch(r"date(?: (\S+) to (\S+))?", text)
        if found:
            earliest, latest = found.groups() if found.group(1) else DATES
            for day in (earliest, latest):
                try:
                    parse_day(day)
                except ValueError:
                    raise DeclarationError(f"{where}: {day!r} is not a date YYYY-MM-DD") from None
            if not DATES[0] <= earliest <= latest <= DATES[1]:
                raise DeclarationError(f"{where}: expected dates from {DATES[0]} to {DATES[1]}, got {text!r}")
            return Param("date", nullable=nullable, check=check, earliest=earliest, latest=latest)
        if text == "folder":
            return Param("path", nullable=nullable, check=check)
        if text.startswith("one of "):
            choices = tuple(c.strip() for c in text.removeprefix("one of ").split(","))
            return Param("choice", choices, nullable=nullable, check=check)
        if not text:
            return Param("text", nullable=nullable, check=check)
    if base == "list":
        if text.startswith("range "):
            low, high = bounds(text.removeprefix("range "))
            return Param("range", minimum=low, maximum=high, nullable=nullable, check=check)
        if text == "company ids":
            return Param("id_list", nullable=nullable, names_from="companies.company_id", check=check)
    if base == "dict":
        found = re.fullmatch(r"weights by (\w+\.\w+)", text)
        if found:
            return Param("mapping", nullable=nullable, value_kind="weight", names_from=found.group(1), check=check)
        found = re.fullmatch(rf"pairs ({NUMBER} to {NUMBER}) by (\w+\.\w+)", text)
        if found:
            low, high = bounds(found.group(1))
            return Param(
                "mapping",
                minimum=low,
                maximum=high,
                nullable=nullable,
                value_kind="pair",
                names_from=found.group(2),
                check=check,
            )
    raise DeclarationError(f"{where}: {annotation} does not take {allowed!r} (see prequel.declarations)")


def _comments(source: str) -> dict[int, str]:
    """Line number -> the comment text on that line."""
    found = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            found[token.start[0]] = token.string.lstrip("#").strip()
    return found


def read_declarations(source: str, where: str = "parameters cell") -> dict[str, Declared]:
    """Parse a parameters cell; every statement must be ``name: type = literal  # help | allowed``."""
    try:
        tree = ast.parse(source)
        comments = _comments(source)
    except (SyntaxError, tokenize.TokenError) as err:
        raise DeclarationError(f"{where}: not valid Python ({err})") from None
    declared: dict[str, Declared] = {}
    for node in tree.body:
        line = f"{where}, line {node.lineno}"
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None):
            raise DeclarationError(f"{line}: expected 'name: type = default  # help', got {ast.unparse(node)!r}")
        try:
            default = ast.literal_eval(node.value)
        except ValueError:
            raise DeclarationError(
                f"{line}: the default of {node.target.id!r} must be a literal "
                "(never today's date or the working directory)"
            ) from None
        comment = comments.get(node.end_lineno, "")
        if not comment:
            raise DeclarationError(f"{line}: {node.target.id!r} has no help comment")
        help_text, _, allowed = comment.partition(" | ")
        annotation = ast.unparse(node.annotation)
        spec = _spec(annotation, allowed.strip(), f"{line} ({node.target.id})")
        name = node.target.id
        if name in declared:
            raise DeclarationError(f"{line}: {name!r} is declared twice")
        try:
            default = check_value(name, spec, default)
        except ParameterError as err:
            raise DeclarationError(f"{line}: the default does not pass its own declaration: {err}") from None
        declared[name] = Declared(name, annotation, default, help_text.strip(), allowed.strip(), spec)
    if not declared:
        raise DeclarationError(f"{where}: declares no parameter")
    return declared


def parameters_cell(nb: nbformat.NotebookNode, where: str) -> nbformat.NotebookNode:
    tagged = [c for c in nb.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]
    if len(tagged) != 1:
        raise DeclarationError(f"{where}: expected one code cell tagged 'parameters', found {len(tagged)}")
    return tagged[0]


def declared_parameters(nb: nbformat.NotebookNode, where: str = "notebook") -> dict[str, Declared]:
    return read_declarations(parameters_cell(nb, where).source, f"{where}, parameters cell")


@functools.cache
def declared_in(stem: str) -> dict[str, Declared]:
    """The parameters notebook ``stem`` declares (its text twin in notebooks/): an analysis takes a default
    or a bound from here instead of typing the declared value again."""
    import jupytext

    path = NOTEBOOKS_DIR / f"{stem}.py"
    if not path.is_file():  # an installed or copied package without the repository's notebooks/
        raise DeclarationError(f"{path} not found: {stem}'s declared defaults and bounds are read there (a checkout)")
    return declared_parameters(jupytext.read(path, fmt=TEXT_FORMAT), path.name)


def declared_default(stem: str, name: str) -> Any:
    return declared_in(stem)[name].default


def declared_bounds(stem: str, name: str) -> tuple[float, float]:
    """The declared ``LOW to HIGH`` of a number parameter (an unbounded end as -inf or inf)."""
    spec = declared_in(stem)[name].spec
    low, high = spec.minimum, spec.maximum
    return (-math.inf if low is None else low), (math.inf if high is None else high)


def specs(declared: dict[str, Declared]) -> dict[str, Param]:
    return {name: d.spec for name, d in declared.items()}


def defaults(declared: dict[str, Declared]) -> dict[str, Any]:
    return {name: d.default for name, d in declared.items()}


def describe(declared: dict[str, Declared]) -> list[dict[str, str]]:
    """One row per parameter for people: name, type, default, allowed values, help."""
    return [
        {"name": d.name, "type": d.annotation, "default": repr(d.default), "allowed": d.spec.describe(), "help": d.help}
        for d in declared.values()
    ]


#: The cells this kernel ran that matter to the check: the latest parameters cell, then papermill's
#: injected cells after it. Filled by an IPython ``pre_run_cell`` hook registered when this module is
#: imported in a kernel (nbval runs cells without storing them in ``In``, so history alone is not enough).
_seen: list[str] = []


def _remember_cell(info: Any) -> None:
    source = getattr(info, "raw_cell", "") or ""
    if source.lstrip().startswith("# Parameters"):
        _seen.append(source)
    elif ": " in source and " = " in source:
        try:
            read_declarations(source)
        except DeclarationError:
            return
        _seen[:] = [source]


def _register_hook() -> None:
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and _remember_cell not in shell.events.callbacks["pre_run_cell"]:
        shell.events.register("pre_run_cell", _remember_cell)


_register_hook()


def _declarations_in(cells: list[str]) -> tuple[int, dict[str, Declared]]:
    """The latest of ``cells`` that is a parameters cell."""
    for index in range(len(cells) - 1, -1, -1):
        cell = cells[index]
        if ": " not in cell or " = " not in cell:
            continue
        try:
            return index, read_declarations(cell)
        except DeclarationError:
            continue
    raise DeclarationError("no parameters cell has run in this kernel: run the notebook from the top")


def _injected_names(cells: list[str], after: int) -> list[str]:
    """Names that papermill injected (its cell starts with '# Parameters') after the declarations."""
    names: list[str] = []
    for cell in cells[after + 1 :]:
        if cell.lstrip().startswith("# Parameters"):
            try:
                tree = ast.parse(cell)
            except SyntaxError:
                continue
            names += [
                t.id
                for node in tree.body
                if isinstance(node, ast.Assign)
                for t in node.targets
                if isinstance(t, ast.Name)
            ]
    return names


def check_parameters_then_load_data(namespace: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """The notebook's check cell: refuse unknown or bad parameters, then load and check the data.

    Reads the declarations from the parameters cell as this kernel ran it (or, outside a kernel, from
    ``namespace['In']``), so the notebook's parameters
    cell is the only declaration; values are checked before any data file is read.
    """
    from .data import load_dataset
    from .params import check_against_data, check_parameters, nearest_name
    from .paths import resolve_data_dir

    history = namespace.get("In")
    cells = list(_seen) if _seen else list(history) if isinstance(history, list) else []
    index, declared = _declarations_in(cells)
    for name in _injected_names(cells, index):
        if name not in declared:
            near = nearest_name(name, list(declared))
            raise ParameterError(
                f"unknown parameter {shown(name)}"
                + (f" (did you mean {near!r}?)" if near else "")
                + f"; this notebook takes: {', '.join(declared)}"
            )
    params = check_parameters(specs(declared), {name: namespace[name] for name in declared})
    if "data_dir" in params:
        try:
            params["data_dir"] = str(resolve_data_dir(params["data_dir"]))
        except FileNotFoundError as err:
            raise ParameterError(f"parameter 'data_dir': {err}") from None
    data = load_dataset(params.get("data_dir"))
    return check_against_data(specs(declared), params, data), data
