"""What produced a run: the data, the code, Python, the packages, the parameters and the scenario.

The hashes here are also the parts of the execution cache's key (``cache.py``), so what a page's footer
shows, what ``summary.json`` records and what decides a cache hit are one computation.
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..paths import DEFAULT_DATA_DIR, NOTEBOOKS_DIR, PACKAGE_DIR, REPO_ROOT

LOCKFILE = REPO_ROOT / "requirements.txt"
COMPILED = {"__pycache__"}  # derived from the source; Python rewrites them at will


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hashes(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (compiled-bytecode folders aside) by relative path, with its sha256, read in
    chunks. A link out of the folder or a file that is not regular (a FIFO, a device) is never followed or read:
    it is recorded as such (the data loader refuses it too)."""
    root = folder.resolve()
    out = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if COMPILED & set(relative.parts) or path.suffix == ".pyc" or path.is_dir():
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            out[relative.as_posix()] = "not read: a link out of the folder"
        elif not path.is_file():
            out[relative.as_posix()] = "not read: not a regular file"
        else:
            with open(path, "rb") as handle:
                out[relative.as_posix()] = hashlib.file_digest(handle, "sha256").hexdigest()
    return out


def combined(files: dict[str, str]) -> str:
    """One hash for a set of files: their names and hashes, in order."""
    return sha256("".join(f"{name}\0{digest}\n" for name, digest in sorted(files.items())).encode())


def data_folder(parameters: dict[str, Any], source_dir: Path) -> Path:
    """The data folder a notebook's kernel reads: its ``data_dir`` resolved from the notebook's folder
    (the kernel's working directory), then from ``notebooks/``, as ``prequel.paths`` does."""
    raw = parameters.get("data_dir")
    if raw is None or str(raw).strip() == "":
        return DEFAULT_DATA_DIR
    path = Path(str(raw)).expanduser()
    for candidate in [path] if path.is_absolute() else [source_dir / path, NOTEBOOKS_DIR / path]:
        if candidate.is_dir():
            return candidate.resolve()
    return path


@dataclass(frozen=True)
class Inputs:
    """Everything outside a notebook and its parameters that its results depend on."""

    data_dir: Path
    data: dict[str, str]  # data file -> sha256
    source: dict[str, str]  # file under src/prequel -> sha256
    lock: str  # sha256 of requirements.txt
    python: str  # the full version string

    @classmethod
    def read(cls, data_dir: Path) -> Inputs:
        lock = sha256(LOCKFILE.read_bytes()) if LOCKFILE.is_file() else ""
        data = file_hashes(data_dir) if data_dir.is_dir() else {}
        return cls(data_dir, data, file_hashes(PACKAGE_DIR), lock, sys.version)


def git_state(repo: Path = REPO_ROOT) -> dict[str, Any]:
    """The commit checked out and whether the tree has local changes (None when git cannot tell)."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain") if commit else None
    return {"commit": commit.strip() if commit else None, "dirty": bool(status.strip()) if status is not None else None}


def record(inputs: Inputs, parameters: dict[str, dict], scenario: str | None) -> dict[str, Any]:
    """The ``provenance`` of summary.json."""
    return {
        "data": {"folder": str(inputs.data_dir), "sha256": combined(inputs.data), "files": inputs.data},
        "code": {**git_state(), "source_sha256": combined(inputs.source)},
        "python": platform.python_version(),
        "packages": {"lockfile": LOCKFILE.name, "sha256": inputs.lock},
        "parameters": parameters,
        "scenario": scenario,
    }


def footer(prov: dict[str, Any]) -> dict[str, Any]:
    """What a page's footer shows: the same hashes as summary.json, short and in full."""

    def part(name: str) -> dict[str, Any]:  # a summary from elsewhere may hold anything: read defensively
        value = prov.get(name)
        return value if isinstance(value, dict) else {}

    code = part("code")
    return {
        "data": part("data").get("sha256"),
        "commit": code.get("commit"),
        "dirty": code.get("dirty"),
        "source": code.get("source_sha256"),
        "python": prov.get("python"),
        "packages": part("packages").get("sha256"),
        "scenario": prov.get("scenario"),
    }


def describe(prov: dict[str, Any] | None) -> str:
    """One line naming which data, code, Python and packages produced a run."""
    if not prov:
        return "no provenance recorded (a run older than provenance)"
    f = footer(prov)
    commit = str(f["commit"] or "unknown")[:7] + (" with local changes" if f["dirty"] else "")
    parts = [
        f"data {str(f['data'] or '?')[:8]}",
        f"code {commit} (source {str(f['source'] or '?')[:8]})",
        f"Python {f['python']}",
        f"packages {str(f['packages'] or '?')[:8]}",
    ]
    if f["scenario"]:
        parts.append(f"scenario {f['scenario']}")
    return ", ".join(parts)


def digest(value: Any) -> str:
    """The sha256 of a JSON value written canonically."""
    return sha256(json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode())
