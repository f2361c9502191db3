"""Named parameter sets spanning notebooks (scenarios/*.yaml), checked like -p values.

A scenario file has a ``description``, optional ``parameters`` (set in every notebook that
declares them, such as ``as_of``) and optional ``notebooks`` (values for one notebook each)::

    description: The thesis weak ...
    parameters: {as_of: "2026-11-24"}
    notebooks:
      02_winners_losers: {p_thesis: 0.2}
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..outside import Unreadable, plain, read_regular, shown
from ..params import ParameterError, nearest_name
from ..paths import REPO_ROOT

SCENARIOS_DIR = REPO_ROOT / "scenarios"
SAFE_NAME = re.compile(r"[A-Za-z0-9_-]+")
MAX_YAML_BYTES = 1_000_000
MAX_MARKER_BYTES = 1_000_000  # a scenario folder's scenario.json (the runner writes a few KB)


class YamlError(Exception):
    """A YAML file the runner refuses (syntax, duplicate keys, aliases, size): exit status 2."""


class _StrictLoader(yaml.BaseLoader):
    """Every scalar as text (so `NO` stays 'NO' and `007` stays '007' until checked); no aliases
    (an alias bomb expands exponentially); no duplicate keys."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlError(f"line {event.start_mark.line + 1}: aliases (*name) are not allowed")
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
        seen: set[str] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise YamlError(f"line {key_node.start_mark.line + 1}: duplicate key {shown(key)}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path, inside: bool = False) -> Any:
    """A YAML file with every scalar as text; YamlError names the file and the problem. A regular file only,
    of at most ``MAX_YAML_BYTES``; with ``inside`` (a file found in a folder), not through a link out of it."""
    try:
        text = read_regular(path, MAX_YAML_BYTES, inside=inside).decode("utf-8")
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a BaseLoader subclass builds only text, lists and dicts
    except YamlError as err:
        raise YamlError(f"{plain(path.name)}: {err}") from None
    except Unreadable as err:
        raise YamlError(f"{plain(path)}: {err}") from None
    except UnicodeDecodeError:
        raise YamlError(f"{plain(path.name)}: not UTF-8 text") from None
    except (TypeError, RecursionError):
        raise YamlError(f"{path.name}: keys must be plain names, and nesting shallow") from None
    except yaml.YAMLError as err:
        first = str(err).strip().splitlines()
        raise YamlError(f"{path.name}: not valid YAML ({' '.join(first[:3])[:200]})") from None


@dataclass
class Scenario:
    name: str
    path: Path
    description: str
    shared: dict[str, str] = field(default_factory=dict)  # raw values for every notebook that declares them
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict)  # notebook stem -> raw values


def available(folder: Path | None = None, warn: bool = True) -> list[str]:
    """Scenario names: file stems of letters, digits, '-' and '_' (others are skipped with a warning);
    ``folder``: ``SCENARIOS_DIR`` (read when called)."""
    folder = folder or SCENARIOS_DIR
    names = []
    for path in sorted(folder.glob("*.yaml")):
        if SAFE_NAME.fullmatch(path.stem) and not path.stem.startswith("_"):
            names.append(path.stem)
        elif warn:
            print(
                f"warning: skipped scenario file {shown(path.name)}: "
                "a scenario name has only letters, digits, '-' and '_'",
                file=sys.stderr,
            )
    return names


def load(name: str, stems: list[str], folder: Path | None = None) -> Scenario:
    """Read one scenario file (in ``folder``, default ``SCENARIOS_DIR``); errors name the file, the key and
    the allowed values. Values stay raw text here and are checked by the runner against each notebook's
    declarations."""
    folder = folder or SCENARIOS_DIR
    if not SAFE_NAME.fullmatch(name) or name.startswith("_"):
        raise ParameterError(
            f"scenario name {shown(name)}: only letters, digits, '-' and '_' are allowed, not starting with '_'"
        )
    names = available(folder, warn=False)
    if name not in names:
        near = nearest_name(name, names)
        raise ParameterError(
            f"unknown scenario {shown(name)}"
            + (f" (did you mean {near!r}?)" if near else "")
            + f"; available: {', '.join(names)}, or 'all'"
        )
    path = folder / f"{name}.yaml"
    where = f"{path.name}: "
    raw = read_yaml(path, inside=True)
    allowed = {"description", "parameters", "notebooks"}
    if not isinstance(raw, dict) or set(raw) - allowed or "description" not in raw:
        raise ParameterError(f"{where}expected the key 'description' and optionally 'parameters' and 'notebooks'")
    shared = raw.get("parameters") or {}
    sections = raw.get("notebooks") or {}
    if not isinstance(shared, dict):
        raise ParameterError(f"{where}'parameters' must map parameter names to values")
    if not isinstance(sections, dict):
        raise ParameterError(f"{where}'notebooks' must map notebook names to their parameters")
    for stem, values in sections.items():
        if stem not in stems:
            near = nearest_name(stem, stems)
            raise ParameterError(
                f"{where}unknown notebook {shown(stem)}"
                + (f" (did you mean {near!r}?)" if near else "")
                + f"; known: {', '.join(stems)}"
            )
        if not isinstance(values, dict):
            raise ParameterError(f"{where}{stem}: expected a mapping of parameter names to values")
    return Scenario(name, path, " ".join(str(raw["description"]).split()), dict(shared), dict(sections))


