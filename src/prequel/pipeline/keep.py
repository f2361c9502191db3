"""A scenario rerun for some of its notebooks keeps the pages of the others from the scenario's last run.

Before any kernel starts, ``kept_pages`` names the notebooks whose pages the runner left in the scenario's folder
and this run does not run, and ``mismatch`` says why they cannot stand beside the new ones (other data, other
parameters). Just before the swap, under the output's lock, ``carry_over`` copies their files, results and
parameters into the staging folder, so the folder is still replaced whole: a run stopped at any moment leaves
the previous folder or the new one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import nbformat

from ..declarations import DeclarationError, declared_parameters, defaults
from .execute import Job
from .outputs import is_runner_output, write_json
from .provenance import Inputs, combined
from .site import index_entry, page_names, render_index, title_of

SUMMARY, MARKER = "summary.json", "scenario.json"


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _previous(folder: Path) -> dict[str, Any] | None:
    """The summary of the scenario's last run in ``folder`` (checked by ``scenarios.check_rendered``), None
    when the runner left no scenario there."""
    if not (is_runner_output(folder) and (folder / SUMMARY).is_file() and (folder / MARKER).is_file()):
        return None
    return _read(folder / SUMMARY)


def kept_pages(folder: Path, running: set[str]) -> dict[str, str]:
    """Stem -> title of each notebook whose pages the last run left in ``folder`` and that is not in ``running``."""
    summary = _previous(folder)
    kept = {}
    for stem, entry in sorted((summary or {}).get("notebooks", {}).items()):
        notebook = folder / f"{stem}.ipynb"
        pages = [folder / name for name in page_names(stem)]
        if stem not in running and entry.get("status") == "ok" and all(p.is_file() for p in [notebook, *pages]):
            kept[stem] = title_of(nbformat.read(notebook, as_version=4))
    return kept


def _without_data_dir(parameters: Any) -> Any:
    """Parameters as JSON reads them back, without the data folder (the data is compared by its hash)."""
    values = {k: v for k, v in parameters.items() if k != "data_dir"} if isinstance(parameters, dict) else parameters
    return json.loads(json.dumps(values, sort_keys=True, default=str))


def mismatch(folder: Path, inputs: Inputs, kept_jobs: list[Job]) -> str | None:
    """Why the pages kept from ``folder`` cannot stand beside this run's: rendered from other data than
    ``inputs``, or a kept notebook of the collection (``kept_jobs``: its values under the scenario now) with
    other parameters; None when they can."""
    summary = _previous(folder) or {}
    provenance = summary.get("provenance")
    data = provenance.get("data") if isinstance(provenance, dict) else None
    if not isinstance(data, dict) or data.get("sha256") != combined(inputs.data):
        return "were rendered from other data"
    for job in kept_jobs:
        recorded = summary["notebooks"].get(job.stem, {}).get("parameters")
        if _without_data_dir(recorded) != _without_data_dir(job.effective):
            return f"include {job.stem}, rendered with other parameters than the scenario gives it now"
    return None


def _defaults_in(nb: nbformat.NotebookNode) -> dict[str, Any]:
    """The defaults a kept notebook declared (its index row marks the values that differ)."""
    try:
        return defaults(declared_parameters(nb))
    except DeclarationError:
        return {}


def carry_over(folder: Path, staging: Path, stems: list[str], entries: list[dict], scenario: str | None) -> None:
    """Copy the files, results and parameters of the notebooks ``stems`` from the last run in ``folder`` into
    ``staging`` (call under ``outputs.locked(folder)``), then write the index again: this run's ``entries`` and
    the kept ones, in the order of their names."""
    previous = _previous(folder)
    if previous is None:
        return
    summary, marker = _read(staging / SUMMARY), _read(staging / MARKER)
    recorded = (previous.get("provenance") or {}).get("parameters")
    recorded = recorded if isinstance(recorded, dict) else {}
    changed = _read(folder / MARKER).get("changed", {})
    entries = list(entries)
    for stem in stems:
        entry = previous["notebooks"].get(stem)
        if entry is None or stem in summary["notebooks"] or not (folder / f"{stem}.ipynb").is_file():
            continue  # another run replaced the folder since this one started
        for path in sorted(folder.glob(f"{stem}.*")):  # a stem has no '.': only this notebook's files
            if path.is_file() and not path.is_symlink():
                shutil.copy2(path, staging / path.name)
        summary["notebooks"][stem] = entry
        if stem in recorded:
            summary["provenance"]["parameters"][stem] = recorded[stem]
        if stem in changed:
            marker.setdefault("changed", {})[stem] = changed[stem]
        nb = nbformat.read(staging / f"{stem}.ipynb", as_version=4)
        results = entry.get("results", {})
        entries.append(index_entry(stem, nb, entry.get("parameters", {}), _defaults_in(nb), results))
    write_json(staging / SUMMARY, summary)
    write_json(staging / MARKER, marker)
    render_index(sorted(entries, key=lambda e: e["stem"]), staging, scenario)
