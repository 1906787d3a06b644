"""Helpers shared by the benchmarks: paths, machine description, ports, model, measured runs.

Every benchmark prints the machine it ran on, because a figure without its
machine cannot be compared with anything; and each one measures its ratios
side by side in one run, so the machine's speed cancels out of them.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import httpx

HOST = "127.0.0.1"  # loopback only: no benchmark ever contacts another address
REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"
TRUEROLE = BIN / "truerole"
CORPUS = REPO / "training_data" / "postings.csv"
DEFAULT_MODEL = REPO / "models" / "truerole.skops"
PACKAGES = ("truerole", "scikit-learn", "numpy", "scipy", "pandas", "pyarrow", "fastapi", "uvicorn", "httpx")


def machine_info(extra_packages: tuple[str, ...] = ()) -> str:
    """CPU model, cores, RAM, Python, key package versions and the UTC date, as a few lines."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    versions = []
    for name in PACKAGES + extra_packages:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join([
        f"date:     {now}",
        f"cpu:      {cpu}",
        f"cores:    {os.cpu_count()}   ram: {kib / 1024**2:.1f} GiB   "
        f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        f"python:   {platform.python_version()} ({sys.executable})",
        f"packages: {', '.join(versions)}",
    ])


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (the OS picks it); loopback only, never another address."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ensure_model(path: Path) -> Path:
    """The model at ``path``, trained first with ``truerole train --out`` when missing."""
    if not path.exists():
        print(f"no model at {path}: training one (about a minute)", file=sys.stderr, flush=True)
        subprocess.run([str(TRUEROLE), "train", "--out", str(path)], check=True, stdout=subprocess.DEVNULL)
    return path


@dataclass(frozen=True)
class Run:
    """One measured subprocess: wall time and memory high-water marks."""

    seconds: float
    peak_process_rss: int  # bytes: the largest VmHWM of any single process of the tree
    peak_tree_rss: int  # bytes: largest sum of VmRSS over the whole tree, sampled every 50 ms


def tree_pids(pid: int) -> list[int]:
    """``pid`` and all its descendants, from /proc/PID/task/*/children."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(child) for child in task.read_text().split()]
            except OSError:
                pass
    return found


def _status_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss(pid: int) -> int:
    """Bytes of VmRSS summed over ``pid`` and all its descendants (a server's parent and workers)."""
    return sum(_status_kib(child, "VmRSS") for child in tree_pids(pid)) * 1024


def run_measured(command: list[str], **popen: object) -> Run:
    """Run ``command`` to completion, polling /proc for its process tree's memory.

    ``getrusage(RUSAGE_CHILDREN)`` is process-wide and only ever grows, so it
    cannot tell one run from the next; polling VmHWM (each process's own
    high-water mark, kept by the kernel) and the summed VmRSS of the tree
    gives both the biggest single process and the whole job's footprint,
    which matters once ``--jobs 2`` forks workers.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, **popen)  # type: ignore[call-overload]
    hwm: dict[int, int] = {}
    tree_peak = 0
    while process.poll() is None:
        pids = tree_pids(process.pid)
        tree_peak = max(tree_peak, sum(_status_kib(pid, "VmRSS") for pid in pids))
        for pid in pids:
            hwm[pid] = max(hwm.get(pid, 0), _status_kib(pid, "VmHWM"))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command)
    return Run(seconds, max(hwm.values(), default=0) * 1024, tree_peak * 1024)


@contextmanager
def server(command: list[str], port: int, ready: str = "/docs") -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start a server on 127.0.0.1:``port``, wait until GET ``ready`` answers, stop it afterwards.

    Yields the base URL and the process, so callers can read its memory.
    """
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with {process.returncode}: {' '.join(command)}")
            try:
                if httpx.get(f"{base}{ready}", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not answer within 120 s: {' '.join(command)}")
            time.sleep(0.2)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def mib(n_bytes: float) -> str:
    """Bytes as MiB for a table cell."""
    return f"{n_bytes / 1024**2:,.0f} MiB"
