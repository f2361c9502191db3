"""The kernel the runner starts: IPython's kernel without the TCP socket it opens for forked subprocesses.

ipykernel binds a PULL socket on 127.0.0.1 (any port) to collect the output of processes a cell forks; any
local process can connect to it and write lines into the kernel's output. The notebooks never fork, so the
runner's kernels run without it: every socket they have is an IPC socket in their private folder
(``pipeline.execute.TrackedKernelManager``). Started as ``python -m prequel.kernel -f CONNECTION_FILE``."""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":
    if sys.path[0] == "" or Path(sys.path[0]) == Path.cwd():  # as ipykernel_launcher: not the working directory
        del sys.path[0]

from ipykernel.iostream import IOPubThread
from ipykernel.kernelapp import IPKernelApp


class PrivateKernelApp(IPKernelApp):
    """IPKernelApp whose output channel has no subprocess pipe (ipykernel's own ``init_iopub``, ``pipe=False``)."""

    def init_iopub(self, context) -> None:  # noqa: ANN001 - a zmq context, as in ipykernel
        import zmq

        self.iopub_socket = context.socket(zmq.XPUB)
        self.iopub_socket.linger = 1000
        self._apply_curve_server_options(self.iopub_socket)
        self.iopub_port = self._bind_socket(self.iopub_socket, self.iopub_port)
        self.configure_tornado_logger()
        self.iopub_thread = IOPubThread(self.iopub_socket, pipe=False, session=self.session)
        self.iopub_thread.start()
        self.iopub_socket = self.iopub_thread.background_socket


if __name__ == "__main__":
    PrivateKernelApp.launch_instance()
