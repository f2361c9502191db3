"""Named parameter sets spanning notebooks (scenarios/*.yaml), checked like -p values."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .notebooks import PARAMETERS
from .params import ParameterError, check_parameters, nearest_name, with_company_ids
from .paths import REPO_ROOT

SCENARIOS_DIR = REPO_ROOT / "scenarios"


@dataclass
class Scenario:
    name: str
    path: Path
    description: str
    parameters: dict[str, dict] = field(default_factory=dict)  # notebook stem -> checked values


def available(folder: Path = SCENARIOS_DIR) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yaml"))


def load(name: str, company_ids: list[str], folder: Path = SCENARIOS_DIR) -> Scenario:
    """Read and check one scenario file; errors name the file, the key and the allowed values."""
    names = available(folder)
    if name not in names:
        near = nearest_name(name, names)
        raise ParameterError(f"unknown scenario {name!r}" + (f" (did you mean {near!r}?)" if near else "")
                             + f"; available: {', '.join(names)}, or 'all'")
    path = folder / f"{name}.yaml"
    where = f"{path.name}: "
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar as text
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise ParameterError(f"{where}{err}") from None
    if not isinstance(raw, dict) or set(raw) - {"description", "notebooks"} or "description" not in raw:
        raise ParameterError(f"{where}expected the keys 'description' and 'notebooks' only")
    sections = raw.get("notebooks") or {}
    if not isinstance(sections, dict):
        raise ParameterError(f"{where}'notebooks' must map notebook names to their parameters")
    checked = {}
    for stem, values in sections.items():
        if stem not in PARAMETERS:
            near = nearest_name(stem, list(PARAMETERS))
            raise ParameterError(f"{where}unknown notebook {stem!r}" + (f" (did you mean {near!r}?)" if near else "")
                                 + f"; known: {', '.join(PARAMETERS)}")
        if not isinstance(values, dict):
            raise ParameterError(f"{where}{stem}: expected a mapping of parameter names to values")
        checked[stem] = check_parameters(with_company_ids(PARAMETERS[stem], company_ids), values, raw=True,
                                         where=f"{where}{stem}: ")
    return Scenario(name, path, " ".join(str(raw["description"]).split()), checked)
