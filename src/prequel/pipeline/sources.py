"""The notebooks' sources: a jupytext text twin (``NN_name.py``, percent format) beside each committed
``NN_name.ipynb`` (the regression baseline with outputs).

The text twin is the source: it is what reviewers read, what the runner executes and what
``make refresh`` writes back into the ``.ipynb``. Cell ids come from the ``.ipynb`` where a cell
matches, and from a hash of the cell otherwise, so ids stay stable across refreshes.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
from jupytext.combine import map_outputs_to_inputs

from ..declarations import DeclarationError, Declared, declared_parameters
from ..paths import NOTEBOOKS_DIR, TEXT_FORMAT

#: A notebook's stem: two digits, an underscore, then lower-case letters, digits and underscores.
STEM = re.compile(r"\d\d_[a-z0-9_]+")


@dataclass(frozen=True)
class Notebook:
    """One notebook of the collection: its text source, its baseline and its declared parameters."""

    stem: str
    source: Path  # NN_name.py, the text twin
    baseline: Path  # NN_name.ipynb, executed, with outputs

    @property
    def declared(self) -> dict[str, Declared]:
        return declared_parameters(self.read(), self.source.name)

    def read(self) -> nbformat.NotebookNode:
        return read_source(self.source, self.baseline)


def discover(folder: Path = NOTEBOOKS_DIR, warn: bool = True) -> list[Notebook]:
    """Every notebook in ``folder``: a text twin ``NN_name.py``. Anything else that looks like a notebook
    (JupyterLab's ``-Copy1.ipynb``, a folder, an ``.ipynb`` without its twin) is skipped with a warning."""
    found, skipped = [], []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name.startswith(".") or path.suffix not in (".py", ".ipynb"):
            continue
        if STEM.fullmatch(path.stem) and path.suffix == ".py" and path.is_file():
            notebook = Notebook(path.stem, path, path.with_suffix(".ipynb"))
            try:
                notebook.declared  # noqa: B018 - a notebook must declare its parameters
            except (DeclarationError, UnicodeDecodeError, ValueError, nbformat.ValidationError) as err:
                if warn:
                    print(
                        f"warning: skipped {path.name} in {folder} (not a notebook of the collection: {err})",
                        file=sys.stderr,
                    )
                continue
            found.append(notebook)
        elif (
            path.suffix == ".ipynb"
            and path.is_file()
            and STEM.fullmatch(path.stem)
            and path.with_suffix(".py").is_file()
        ):
            continue  # the baseline of a notebook found by its twin
        else:
            skipped.append(path)
    if warn:
        for path in skipped:
            why = (
                "a folder"
                if path.is_dir()
                else "no text twin .py"
                if path.suffix == ".ipynb" and STEM.fullmatch(path.stem)
                else "not named NN_lower_case_name"
            )
            print(f"warning: skipped {path.name} in {folder} ({why})", file=sys.stderr)
    return found


def cell_id(cell: nbformat.NotebookNode, index: int) -> str:
    digest = hashlib.sha1(f"{index}\0{cell.cell_type}\0{cell.source}".encode()).hexdigest()
    return digest[:8]


def _stamp(path: Path | None) -> tuple:
    """What identifies a file's version without reading it: size, modification and change times, inode
    (empty when the file is absent)."""
    try:
        found = path.stat() if path is not None else None
    except OSError:
        found = None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino) if found else ()


def read_source(source: Path, baseline: Path | None = None) -> nbformat.NotebookNode:
    """The notebook as its text twin writes it, without outputs, with the baseline's cell ids: a fresh copy
    the caller may edit (the files are parsed again only when one of them changes)."""
    return copy.deepcopy(_read_source(source, baseline, _stamp(source), _stamp(baseline)))


@functools.lru_cache(maxsize=64)
def _read_source(source: Path, baseline: Path | None, *_stamps: tuple) -> nbformat.NotebookNode:
    nb = jupytext.read(source, fmt=TEXT_FORMAT)
    kept = set()  # cells whose id comes from the baseline; the others get one from their content
    try:
        old = nbformat.read(baseline, as_version=4) if baseline is not None and baseline.is_file() else None
    except (OSError, ValueError, nbformat.ValidationError):  # an unreadable baseline: ids from the cells
        old = None
    if old is not None:
        for index, match in enumerate(map_outputs_to_inputs(nb.cells, old.cells)):
            if match is not None and index < len(nb.cells):
                nb.cells[index].id = old.cells[match].id
                kept.add(index)
    seen = set()
    for index, cell in enumerate(nb.cells):
        if index not in kept or cell.id in seen:
            cell.id = cell_id(cell, index)
        seen.add(cell.id)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.nbformat, nb.nbformat_minor = 4, max(nb.get("nbformat_minor", 5), 5)
    nb.metadata.setdefault("kernelspec", {"display_name": "Python 3", "language": "python", "name": "python3"})
    nb.metadata.setdefault("language_info", {"name": "python"})
    return nb


def _inputs(nb: nbformat.NotebookNode) -> list[tuple[str, str, tuple]]:
    return [(c.cell_type, c.source.strip(), tuple(c.metadata.get("tags", []))) for c in nb.cells]


def out_of_sync(notebook: Notebook) -> str | None:
    """Why the baseline's cells differ from the text twin's, or None when they match."""
    if not notebook.baseline.is_file():
        return f"{notebook.baseline.name} is missing: run `make refresh` to execute {notebook.source.name} and write it"
    text = _inputs(jupytext.read(notebook.source, fmt=TEXT_FORMAT))
    baseline = _inputs(nbformat.read(notebook.baseline, as_version=4))
    if text == baseline:
        return None
    for index, (a, b) in enumerate(zip(text, baseline, strict=False)):
        if a != b:
            return (
                f"{notebook.source.name} and {notebook.baseline.name} differ at cell {index}: run `make sync` "
                "(the newer file wins) or `make refresh` (re-executes from the .py)"
            )
    return (
        f"{notebook.source.name} has {len(text)} cells and {notebook.baseline.name} {len(baseline)}: "
        "run `make sync` or `make refresh`"
    )
