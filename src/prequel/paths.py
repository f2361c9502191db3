"""Where the project's folders are, independent of the working directory."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parents[1]
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
TEXT_FORMAT = "py:percent"  # jupytext format of the notebooks' text twins (NN_name.py), their source
DEFAULT_DATA_DIR = REPO_ROOT / "data"


def resolve_data_dir(data_dir: str | Path | None) -> Path:
    """Resolve a notebook's ``data_dir`` parameter to an existing folder.

    Absolute paths are taken as they are. A relative path is tried against the working
    directory first, then against ``notebooks/`` (where the defaults are written from), so
    ``"../data"`` works whether a notebook runs from its own folder or from anywhere else.
    """
    if data_dir is None or str(data_dir).strip() == "":
        return DEFAULT_DATA_DIR
    path = Path(data_dir).expanduser()
    candidates = [path] if path.is_absolute() else [Path.cwd() / path, NOTEBOOKS_DIR / path]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate.resolve()
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"data_dir {str(data_dir)!r} is not a folder (tried {tried})")
