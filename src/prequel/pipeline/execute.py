"""Execute notebooks with papermill, in parallel threads, each with a kernel the runner can stop."""

from __future__ import annotations

import copy
import errno
import hashlib
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import papermill
from jupyter_client.manager import AsyncKernelManager

from .cache import Cache, inputs_for, notebook_key
from .sources import Notebook

VOLATILE_METADATA = (
    "start_time",
    "end_time",
    "duration",
    "exception",
    "input_path",
    "output_path",
    "environment_variables",
    "version",
)


class Interrupted(Exception):
    """The user pressed Ctrl-C: kernels were stopped, nothing was written."""


@dataclass
class Job:
    notebook: Notebook
    defaults: dict[str, Any]
    parameters: dict[str, Any] = field(default_factory=dict)  # values given by the user (checked)
    seconds: float = 0.0
    error: str | None = None
    executed: nbformat.NotebookNode | None = None
    cache: str = "ran"  # "ran" or "reused" (from the execution cache)
    cache_reason: str = "cache off"  # why: which part of the cache key changed, or none did
    key: Any = None  # the cache key (cache.Key) when the cache is on
    disk_error: OSError | None = None  # writing its output failed (a full disk): the run's error, not the notebook's

    @property
    def stem(self) -> str:
        return self.notebook.stem

    @property
    def effective(self) -> dict[str, Any]:
        return {**self.defaults, **self.parameters}


def sanitize(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop wall-clock values and machine paths that papermill and nbclient record; give papermill's
    injected cell an id derived from its content, so reruns are byte-identical."""
    meta = nb.metadata.get("papermill", {})
    for key in VOLATILE_METADATA:
        meta.pop(key, None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-" + hashlib.sha1(cell.source.encode()).hexdigest()[:12]
    return nb


def source_index(nb: nbformat.NotebookNode, index: int) -> int:
    """A cell's index in the notebook's source (cells papermill added are not counted)."""
    added = {"injected-parameters", "papermill-error-cell-tag"}
    return index - sum(1 for c in nb.cells[:index] if added & set(c.metadata.get("tags", [])))


def failing_cell(nb: nbformat.NotebookNode) -> str:
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                return f"cell {source_index(nb, index)} ({first[:60]!r}): {output['ename']}: {output['evalue']}"
    return ""


def running_cell(nb: nbformat.NotebookNode) -> int | None:
    """The cell that was executing when the run stopped: the one with an error output, else the one
    papermill marked as running."""
    for index, cell in enumerate(nb.cells):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return index
    for index, cell in enumerate(nb.cells):
        if cell.metadata.get("papermill", {}).get("status") == "running":
            return index
    return None


#: The longest path of a Unix socket (108 bytes on Linux and 104 on macOS, with the final NUL), with room.
SOCKET_PATH_MAX = 100


def kernel_folder() -> Path:
    """A new folder (mode 0700) for one kernel's sockets and connection file: in the temporary folder, or in
    /tmp when that folder's path leaves no room for a socket's name."""
    folder = Path(tempfile.mkdtemp(prefix="prequel-kernel-"))
    if len(os.fsencode(folder / "kernel-99")) <= SOCKET_PATH_MAX:
        return folder
    folder.rmdir()
    return Path(tempfile.mkdtemp(prefix="prequel-kernel-", dir="/tmp"))


class TrackedKernelManager(AsyncKernelManager):
    """nbclient's kernel manager (it still starts and shuts down the kernel), remembered so that Ctrl-C
    can kill the kernels from the main thread. Each kernel listens on IPC sockets in a private (0700)
    temporary folder of its own, never on TCP, where any local process could connect and read its code and
    outputs; the folder (sockets and connection file) is removed when the kernel stops or this process ends."""

    live: weakref.WeakSet = weakref.WeakSet()
    _lock = threading.Lock()

    def __init__(self, **kwargs: Any) -> None:
        folder = kernel_folder()
        super().__init__(
            **kwargs, transport="ipc", ip=str(folder / "kernel"), connection_file=str(folder / "kernel.json")
        )
        self._remove_folder = weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
        with TrackedKernelManager._lock:
            TrackedKernelManager.live.add(self)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        """The kernel spec's command with IPython's kernel swapped for ``prequel.kernel`` (the same kernel,
        without a TCP socket for forked subprocesses)."""
        command = super().format_kernel_cmd(extra_arguments)
        return ["prequel.kernel" if part == "ipykernel_launcher" else part for part in command]

    async def shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
        """Stop the kernel with a shutdown request (killing it only when it does not exit in time). The
        kernel is idle or already interrupted here: jupyter_client's own shutdown sends SIGINT first, which
        the kernel may report as 'KeyboardInterrupt caught in kernel'."""
        if now or restart or not self.has_kernel:
            await super().shutdown_kernel(now=now, restart=restart)
            return
        self.shutting_down = True
        self.stop_restarter()
        await self.request_shutdown()
        await self.finish_shutdown()
        await self.cleanup_resources()

    async def cleanup_resources(self, restart: bool = False) -> None:
        await super().cleanup_resources(restart=restart)
        if not restart:
            self._remove_folder()


class Kernels:
    """The kernels of the running jobs, so that Ctrl-C can stop them from the main thread."""

    def __init__(self) -> None:
        self.cancelled = threading.Event()

    def kill_all(self) -> None:
        """Kill every kernel's process group (kernels run in their own session)."""
        self.cancelled.set()
        with TrackedKernelManager._lock:
            managers = list(TrackedKernelManager.live)
        for manager in managers:
            process = getattr(manager.provisioner, "process", None) if manager.provisioner else None
            if process is not None and process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    process.kill()


#: Errors of the runner's own file writes (the notebook it writes is cut short): reported as such.
DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}


