"""The kernels the runner starts: no other process can read them, and they stop without a word.

Each kernel listens on IPC sockets in a private folder of its own (never on TCP, where any local process
could subscribe to its output), is stopped by a shutdown request (never SIGINT, which the kernel reports as
'KeyboardInterrupt caught in kernel'), and its folder is gone when it has stopped; a successful run prints
only the runner's own lines."""

import json
import os
import re
import socket
import struct
import threading
from pathlib import Path

import psutil
import pytest
from conftest import TINY, runner_in_process

pytestmark = pytest.mark.slow

#: A tiny notebook whose kernel records every SIGINT it receives once its cells have run: ipykernel restores
#: ``saved_sigint_handler`` after each request, so setting it makes the recorder the kernel's handler.
RECORDS_SIGINT = TINY.replace(
    "import time\n",
    "import os\nimport signal\nimport time\n\n"
    "def _record(signum, frame):\n"
    '    with open(os.environ["PREQUEL_TEST_SIGNALS"], "a") as f:\n'
    '        f.write(f"{signum}\\n")\n\n\n'
    "get_ipython().kernel.saved_sigint_handler = _record\n",
)

#: Every line a successful run of the runner prints on standard error.
RUNNER_LINES = re.compile(r"output: .*|running \d+ notebook\(s\) with \d+ worker\(s\).*|\[\d+/\d+\] \S+: ok .*")


def zmq_socket_type(port: int) -> str:
    """The type of the ZeroMQ socket listening on 127.0.0.1:``port``, from its ZMTP 3 handshake."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(b"\xff" + b"\0" * 8 + b"\x7f\x03\x00" + b"NULL".ljust(20, b"\0") + b"\0" * 32)
        data = b""
        while True:
            at = data.find(b"\x0bSocket-Type")
            if at >= 0 and len(data) >= at + 16:
                (size,) = struct.unpack(">I", data[at + 12 : at + 16])
                if len(data) >= at + 16 + size:
                    return data[at + 16 : at + 16 + size].decode()
            chunk = conn.recv(4096)
            if not chunk:
                return ""
            data += chunk


def watch_kernels(seen: dict, stop: threading.Event) -> None:
    """Until ``stop``: each kernel started by this process (by pid), with its connection file, the
    connection file's folder's mode and owner, and the TCP sockets it has open (type of each listener)."""
    while not stop.is_set():
        for kernel in psutil.Process().children(recursive=True):
            try:
                cmdline = kernel.cmdline()
                if "prequel.kernel" not in cmdline:  # the runner's kernel (see prequel.kernel)
                    continue
                connection = cmdline[cmdline.index("-f") + 1]
                info = os.stat(os.path.dirname(connection))
                tcp = kernel.net_connections(kind="tcp")
            except (psutil.Error, OSError, ValueError, IndexError):
                continue
            record = seen.setdefault(kernel.pid, {"connection": connection, "tcp": {}})
            record["folder"] = (info.st_mode & 0o777, info.st_uid)  # (jupyter_client adds the sticky bit)
            if os.path.exists(connection):
                record["config"] = json.loads(open(connection).read() or "{}")
            for conn in tcp:
                key = (conn.status, conn.laddr, conn.raddr)
                if key not in record["tcp"]:
                    listener = conn.status == psutil.CONN_LISTEN and conn.laddr.ip == "127.0.0.1"
                    record["tcp"][key] = zmq_socket_type(conn.laddr.port) if listener else "?"
        stop.wait(0.1)


def test_kernels_listen_on_private_ipc_sockets_never_tcp_and_stop_without_a_signal(tmp_path, capfd, monkeypatch):
    """Two kernels at once, sampled while they run: every channel on IPC in a folder of the runner's user
    that only it can open, no TCP connection, and no listener but ipykernel's pipe for the output of forked
    subprocesses (a PULL socket, key-authenticated: it sends nothing, so nothing can be read from it).
    Stopped without SIGINT; the folders are gone after the run; standard error holds only the runner's
    lines (no 'Kernel is running over TCP', no 'KeyboardInterrupt caught in kernel')."""
    folder = tmp_path / "nb"
    folder.mkdir()
    for stem in ("90_one", "91_two"):
        (folder / f"{stem}.py").write_text(RECORDS_SIGINT, encoding="utf-8")
    signals = tmp_path / "signals.txt"
    monkeypatch.setenv("PREQUEL_TEST_SIGNALS", str(signals))
    seen: dict = {}
    stop = threading.Event()
    watcher = threading.Thread(target=watch_kernels, args=(seen, stop))
    watcher.start()
    capfd.readouterr()
    try:
        result = runner_in_process(
            str(folder / "90_one.py"), str(folder / "91_two.py"), "--out", str(tmp_path / "out"), "--jobs", "2",
            "-p", "seconds=1.5",
        )  # fmt: skip
    finally:
        stop.set()
        watcher.join()
    assert result.returncode == 0, result.stderr
    assert len(seen) == 2, seen
    for pid, kernel in seen.items():
        private = os.path.dirname(kernel["connection"])
        assert kernel["folder"] == (0o700, os.getuid()), (pid, kernel)
        config = kernel["config"]
        assert config["transport"] == "ipc" and os.path.dirname(config["ip"]) == private, config
        assert kernel["tcp"] == {}, kernel["tcp"]  # no TCP socket at all, not even ipykernel's subprocess pipe
        assert not os.path.exists(private), f"{private} left behind"
    assert not signals.exists(), signals.read_text()
    kernels_said = capfd.readouterr().err  # what the kernels wrote on the terminal
    assert kernels_said == "", kernels_said
    assert all(RUNNER_LINES.fullmatch(line) for line in result.stderr.splitlines()), result.stderr


def test_a_long_temporary_folder_still_leaves_room_for_the_sockets(tmp_path, monkeypatch):
    """A Unix socket's path has at most about 100 bytes: a kernel's folder moves to /tmp when $TMPDIR is long."""
    import tempfile

    from prequel.pipeline.execute import SOCKET_PATH_MAX, kernel_folder

    short = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        for base, inside in ((short, True), (tmp_path / ("x" * 100), False)):
            base.mkdir(exist_ok=True)
            monkeypatch.setattr(tempfile, "tempdir", str(base))
            folder = kernel_folder()
            assert (folder.parent == base) is inside and len(str(folder / "kernel-99")) <= SOCKET_PATH_MAX
            assert folder.stat().st_mode & 0o777 == 0o700
            folder.rmdir()
    finally:
        short.rmdir()