def rendered_pages(root: Path) -> dict[str, set[str]]:
    """The reader pages (stems) in each scenario folder a run left under ``root``."""
    from .outputs import is_runner_output

    folders = sorted(p for p in root.iterdir() if p.is_dir() and is_runner_output(p)) if root.is_dir() else []
    return {
        f.name: {p.name.removesuffix(".html") for p in f.glob("*.html") if not p.name.endswith(".code.html")}
        for f in folders
        if f.name in available(warn=False)
    }


def check_rendered(root: Path, replaced: set[str]) -> None:
    """Before a run replaces anything: every scenario folder under ``root`` that it leaves as it is must read
    back as the front page reads it (a scenario.json naming its own folder, summaries of the shape compare
    reads, notebooks that are notebooks), else OutputError names the file and what to do."""
    from .compare import CompareError
    from .outputs import OutputError, is_runner_output

    for folder in sorted(p for p in root.iterdir() if p.is_dir() and is_runner_output(p)) if root.is_dir() else []:
        if folder.name in replaced:
            continue
        try:
            _check_scenario_folder(folder)
        except (CompareError, ValueError) as err:
            again = f"render it again (--scenario {folder.name}) or " if folder.name in available(warn=False) else ""
            raise OutputError(f"{err}; {again}remove {plain(folder)}") from None


def _read_json(path: Path, limit: int) -> Any:
    import json

    try:
        return json.loads(read_regular(path, limit))
    except Unreadable as err:
        raise ValueError(f"{plain(path)}: {err}") from None
    except (ValueError, RecursionError):
        raise ValueError(f"{plain(path)}: not valid JSON") from None


def _check_scenario_folder(folder: Path) -> None:
    import nbformat

    from .compare import MAX_SUMMARY_BYTES, load_summary

    marker, summary, failed = folder / "scenario.json", folder / "summary.json", folder / "_failed" / "summary.json"
    if failed.exists():
        report = _read_json(failed, MAX_SUMMARY_BYTES)
        notebooks = report.get("notebooks") if isinstance(report, dict) else None
        if not isinstance(notebooks, dict) or not all(isinstance(e, dict) for e in notebooks.values()):
            raise ValueError(f"{plain(failed)} is not a run summary")
    if not (marker.exists() and summary.exists()):  # the front page shows a scenario with both
        return
    if not SAFE_NAME.fullmatch(folder.name) or folder.name.startswith("_"):  # the front page links it by name
        raise ValueError(f"{plain(folder)}: a scenario folder's name has only letters, digits, '-' and '_'")
    meta = _read_json(marker, MAX_MARKER_BYTES)
    changed = meta.get("changed", {}) if isinstance(meta, dict) else None
    if not (
        isinstance(changed, dict)
        and meta.get("name") == folder.name
        and isinstance(meta.get("description", ""), str)
        and all(isinstance(v, dict) for v in changed.values())
    ):
        raise ValueError(f"{plain(marker)} is not the scenario.json the runner writes")
    for stem in load_summary(folder)["notebooks"]:
        notebook = folder / f"{stem}.ipynb"
        if not SAFE_NAME.fullmatch(stem):
            raise ValueError(f"{plain(summary)} names a notebook {shown(stem)}")
        if notebook.exists():
            try:
                nbformat.reads(read_regular(notebook, 10 * MAX_SUMMARY_BYTES).decode("utf-8"), as_version=4)
            except (Unreadable, ValueError, KeyError, TypeError, AttributeError) as err:
                raise ValueError(f"{plain(notebook)}: not a notebook ({type(err).__name__})") from None