def execute(job: Job, staging: Path, timeout: int, kernels: Kernels, cache: Cache | None = None, nb: Any = None) -> Job:
    """Run one notebook (``nb``, else read from its text source) into ``staging``; errors are recorded,
    never raised. A success is stored in ``cache`` when its inputs did not change while it ran."""
    output = staging / f"{job.stem}.ipynb"
    start = time.perf_counter()
    if kernels.cancelled.is_set():
        job.error = "cancelled"
        return job
    try:
        papermill.execute_notebook(
            copy.deepcopy(nb) if nb is not None else job.notebook.read(),  # papermill edits it in place
            output_path=str(output),
            parameters=job.parameters,
            kernel_name="python3",
            # the kernel starts in the notebook's folder; papermill's own ``cwd`` would chdir this whole
            # process, which the notebooks running in other threads share
            resources={"metadata": {"path": str(job.notebook.source.parent)}},
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            interrupt_on_timeout=True,  # the cell that runs past the timeout ends with KeyboardInterrupt
            kernel_manager_class=TrackedKernelManager,
        )
    except papermill.PapermillExecutionError as err:
        timed_out = err.ename == "KeyboardInterrupt"  # nbclient interrupts a cell that runs past the timeout
        job.error = f"timed out after {timeout} s (--timeout)" if timed_out else f"{err.ename}: {err.evalue}"
    except Exception as err:  # noqa: BLE001 - timeouts and dead kernels are reported, never crash the other notebooks
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        if kernels.cancelled.is_set():
            job.error = "cancelled"
        elif isinstance(err, CellTimeoutError | TimeoutError):
            job.error = f"timed out after {timeout} s (--timeout)"
        elif isinstance(err, DeadKernelError):
            job.error = f"the kernel died: {message}"
        else:
            job.error = f"{type(err).__name__}: {message}"
        if isinstance(err, OSError) and err.errno in DISK_ERRORS:
            job.disk_error = err
    job.seconds = time.perf_counter() - start
    if output.exists() and not kernels.cancelled.is_set() and job.disk_error is None:
        executed = nbformat.read(output, as_version=4)
        if job.error:
            index = running_cell(executed)
            if job.error.startswith("timed out") or index is None:
                where = f"cell {source_index(executed, index)}" if index is not None else ""
                job.error = f"{where}: {job.error}" if where else job.error
            else:
                job.error = failing_cell(executed) or f"cell {source_index(executed, index)}: {job.error}"
        job.executed = sanitize(executed)
    if cache is not None and job.key is not None and job.executed is not None and not job.error:
        if notebook_key(nb, job, inputs_for(job)).digest == job.key.digest:  # never store a result of moved inputs
            cache.store(job.stem, job.key, job.executed, job.seconds)
    return job


def look_up(jobs: list[Job], cache: Cache | None) -> dict[str, Any]:
    """Reuse each job's executed notebook from ``cache`` when its key is unchanged; returns the prepared
    notebooks of the jobs that must run (by stem)."""
    to_run = {}
    for job in jobs:
        nb = job.notebook.read()
        if cache is not None:
            job.key = notebook_key(nb, job, inputs_for(job))
            start = time.perf_counter()
            hit, job.cache_reason = cache.lookup(job.stem, job.key)
            if hit is not None:
                job.executed, job.cache, job.seconds = hit, "reused", time.perf_counter() - start
                continue
        to_run[job.stem] = nb
    return to_run


def progress(done: int, total: int, job: Job) -> None:
    state = "ok" if not job.error else "FAILED"
    how = f"{job.cache}: {job.cache_reason}"
    print(f"[{done}/{total}] {job.stem}: {state} ({job.seconds:.1f} s), {how}", file=sys.stderr, flush=True)


def run_jobs(
    jobs: list[Job], staging: Path, workers: int, timeout: int, cache: Cache | None = None, to_run: dict | None = None
) -> list[Job]:
    """Execute every job not reused from ``cache`` (``to_run``: from ``look_up``), ``workers`` at a time.
    Ctrl-C cancels the pending ones, kills the running kernels and raises ``Interrupted`` once every
    thread has stopped."""
    kernels = Kernels()
    to_run = look_up(jobs, cache) if to_run is None else to_run
    reused = [job for job in jobs if job.stem not in to_run]
    running = [job for job in jobs if job.stem in to_run]
    print(
        f"running {len(running)} notebook(s) with {workers} worker(s)"
        + (f", {len(reused)} reused from the cache" if reused else ""),
        file=sys.stderr,
        flush=True,
    )
    for done, job in enumerate(reused, 1):
        progress(done, len(jobs), job)
    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    futures = [pool.submit(execute, job, staging, timeout, kernels, cache, to_run[job.stem]) for job in running]
    try:
        for done, future in enumerate(as_completed(futures), len(reused) + 1):
            progress(done, len(jobs), future.result())
    except KeyboardInterrupt:
        for future in futures:
            future.cancel()
        while not all(future.done() for future in futures):  # a kernel may still be starting: kill it too
            kernels.kill_all()
            time.sleep(0.2)
        pool.shutdown(wait=True, cancel_futures=True)
        raise Interrupted() from None
    pool.shutdown(wait=True)
    return jobs
