"""The processes of the pages benchmark: commands measured one by one, and the gunicorn server."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

# Gunicorn's rule of thumb, (2 × cores) + 1 sync workers: Carnet's views spend most of their
# time in Python (templates, ORM), so threads would only queue on the GIL; the extra workers
# keep both cores busy while others wait on the database.
WORKERS = 2 * (os.cpu_count() or 1) + 1


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_kib: int  # the process's peak resident memory (ru_maxrss)
    returncode: int


def run_measured(argv: list[str], *, env: dict[str, str], stdout=None) -> Measured:
    """Run ``argv`` to its end; os.wait4 gives this child's own peak memory, not its siblings'."""
    began = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=stdout)
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measured(time.perf_counter() - began, usage.ru_maxrss, process.returncode)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """``carnet.wsgi`` served by gunicorn on a free loopback port, as in production (DEBUG off)."""

    def __init__(
        self, *, python: Path, env: dict[str, str], log: Path, workers: int = WORKERS, port: int | None = None
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        argv = [
            str(python.parent / "gunicorn"),
            "carnet.wsgi",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={workers}",
            "--log-level=warning",
            f"--error-logfile={log}",
        ]
        self.process = subprocess.Popen(argv, env=env)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped (exit {self.process.returncode})")
            try:
                with urllib.request.urlopen(f"{self.url}/connexion/", timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):  # a busy machine answers late
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer in time")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def peak_memory_kib(self) -> dict[str, int]:
        """VmHWM (peak resident memory) of the master and of each worker, read before stopping."""
        peaks = {"master": _vm_hwm(self.process.pid)}
        for number, pid in enumerate(self.worker_pids(), start=1):
            peaks[f"worker {number}"] = _vm_hwm(pid)
        return peaks

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _vm_hwm(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
