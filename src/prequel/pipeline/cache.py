"""A content-addressed cache of executed notebooks and their rendered pages.

An executed notebook is reused when, and only when, its key is unchanged: the notebook as executed
(built from its text twin), every parameter value, the bytes of every file in the data folder it reads,
every file of the package (``src/prequel``, templates included), the lockfile and the Python version.
Only successful executions are stored, as the sanitized executed notebook, so a page rendered from an
entry is byte-identical to one rendered after a fresh run. Rendered pages are stored under a key of
their own inputs (the executed notebook's bytes, the page's name and footer, the package and lockfile).

Each entry is one file, ``<folder>/v1/<kind>/<key>.entry``: a line of JSON (the key's parts, the
payload's sha256) and the gzip-compressed payload. It is written to a temporary file and renamed into
place, so concurrent runs share a cache safely; an entry that does not read back exactly (truncated,
edited, another format) is ignored and replaced. Least recently used entries are removed beyond
``max_bytes`` (``PREQUEL_CACHE_MAX_MB``, default 500). ``PREQUEL_NO_CACHE=1`` turns it off like
``--no-cache`` (the test suite sets it).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
import threading
import time
import uuid
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat

from ..paths import REPO_ROOT
from .provenance import Inputs, combined, data_folder, digest, sha256

if TYPE_CHECKING:
    from .execute import Job

FOLDER_ENV, SIZE_ENV, OFF_ENV = "PREQUEL_CACHE_DIR", "PREQUEL_CACHE_MAX_MB", "PREQUEL_NO_CACHE"
DEFAULT_FOLDER = REPO_ROOT / ".cache"
DEFAULT_MAX_MB = 500
FORMAT = "prequel-cache-1"
PART_LABELS = {
    "notebook": "notebook changed",
    "parameters": "parameters changed",
    "data": "data changed",
    "source": "package source changed",
    "lock": "lockfile changed",
    "python": "Python changed",
}


#: The names of the files the cache writes: entries and their temporary files.
OWN_FILE = re.compile(r"[0-9a-f]{16,64}\.entry|\.[0-9a-f]{16,64}\.\d+\.[0-9a-f]{32}\.tmp")


class CacheError(Exception):
    """A cache setting the runner cannot use (a size that is not a number): exit status 2."""


@dataclass(frozen=True)
class Key:
    digest: str
    parts: dict[str, Any]  # part name -> its value or its files' hashes (to say what changed)


def notebook_key(nb: nbformat.NotebookNode, job: Job, inputs: Inputs) -> Key:
    """The key of executing ``nb`` (the notebook as prepared from its text twin) with ``job``'s parameters."""
    parts = {
        "notebook": sha256(nbformat.writes(nb).encode()),
        "parameters": {"effective": job.effective, "injected": job.parameters},
        "data": inputs.data,
        "source": inputs.source,
        "lock": inputs.lock,
        "python": inputs.python,
    }
    return Key(digest(parts), parts)


def page_key(executed: nbformat.NotebookNode, stem: str, footer: dict, inputs: Inputs, context: dict) -> str:
    """The key of a notebook's rendered pages: everything ``site.render_pages`` reads (``context``: its
    other keyword arguments, such as the neighbouring pages, parameters and scenario)."""
    return digest(
        {
            "executed": sha256(nbformat.writes(executed).encode()),
            "stem": stem,
            "footer": footer,
            "context": context,
            "source": combined(inputs.source),
            "lock": inputs.lock,
            "python": inputs.python,
        }
    )


def what_changed(old: dict[str, Any], new: dict[str, Any]) -> str:
    """Which parts of a key differ, naming the parameters and files where it can."""
    reasons = []
    for part, label in PART_LABELS.items():
        a, b = old.get(part), new.get(part)
        if a == b:
            continue
        if part == "parameters":
            a, b = a.get("effective", {}) if a else {}, b.get("effective", {}) if b else {}
        names = sorted(n for n in set(a) | set(b) if a.get(n) != b.get(n)) if isinstance(a, dict) else []
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        reasons.append(f"{label} ({shown})" if shown else label)
    return "; ".join(reasons) or "the parameters were given differently"


def inputs_for(job: Job) -> Inputs:
    return Inputs.read(data_folder(job.effective, job.notebook.source.parent))


