"""A runner that can be killed cheaply, many times: the crash tests' helper (tests/test_crash.py).

Started once per test as ``python tests/forkserver.py`` (with ``PYTHONPATH`` at a copy of the package, in a
mini repository, possibly in a mount namespace of its own), it imports the pipeline once, then for each
request read from standard input (one JSON object a line) answers with one JSON line:

- ``{"op": "run", "argv": [...], "kill_after": S, "log": FILE}``: a child forked from this process (no
  import cost) runs the runner's ``main(argv)``; it is killed with SIGKILL after S seconds unless it ended
  first (the kill is sent while the child is still unreaped, so never to another process; ``"signal":
  "SIGTERM"`` sends that instead). Answer: the exit status, or -9 when killed.
- ``{"op": "refresh", "generation": N, ...}``: the same for a refresh of every notebook of the repository as
  generation N (``generation``).
- ``{"op": "seed", "notebook": PATH, "labels": [...], "cache": DIR}``: store in the execution cache, without a
  kernel, the notebook as run with each ``label`` (so that the runs to kill reuse it and start no kernel).
- ``{"op": "warm", "argv": [...]}``: the runner's ``main(argv)`` in this process (not killed), so that what a
  run loads once (modules imported late, the data's validation, compiled templates) is loaded before forking;
  with ``"generation": N`` instead of ``argv``, a refresh.
- ``{"op": "recover", "out": DIR}``: what every run does first: under the output's lock, clean up after a
  killed run (the same for the refresh's journal with ``"out": null``).
- ``{"op": "snapshot", "path": DIR}``: every file under DIR with the SHA-256 of its bytes, and the folders.
- ``{"op": "fill", "path": FILE, "leave": BYTES}``: a file that leaves BYTES free on its file system (``null``:
  remove it).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import select
import signal
import sys
import threading
from pathlib import Path

import nbformat

from prequel.pipeline import cli, journal, outputs, readme, refresh, site  # noqa: F401 - loaded before forking
from prequel.pipeline.execute import Job
from prequel.pipeline.sources import discover
from prequel.present.report import RESULTS_META, TABLE_META


def generation(nb: nbformat.NotebookNode, n: int) -> nbformat.NotebookNode:
    """``nb`` as written by refresh number ``n``: its title cell, published finding and README images say so."""
    nb.cells[0].source = re.sub(r"\s*<!-- generation \d+ -->$", "", nb.cells[0].source) + f"\n<!-- generation {n} -->"
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            results = output.get("metadata", {}).get(TABLE_META, {}).get(RESULTS_META)
            if isinstance(results, dict):
                results["finding"] = re.sub(r" \(generation \d+\)$", "", results["finding"]) + f" (generation {n})"
            if "image/png" in output.get("data", {}):
                data = re.sub(rb"generation \d+$", b"", base64.b64decode(output["data"]["image/png"]))
                output["data"]["image/png"] = base64.b64encode(data + f"generation {n}".encode()).decode()
    return nb


def refresh_as(n: int) -> None:
    jobs = []
    for notebook in (n for n in discover(warn=False) if n.baseline.is_file()):
        executed = generation(nbformat.read(notebook.baseline, as_version=4), n)
        jobs.append(Job(notebook, {}, executed=executed))
    refresh.refresh(jobs)


def child(request: dict) -> int:
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    if request["op"] == "refresh":
        refresh_as(request["generation"])
        return 0
    return cli.main(request["argv"])


def seed(notebook: Path, labels: list[str], folder: Path) -> None:
    from prequel.pipeline.cache import Cache, inputs_for, notebook_key

    cache = Cache(folder)
    for label in labels:
        (job,) = cli.make_jobs(cli.select_notebooks([str(notebook)]))
        cli.assign([job], {"label": label}, "-p ")
        nb = job.notebook.read()
        key = notebook_key(nb, job, inputs_for(job))
        nb.cells[-1].outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"done: {label}\n")]
        cache.store(job.stem, key, nb, 0.0)


def wait(pid: int, kill_after: float | None, sig: str = "SIGKILL") -> int:
    descriptor = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([descriptor], [], [], kill_after)
        if not ready:
            signal.pidfd_send_signal(descriptor, getattr(signal, sig))
    finally:
        os.close(descriptor)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def snapshot(path: Path) -> dict:
    files, folders = {}, []
    for p in sorted(path.rglob("*")) if path.is_dir() else []:
        if p.is_dir():
            folders.append(str(p.relative_to(path)))
        else:
            files[str(p.relative_to(path))] = hashlib.sha256(_stable(p)).hexdigest()
    return {"files": files, "folders": folders}


def _stable(path: Path) -> bytes:
    """A file's bytes; a summary's without the seconds each notebook took (they differ from run to run)."""
    data = path.read_bytes()
    if path.name != "summary.json":
        return data
    try:
        summary = json.loads(data)
    except ValueError:
        return data
    for entry in summary.get("notebooks", {}).values():
        entry.pop("seconds", None)
    return json.dumps(summary, sort_keys=True).encode()


def serve() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        op = request["op"]
        if op in ("run", "refresh"):
            assert threading.active_count() == 1, "a process with threads cannot be forked safely"
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                code = 70
                try:
                    code = child(request)
                finally:
                    os._exit(code)
            answer: object = wait(pid, request.get("kill_after"), request.get("signal", "SIGKILL"))
        elif op == "warm":
            with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                answer = cli.main(request["argv"]) if "argv" in request else refresh_as(request["generation"])
        elif op == "seed":
            seed(Path(request["notebook"]), request["labels"], Path(request["cache"]))
            answer = "ok"
        elif op == "recover":
            if request["out"] is None:
                answer = journal.recover(refresh.TRANSACTION_DIR)
            else:
                out = Path(request["out"])
                with outputs.locked(out):
                    outputs.recover(out)
                answer = "ok"
        elif op == "snapshot":
            answer = snapshot(Path(request["path"]))
        elif op == "fill" and request["leave"] is None:
            answer = os.unlink(request["path"])
        elif op == "fill":
            stats = os.statvfs(Path(request["path"]).parent)
            size = max(stats.f_bavail * stats.f_frsize - request["leave"], 0)
            with open(request["path"], "wb") as handle:
                handle.write(b"\0" * size)
            answer = size
        else:
            raise ValueError(op)
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    serve()
    if os.environ.get("FORKSERVER_CPU"):
        import resource

        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
            usage = resource.getrusage(who)
            print("CPU", who, usage.ru_utime + usage.ru_stime, file=sys.stderr)
