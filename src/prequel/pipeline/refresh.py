"""``--refresh``: write the executed notebooks back as the regression baseline, with the README's
findings and images, all or nothing.

The files are replaced through a journal (``journal``): a full disk, a failing README update, Ctrl-C,
SIGTERM or SIGKILL at any moment leave every committed file as it was, or every one new once the next run
has completed the commit.
"""

from __future__ import annotations

import base64
import configparser
import functools
import re
from pathlib import Path

import nbformat

from ..paths import REPO_ROOT
from . import journal, readme
from .execute import Job

#: The transaction folder of a refresh, in the repository (beside the README): it exists only while a
#: refresh writes, or after one was killed (the next run completes or drops it).
TRANSACTION = ".prequel-refresh"
TRANSACTION_DIR = readme.README.parent / TRANSACTION  # the repository's (the runner completes or drops it)


#: The regression's masks (memory addresses, kernel paths, the version cell's environment lines): nbval reads
#: this file, and a refresh ignores what it masks, so both treat the same lines as noise.
SANITIZE = REPO_ROOT / "tests" / "nbval_sanitize.cfg"


@functools.lru_cache(maxsize=1)
def _masks() -> tuple[tuple[re.Pattern, str], ...]:
    config = configparser.ConfigParser()
    config.read(SANITIZE, encoding="utf-8")
    return tuple((re.compile(config[s]["regex"]), config[s]["replace"]) for s in config.sections())


def masked(value):
    """``value`` (text, or lists and mappings of it) with the regression's masks applied."""
    if isinstance(value, str):
        for pattern, replace in _masks():
            value = pattern.sub(replace, value)
        return value
    if isinstance(value, list):
        return [masked(v) for v in value]
    if isinstance(value, dict):
        return {k: masked(v) for k, v in value.items()}
    return value


def _output(output: dict) -> dict:
    """An output as a reader and nbval see it: without counters and metadata (the published values at full
    precision sit in metadata: compared by declaration), except a chart's alt text, size and phone variant (its
    ``image/png`` metadata), which readers see, the phone image by what it draws; masked as nbval masks them."""
    shown = {k: v for k, v in output.items() if k not in ("metadata", "execution_count", "transient")}
    image = output.get("metadata", {}).get("image/png")
    if image is not None and isinstance(image.get("narrow"), dict):
        image = {**image, "narrow": {**image["narrow"], "src": _drawn(image["narrow"].get("src", ""))}}
    return masked(shown if image is None else {**shown, "image/png metadata": image})


def _drawn(png_base64: str) -> bytes:
    """A PNG's critical chunks (header, palette, pixels, end): what it draws, without text or time chunks."""
    data = base64.b64decode(png_base64)
    kept, at = [data[:8]], 8
    while at + 8 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        chunk = data[at : at + 12 + length]
        if chunk[4:5].isupper():  # an ancillary chunk's type starts with a lower-case letter
            kept.append(chunk)
        at += 12 + length
    return b"".join(kept)


def _shown(nb: nbformat.NotebookNode) -> list:
    """What a reader and nbval see of a notebook: each cell's type, source and outputs (``_output``)."""
    return [(cell.cell_type, cell.source, [_output(o) for o in cell.get("outputs", [])]) for cell in nb.cells]


def same_baseline(old: nbformat.NotebookNode, new: nbformat.NotebookNode) -> bool:
    """Whether a newly executed notebook says what its committed baseline says: the same cells and shown
    outputs, and the same published results within their declared tolerances, stored at the precision a publication
    keeps (``results.stored``: an older baseline's 17-digit floats are rewritten). Such a baseline is kept byte for
    byte, so ``make refresh`` on an unchanged tree changes no file on any machine."""
    from ..regression import compare_publications
    from ..results import stored
    from .site import published

    if _shown(old) != _shown(new):
        return False
    before = published(old)
    return before == stored(before) and not compare_publications("", before, published(new))


def refresh(jobs: list[Job], readme_path: Path = readme.README, images_dir: Path = readme.IMAGES) -> list[Path]:
    """Write the baselines, README block and images; returns the files written."""
    from .sources import discover

    executed = {job.stem: job.executed for job in jobs}
    # the README lists every notebook: those not rerun contribute their committed baseline
    for notebook in discover(jobs[0].notebook.source.parent, warn=False) if jobs else []:
        if notebook.stem not in executed and notebook.baseline.is_file():
            executed[notebook.stem] = nbformat.read(notebook.baseline, as_version=4)
    block, images = readme.generate(executed)
    planned: dict[Path, bytes] = {
        job.notebook.baseline: nbformat.writes(job.executed).encode() + b"\n"
        for job in jobs
        if not (
            job.notebook.baseline.is_file()
            and same_baseline(nbformat.read(job.notebook.baseline, as_version=4), job.executed)
        )
    }
    planned[readme_path] = readme.updated_text(readme_path.read_text(encoding="utf-8"), block).encode()
    planned.update({images_dir / name: data for name, data in images.items()})
    planned = {path: data for path, data in planned.items() if not (path.is_file() and path.read_bytes() == data)}
    journal.commit(planned, readme_path.parent / TRANSACTION)
    return list(planned)


def refresh_summary(written: list[Path]) -> str:
    """What a refresh rewrote, in words: '2 notebooks and the README' or 'nothing (every baseline says the same)'."""
    notebooks = sum(1 for p in written if p.suffix == ".ipynb")
    images = sum(1 for p in written if p.suffix == ".png")
    parts = [f"{notebooks} notebook(s)"] if notebooks else []
    parts += ["the README's findings"] if any(p.suffix == ".md" for p in written) else []
    parts += [f"{images} image(s)"] if images else []
    return ", ".join(parts) if parts else "nothing (every baseline says the same)"