class Cache:
    """Entries under ``folder``; safe to share between concurrent runs."""

    def __init__(self, folder: Path | None = None, max_bytes: int | None = None) -> None:
        env = os.environ.get(FOLDER_ENV)
        self.folder = Path(folder or env or DEFAULT_FOLDER).expanduser().absolute() / "v1"
        if max_bytes is None:
            raw = os.environ.get(SIZE_ENV, str(DEFAULT_MAX_MB))
            try:
                max_bytes = int(float(raw) * 2**20)
            except (ValueError, OverflowError):
                raise CacheError(f"{SIZE_ENV}={raw!r}: expected a finite size in megabytes") from None
            if max_bytes < 0:
                raise CacheError(f"{SIZE_ENV}={raw!r}: expected a size >= 0")
        if self.folder.parent.exists() and not self.folder.parent.is_dir():
            raise CacheError(f"cache folder {self.folder.parent}: is a file, not a folder")
        self.max_bytes = max_bytes
        self._trim_lock = threading.Lock()

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / f"{key}.entry"

    # ---- one entry: a JSON line, then the gzip payload ----------------------------------------------

    def _write(self, kind: str, key: str, meta: dict[str, Any], payload: bytes) -> None:
        path = self._path(kind, key)
        header = {**meta, "format": FORMAT, "key": key, "sha256": sha256(payload)}
        tmp = path.parent / f".{key}.{os.getpid()}.{uuid.uuid4().hex}.tmp"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as handle:
                handle.write(json.dumps(header, sort_keys=True).encode() + b"\n")
                handle.write(gzip.compress(payload, compresslevel=6, mtime=0))
            os.replace(tmp, path)  # atomic: a reader sees the old entry or the new one, never a part
        except OSError as err:  # a full disk or a read-only cache costs reuse, never the run
            print(f"warning: cache entry not written ({err})", file=sys.stderr)
        finally:
            tmp.unlink(missing_ok=True)

    def _read(self, kind: str, key: str) -> tuple[dict[str, Any] | None, bytes | None]:
        """(header, payload); (None, None) when absent; (header or {}, None) when corrupt."""
        path = self._path(kind, key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None, None
        except OSError:  # a folder or an unreadable file where an entry should be: corrupt, never trusted
            return {}, None
        try:
            line, _, body = raw.partition(b"\n")
            header = json.loads(line)
            payload = gzip.decompress(body)
            if header.get("format") != FORMAT or header.get("key") != key or header.get("sha256") != sha256(payload):
                return header if isinstance(header, dict) else {}, None
        except (ValueError, OSError, EOFError, AttributeError, zlib.error):
            return {}, None
        try:
            os.utime(path)  # recently used: kept longest
        except OSError:
            pass
        return header, payload

    def _headers(self, kind: str) -> list[dict[str, Any]]:
        found = []
        for path in (self.folder / kind).glob("*.entry") if (self.folder / kind).is_dir() else []:
            try:
                with open(path, "rb") as handle:
                    found.append((path.stat().st_mtime, json.loads(handle.readline(1 << 20))))
            except (OSError, ValueError):
                continue
        return [h for _, h in sorted(found, key=lambda f: f[0], reverse=True) if isinstance(h, dict)]

    # ---- executed notebooks -------------------------------------------------------------------------

    def lookup(self, stem: str, key: Key) -> tuple[nbformat.NotebookNode | None, str]:
        """The cached executed notebook for ``key`` (or None) and why it is reused or must run."""
        header, payload = self._read("run", key.digest)
        if payload is not None:
            try:
                return nbformat.reads(payload.decode("utf-8"), as_version=4), "key unchanged"
            except Exception:  # noqa: BLE001 - any entry that does not read back is ignored, never trusted
                header = {}
        if header is not None:
            return None, "cache entry corrupt: ignored, will be replaced"
        nearest = [h for h in self._headers("run") if h.get("stem") == stem and isinstance(h.get("parts"), dict)]
        if not nearest:
            return None, "not in the cache"
        best = min(nearest, key=lambda h: sum(h["parts"].get(p) != key.parts.get(p) for p in PART_LABELS))
        return None, what_changed(best["parts"], key.parts)

    def store(self, stem: str, key: Key, executed: nbformat.NotebookNode, seconds: float) -> None:
        meta = {"stem": stem, "parts": key.parts, "seconds": round(seconds, 2), "stored": time.time()}
        self._write("run", key.digest, meta, nbformat.writes(executed).encode("utf-8"))

    # ---- rendered pages -----------------------------------------------------------------------------

    def pages(self, key: str) -> dict[str, bytes] | None:
        _, payload = self._read("pages", key)
        if payload is None:
            return None
        try:
            return {name: text.encode("utf-8") for name, text in json.loads(payload).items()}
        except (ValueError, AttributeError):
            return None

    def store_pages(self, key: str, stem: str, files: dict[str, bytes]) -> None:
        payload = json.dumps({name: data.decode("utf-8") for name, data in files.items()}).encode()
        self._write("pages", key, {"stem": stem}, payload)

    # ---- size bound ---------------------------------------------------------------------------------

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.folder.rglob("*") if p.is_file()) if self.folder.is_dir() else 0

    def trim(self) -> None:
        """Remove least recently used entries beyond ``max_bytes``, and temporary files of killed runs."""
        with self._trim_lock:
            entries = []
            for path in self.folder.rglob("*") if self.folder.is_dir() else []:
                if not OWN_FILE.fullmatch(path.name):  # only what the cache wrote: never a user's file
                    continue
                try:
                    stat = path.stat()
                except OSError:
                    continue
                if path.name.endswith(".tmp"):
                    if time.time() - stat.st_mtime > 3600:
                        path.unlink(missing_ok=True)
                elif path.is_file():
                    entries.append((stat.st_mtime, stat.st_size, path))
            total = sum(size for _, size, _ in entries)
            for _, size, path in sorted(entries):
                if total <= self.max_bytes:
                    break
                path.unlink(missing_ok=True)
                total -= size
