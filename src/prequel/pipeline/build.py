"""One run: execute the notebooks into a staging folder, render the site, put it in place of the output.

A failed run keeps the previous output and records its failure in ``<out>/_failed/`` (read by the
front page); an interrupted run leaves nothing behind but the previous output.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import nbformat

from . import keep, outputs, provenance, signals
from . import scenarios as scenario_files
from .cache import Cache, inputs_for, page_key
from .execute import Job, look_up, run_jobs
from .provenance import Inputs
from .site import collect_results, index_entry, page_names, published, title_of, write_chart_files

EXIT_OK, EXIT_FAILED = 0, 1
FAILED_DIR = "_failed"


def cache_record(job: Job) -> dict[str, Any]:
    """summary.json's account of the cache: reused or ran, why, and the key."""
    return {"status": job.cache, "reason": job.cache_reason, "key": job.key.digest if job.key else None}


def write_pages(job: Job, staging: Path, footer: dict, inputs: Inputs, cache: Cache | None, context: dict) -> None:
    """The notebook's two pages, from the cache when everything they are rendered from is unchanged."""
    key = page_key(job.executed, job.stem, footer, inputs, context) if cache else ""
    cached = cache.pages(key, set(page_names(job.stem))) if cache else None  # only these names are written
    if cached is not None:
        for name, data in cached.items():
            (staging / name).write_bytes(data)
        write_chart_files(job.executed, job.stem, staging)  # the images the pages load, from the notebook
        return
    from .site import render_pages  # nbconvert loads only when there is something to render

    written = render_pages(job.executed, job.stem, staging, provenance=footer, **context)
    if cache:
        cache.store_pages(key, job.stem, {p.name: p.read_bytes() for p in written})


def build_site(
    jobs: list[Job],
    staging: Path,
    scenario: str | None = None,
    cache: Cache | None = None,
    description: str = "",
    rendered: dict[str, set[str]] | None = None,
    explore: bool = False,
    kept: dict[str, str] | None = None,
) -> list[dict]:
    """The site of a successful run in ``staging``; ``scenario`` and its ``description``: the banner of
    a scenario's pages; ``rendered``: the stems each scenario's folder holds (a page links only those);
    ``explore``: the run writes the explorer beside the scenarios' folders (every page links it); ``kept``:
    stem -> title of the notebooks whose pages the folder keeps from its last run (the pages link them in
    order). Returns the index's entries."""
    from .site import render_index, write_stylesheet

    inputs = inputs_for(jobs[0])  # one data folder per run
    prov = provenance.record(inputs, {job.stem: job.effective for job in jobs}, scenario)
    footer = provenance.footer(prov)
    summary: dict[str, Any] = {"notebooks": {}, "provenance": prov}
    entries = []
    write_stylesheet(staging)  # one stylesheet per site, linked by every page
    siblings = [(job.stem, title_of(job.executed)) for job in jobs]
    if kept:
        siblings = sorted(siblings + list(kept.items()))
    for job in jobs:
        nbformat.write(job.executed, staging / f"{job.stem}.ipynb")
        context = {
            "siblings": siblings,
            "parameters": job.effective,
            "defaults": job.defaults,
            "scenario": {"name": scenario, "description": description} if scenario else None,
            "scenarios": scenario_files.available(warn=False) if scenario else [],  # the page lists each
            "rendered": sorted(name for name, stems in (rendered or {}).items() if job.stem in stems),
            "explore": explore,
        }
        write_pages(job, staging, footer, inputs, cache, context)
        publication = published(job.executed)
        results = publication.get("results", {})
        summary["notebooks"][job.stem] = {
            "status": "ok",
            "seconds": round(job.seconds, 2),
            "parameters": job.effective,
            "results": results,  # at full precision, each with its declaration beside it
            "declarations": publication.get("declarations", {}),
            "cache": cache_record(job),
        }
        entries.append(index_entry(job.stem, job.executed, job.effective, job.defaults, results))
    render_index(entries, staging, scenario)
    outputs.write_json(staging / "summary.json", summary)
    return entries


def failure_summary(jobs: list[Job]) -> dict:
    """Every notebook's outcome after a failed run: results of those that succeeded, errors of the others."""
    return {
        "status": "failed",
        "notebooks": {
            job.stem: (
                {"status": "failed", "error": job.error, "seconds": round(job.seconds, 2), "cache": cache_record(job)}
                if job.error
                else {
                    "status": "ok",
                    "seconds": round(job.seconds, 2),
                    "results": collect_results(job.executed) if job.executed else {},
                    "declarations": published(job.executed).get("declarations", {}) if job.executed else {},
                    "cache": cache_record(job),
                }
            )
            for job in jobs
        },
    }


