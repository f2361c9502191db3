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

from ..params import ParameterError, nearest_name
from ..paths import REPO_ROOT

SCENARIOS_DIR = REPO_ROOT / "scenarios"
SAFE_NAME = re.compile(r"[A-Za-z0-9_-]+")
MAX_YAML_BYTES = 1_000_000


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
                raise YamlError(f"line {key_node.start_mark.line + 1}: duplicate key {key!r}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path) -> Any:
    """A YAML file with every scalar as text; YamlError names the file and the problem."""
    try:
        if path.exists() and not path.is_file():
            raise YamlError(f"{path.name}: not a regular file")
        if path.stat().st_size > MAX_YAML_BYTES:
            raise YamlError(f"{path.name}: larger than {MAX_YAML_BYTES} bytes")
        text = path.read_text(encoding="utf-8")
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a BaseLoader subclass builds only text, lists and dicts
    except YamlError as err:
        raise YamlError(f"{path.name}: {err}" if not str(err).startswith(path.name) else str(err)) from None
    except (OSError, UnicodeDecodeError) as err:
        raise YamlError(f"{path}: {err.strerror if isinstance(err, OSError) else err}") from None
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
                f"warning: skipped scenario file {path.name!r}: a scenario name has only letters, digits, '-' and '_'",
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
            f"scenario name {name!r}: only letters, digits, '-' and '_' are allowed, not starting with '_'"
        )
    names = available(folder, warn=False)
    if name not in names:
        near = nearest_name(name, names)
        raise ParameterError(
            f"unknown scenario {name!r}"
            + (f" (did you mean {near!r}?)" if near else "")
            + f"; available: {', '.join(names)}, or 'all'"
        )
    path = folder / f"{name}.yaml"
    where = f"{path.name}: "
    raw = read_yaml(path)
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
                f"{where}unknown notebook {stem!r}"
                + (f" (did you mean {near!r}?)" if near else "")
                + f"; known: {', '.join(stems)}"
            )
        if not isinstance(values, dict):
            raise ParameterError(f"{where}{stem}: expected a mapping of parameter names to values")
    return Scenario(name, path, " ".join(str(raw["description"]).split()), dict(shared), dict(sections))
