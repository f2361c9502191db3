"""A content-addressed cache of executed notebooks and their rendered pages.

An executed notebook is reused when, and only when, its key is unchanged: the notebook as executed
(built from its text twin), every parameter value, the bytes of every file in the data folder it reads,
every file of the package (``src/prequel``, templates included), the lockfile and the Python version.
Only successful executions are stored, as the sanitized executed notebook, so a page rendered from an
entry is byte-identical to one rendered after a fresh run. Rendered pages are stored under a key of
their own inputs (the executed notebook's bytes, the page's name and footer, the package and lockfile).

Each entry is one file, ``<folder>/v1/<kind>/<key>.entry``: a line (an HMAC-SHA256 of the header, then
the header in JSON: the key's parts, the hashes of the body and the payload) and the gzip-compressed
payload. Nothing in the cache is trusted: the HMAC's secret is kept outside the cache, in a private file
(``$XDG_CONFIG_HOME/prequel/cache-key``, else ``~/.config/prequel/cache-key``, mode 0600, created on first
use), so an entry the runner did not write (edited, planted, copied from another user's cache or moved
between kinds or keys) is never served, and a cached page is written only under the names the runner
gives its pages. The cache's folders are created private (0700). An entry is written to a temporary file
and renamed into place, so concurrent runs share a cache safely; an entry that does not read back exactly
(truncated, edited, malformed, another format or key) is ignored and replaced. Least recently used entries
are removed beyond ``max_bytes`` (``PREQUEL_CACHE_MAX_MB``, default 500). ``PREQUEL_NO_CACHE=1`` turns it off like
``--no-cache`` (the test suite sets it).
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import sys
import threading
import time
import uuid
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import nbformat

from ..paths import REPO_ROOT
from .provenance import Inputs, combined, data_folder, digest, sha256

if TYPE_CHECKING:
    from .execute import Job

FOLDER_ENV, SIZE_ENV, OFF_ENV = "PREQUEL_CACHE_DIR", "PREQUEL_CACHE_MAX_MB", "PREQUEL_NO_CACHE"
DEFAULT_FOLDER = REPO_ROOT / ".cache"
DEFAULT_MAX_MB = 500
FORMAT = "prequel-cache-2"
KEY_BYTES = 32
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


class CacheKeyError(CacheError):
    """No usable secret to authenticate entries with: the run goes on without the cache."""


def key_path() -> Path:
    """Where the cache's secret lives: outside any cache folder, in the user's configuration."""
    config = os.environ.get("XDG_CONFIG_HOME", "")
    try:
        return (Path(config) if os.path.isabs(config) else Path.home() / ".config") / "prequel" / "cache-key"
    except RuntimeError:  # no home folder to be found
        raise CacheKeyError("cache key: no home folder; set XDG_CONFIG_HOME") from None


def signing_key(path: Path) -> bytes:
    """The secret that authenticates cache entries: ``KEY_BYTES`` random bytes in a file of this user's
    that no one else can read or write, created on first use (concurrent first uses agree on one file)."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():
            tmp = path.parent / f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(secrets.token_bytes(KEY_BYTES))
                    handle.flush()
                    os.fsync(handle.fileno())
                os.link(tmp, path)  # never replaces a key another run has just created
            except FileExistsError:
                pass
            finally:
                tmp.unlink(missing_ok=True)
        with open(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as handle:
            info = os.fstat(handle.fileno())
            key = handle.read(KEY_BYTES + 1)
    except OSError as err:
        raise CacheKeyError(f"cache key {path}: {err.strerror or err}") from None
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        mode = f"{info.st_mode & 0o777:o}"
        raise CacheKeyError(f"cache key {path}: not a private file of this user's (mode {mode}); remove it")
    if len(key) != KEY_BYTES:
        raise CacheKeyError(f"cache key {path}: not {KEY_BYTES} bytes; remove it")
    return key


def private_folder(path: Path) -> None:
    """``path`` as a folder that only this user can open: created with mode 0700, or an existing folder of
    this user's tightened to it. CacheError for a link, a file or another user's folder."""
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        pass
    check_private(path, tighten=True)


def check_private(path: Path, tighten: bool = False) -> None:
    info = path.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise CacheError(f"cache folder {path}: not a folder of this user's (a link, a file or another user's)")
    if tighten and info.st_mode & 0o077:
        path.chmod(0o700)


def well_formed(header: Any) -> bool:
    """A header whose key parts have the shapes ``what_changed`` reads (an entry of an older or newer
    runner may differ, and is ignored rather than read)."""
    parts = header.get("parts") if isinstance(header, dict) else None
    if not isinstance(parts, dict) or not isinstance(header.get("stem"), str):
        return False
    parameters = parts.get("parameters")
    return (
        isinstance(parameters, dict)
        and isinstance(parameters.get("effective"), dict)
        and all(isinstance(parts.get(p), dict) for p in ("data", "source"))
        and all(isinstance(parts.get(p), str) for p in ("notebook", "lock", "python"))
    )


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


ENTRY_KINDS = ("run", "pages", "point")  # an executed notebook, a notebook's two pages, a grid point


def _open_entry(path: Path) -> BinaryIO:
    """An entry opened for reading: a regular file only, never through a link (a FIFO or a device put in the
    cache folder is an OSError, never a hang)."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    handle = os.fdopen(descriptor, "rb")
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        handle.close()
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    return handle


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
        for folder in (self.folder, *(self.folder / kind for kind in ENTRY_KINDS)):
            if os.path.lexists(folder):  # never entries in a folder someone else can write, read or swap
                check_private(folder, tighten=True)
        self.max_bytes = max_bytes
        self._trim_lock = threading.Lock()
        self._secret_lock = threading.Lock()
        self._secret: bytes | None = None

    def secret(self) -> bytes | None:
        """The key entries are authenticated with (read on first use); None when there is no usable one:
        the cache is off for this run, with a warning."""
        with self._secret_lock:
            if self._secret is None:
                try:
                    self._secret = signing_key(key_path())
                except CacheKeyError as err:
                    print(f"warning: {err}: running without the cache", file=sys.stderr)
                    self._secret = b""
            return self._secret or None

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / f"{key}.entry"

    @staticmethod
    def _mac(secret: bytes, kind: str, header_line: bytes) -> bytes:
        return hmac.new(secret, kind.encode() + b"\n" + header_line, hashlib.sha256).hexdigest().encode()

    # ---- one entry: the header's HMAC and the header (JSON) on a line, then the gzip payload ------------

    def _write(self, kind: str, key: str, meta: dict[str, Any], payload: bytes) -> None:
        secret = self.secret()
        if secret is None:
            return
        path = self._path(kind, key)
        body = gzip.compress(payload, compresslevel=6, mtime=0)
        header = {**meta, "format": FORMAT, "key": key, "sha256": sha256(payload), "body_sha256": sha256(body)}
        line = json.dumps(header, sort_keys=True).encode()
        tmp = path.parent / f".{key}.{os.getpid()}.{uuid.uuid4().hex}.tmp"
        try:
            self.folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # a new cache folder is private
            private_folder(self.folder)
            path.parent.mkdir(mode=0o700, exist_ok=True)
            with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600), "wb") as handle:
                handle.write(self._mac(secret, kind, line) + b" " + line + b"\n")
                handle.write(body)
            os.replace(tmp, path)  # atomic: a reader sees the old entry or the new one, never a part
        except (OSError, CacheError) as err:  # a full disk or a read-only cache costs reuse, never the run
            print(f"warning: cache entry not written ({err})", file=sys.stderr)
        finally:
            tmp.unlink(missing_ok=True)

    def _header(self, kind: str, handle: Any) -> dict[str, Any] | None:
        """The header of an entry (opened at its start) when this runner wrote it, else None."""
        secret = self.secret()
        mac, _, line = handle.readline(1 << 20).rstrip(b"\n").partition(b" ")
        if secret is None or not hmac.compare_digest(mac, self._mac(secret, kind, line)):
            return None
        try:
            header = json.loads(line)
        except ValueError:
            return None
        return header if isinstance(header, dict) and header.get("format") == FORMAT else None

    def _read(self, kind: str, key: str) -> tuple[dict[str, Any] | None, bytes | None]:
        """(header, payload); (None, None) when absent; (header or {}, None) when it does not read back as
        an entry this runner wrote under ``key``."""
        path = self._path(kind, key)
        try:
            with _open_entry(path) as handle:
                header = self._header(kind, handle)
                if header is None or header.get("key") != key:
                    return {}, None
                body = handle.read()
        except FileNotFoundError:
            return None, None
        except OSError:  # a folder or an unreadable file where an entry should be: corrupt, never trusted
            return {}, None
        if header.get("body_sha256") != sha256(body):
            return header, None
        try:
            payload = gzip.decompress(body)
        except (OSError, EOFError, zlib.error):
            return header, None
        if header.get("sha256") != sha256(payload):
            return header, None
        try:
            os.utime(path)  # recently used: kept longest
        except OSError:
            pass
        return header, payload

    def _headers(self, kind: str) -> list[dict[str, Any]]:
        """The well-formed headers of this runner's entries of ``kind``, most recently used first."""
        found = []
        for path in (self.folder / kind).glob("*.entry") if (self.folder / kind).is_dir() else []:
            try:
                with _open_entry(path) as handle:
                    header = self._header(kind, handle)
                    if well_formed(header):
                        found.append((os.fstat(handle.fileno()).st_mtime, header))
            except OSError:
                continue
        return [h for _, h in sorted(found, key=lambda f: f[0], reverse=True)]

    # ---- executed notebooks -------------------------------------------------------------------------

    def lookup(self, stem: str, key: Key) -> tuple[nbformat.NotebookNode | None, str]:
        """The cached executed notebook for ``key`` (or None) and why it is reused or must run."""
        if self.secret() is None:
            return None, "cache off (no usable key)"
        header, payload = self._read("run", key.digest)
        if payload is not None:
            try:
                return nbformat.reads(payload.decode("utf-8"), as_version=4), "key unchanged"
            except Exception:  # noqa: BLE001 - any entry that does not read back is ignored, never trusted
                header = {}
        if header is not None:
            return None, "cache entry corrupt: ignored, will be replaced"
        nearest = [h for h in self._headers("run") if h["stem"] == stem]
        if not nearest:
            return None, "not in the cache"
        best = min(nearest, key=lambda h: sum(h["parts"].get(p) != key.parts.get(p) for p in PART_LABELS))
        return None, what_changed(best["parts"], key.parts)

    def store(self, stem: str, key: Key, executed: nbformat.NotebookNode, seconds: float) -> None:
        meta = {"stem": stem, "parts": key.parts, "seconds": round(seconds, 2), "stored": time.time()}
        self._write("run", key.digest, meta, nbformat.writes(executed).encode("utf-8"))

    # ---- rendered pages -----------------------------------------------------------------------------

    def pages(self, key: str, names: set[str]) -> dict[str, bytes] | None:
        """The cached pages for ``key`` when the entry holds exactly the files ``names`` (plain file names the
        runner gives a notebook's pages), else None."""
        _, payload = self._read("pages", key)
        if payload is None:
            return None
        try:
            files = json.loads(payload)
            if isinstance(files, dict) and set(files) == names and all(isinstance(t, str) for t in files.values()):
                return {name: text.encode("utf-8") for name, text in files.items()}
        except (ValueError, UnicodeEncodeError):
            pass
        return None

    def store_pages(self, key: str, stem: str, files: dict[str, bytes]) -> None:
        payload = json.dumps({name: data.decode("utf-8") for name, data in files.items()}).encode()
        self._write("pages", key, {"stem": stem}, payload)

    # ---- grid points: an entry point's published results for one parameter set -------------------------

    def point(self, key: str) -> dict[str, Any] | None:
        """The cached results of a grid point (``grid.point_key``), or None."""
        _, payload = self._read("point", key)
        try:
            found = json.loads(payload) if payload is not None else None
        except ValueError:
            return None
        ok = isinstance(found, dict) and all(isinstance(found.get(k), dict) for k in ("results", "declarations"))
        return found if ok else None

    def store_point(self, key: str, stem: str, value: dict[str, Any]) -> None:
        self._write("point", key, {"stem": stem}, json.dumps(value).encode())  # in published order: the same table

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
