"""A notebook's analysis evaluated in-process through its typed entry point: no kernel, no page.

A notebook on an entry point publishes (``report.publish_results``) the entry point's name beside its
results; this module calls that function with the notebook's declared defaults (or other checked values)
and returns the same publication, which ``prequel.regression`` compares with the committed baseline."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import nbformat

from ..declarations import declared_parameters, defaults, specs
from ..params import check_against_data, check_parameters
from ..paths import resolve_data_dir
from ..results import Analysis
from .site import published
from .sources import Notebook


class NoEntryPoint(LookupError):
    """A notebook whose committed baseline names no entry point."""


def entry_point_of(publication: dict[str, Any]) -> str:
    name = publication.get("entry_point")
    if not isinstance(name, str) or ":" not in name or not name.startswith("prequel."):
        raise NoEntryPoint("the notebook publishes no prequel entry point")
    return name


def call(entry_point: str, data: Any, params: dict[str, Any]) -> Analysis:
    module, function = entry_point.split(":", 1)
    analyse = getattr(importlib.import_module(module), function)
    result = analyse(data, params)
    if not isinstance(result, Analysis):
        raise TypeError(f"{entry_point} returned {type(result).__name__}, not an Analysis")
    return result


def checked_parameters(
    notebook: Notebook, data: Any, values: dict[str, Any] | None = None, passed: set | None = None
) -> dict[str, Any]:
    """The notebook's declared defaults with ``values`` over them, checked as the notebook checks them
    (``passed``: the data checks already passed against ``data``, see ``params.check_against_data``)."""
    declared = declared_parameters(notebook.read(), str(notebook.source))
    params = check_parameters(specs(declared), defaults(declared) | dict(values or {}))
    if "data_dir" in params:
        params["data_dir"] = str(resolve_data_dir(params["data_dir"]))
    return check_against_data(specs(declared), params, data, passed=passed)


def evaluate(notebook: Notebook, data: Any, values: dict[str, Any] | None = None) -> dict[str, Any]:
    """The notebook's publication computed in-process from ``data`` (a loaded dataset)."""
    baseline = published(nbformat.read(notebook.baseline, as_version=4))
    entry_point = entry_point_of(baseline)
    return call(entry_point, data, checked_parameters(notebook, data, values)).publication()


def baseline_publication(notebook: Notebook) -> dict[str, Any]:
    return published(nbformat.read(Path(notebook.baseline), as_version=4))