def record_failure(jobs: list[Job], out: Path) -> Path:
    """Put ``<out>/_failed/`` (failed notebooks and every outcome) beside the previous output, whole or not at
    all: it is written in a staging folder inside ``out``, then swapped in."""
    outputs.check_target(out)  # still absent, empty or the runner's own
    if not out.exists():
        out.mkdir(parents=True)
    if not outputs.is_runner_output(out):  # check_target let it through: absent or empty
        outputs.mark(out)
    outputs.recover(out)
    new, old = outputs.staging_inside(out, FAILED_DIR), None
    try:
        for job in jobs:
            if job.error and job.executed is not None:
                nbformat.write(job.executed, new / f"{job.stem}.ipynb")
        outputs.write_json(new / "summary.json", failure_summary(jobs))
        with signals.critical():
            old = outputs.put_in_place(new, out / FAILED_DIR)
    finally:
        for folder in (new, old):  # (after an exchange, ``new`` holds the previous _failed/)
            if folder is not None and folder.exists():
                outputs.remove(folder)
    return out / FAILED_DIR


def _preload_renderer() -> None:
    """Import nbconvert and load the page template while the kernels run (it takes about a second)."""
    from .site import warm_up

    warm_up()


def execute_site(
    jobs: list[Job],
    out: Path,
    workers: int,
    timeout: int,
    extra: dict | None = None,
    cache: Cache | None = None,
    rendered: dict[str, set[str]] | None = None,
    explore: bool = False,
    kept: dict[str, str] | None = None,
) -> int:
    """Execute (or reuse from ``cache``), render and put the site in place of ``out``; on failure keep
    ``out`` as it was. ``out`` must have passed ``outputs.check_target``. ``rendered``: the pages (stems) each
    scenario has once the run ends, which a scenario's page links (``build_site``); ``explore``: the run
    writes the explorer, which every page links; ``kept``: stem -> title of the notebooks of a scenario's last
    run in ``out`` that this run keeps (``keep.kept_pages``), carried into the new folder as it is swapped in."""
    with outputs.locked(out):
        outputs.recover(out)
        staging = outputs.new_staging(out)
    preload = threading.Thread(target=_preload_renderer, daemon=True)
    try:
        print(f"output: {out}", file=sys.stderr, flush=True)
        to_run = look_up(jobs, cache)
        if to_run:  # nothing to execute: pages come from the cache, or render without a head start
            preload.start()
        run_jobs(jobs, staging, workers, timeout, cache, to_run)
        disk_error = next((job.disk_error for job in jobs if job.disk_error), None)
        if disk_error is not None:  # a full disk is not the notebook's failure: nothing more is written
            raise outputs.named(disk_error, staging, out)
        failed = [job for job in jobs if job.error]
        if failed:
            with outputs.locked(out):
                failed_dir = record_failure(jobs, out)
            for job in failed:
                print(f"error: {job.stem} failed at {job.error}", file=sys.stderr)
            for job in jobs:
                if not job.error:
                    print(f"ok: {job.stem}: {collect_results(job.executed).get('finding', '')}", file=sys.stderr)
            print(
                f"the previous output in {out} is untouched; failed notebooks and all results: {failed_dir}",
                file=sys.stderr,
            )
            return EXIT_FAILED
        if preload.is_alive():
            preload.join()
        marker = (extra or {}).get("scenario.json", {})
        try:
            entries = build_site(
                jobs,
                staging,
                marker.get("name"),
                cache=cache,
                description=marker.get("description", ""),
                rendered=rendered,
                explore=explore,
                kept=kept,
            )
            for name, value in (extra or {}).items():
                outputs.write_json(staging / name, value)
            with outputs.locked(out):
                if kept:  # under the lock: what the folder holds now, not what it held when the run started
                    keep.carry_over(out, staging, list(kept), entries, marker.get("name"))
                outputs.replace(staging, out)
        except OSError as err:  # a full disk, say: named as the file of the output it was writing
            raise outputs.named(err, staging, out) from None
        if cache:
            cache.trim()
        return EXIT_OK
    finally:
        if staging.exists():
            outputs.remove(staging)
