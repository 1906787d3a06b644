"""Bounded loopback load test of ``truerole serve``: errors, latency and memory under sustained load.

Why: bench/http.py compares speed against a no-op app in short levels with one
posting; this one holds 50 clients on a multi-worker server for a minute,
with a different corpus posting on each request, to show the server neither
fails (5xx, dropped connections, timeouts) nor grows its memory under load.
Server RSS (parent plus workers, from /proc) is read before the load and after
each burst; equal bursts with flat RSS between them mean no leak. Everything
runs on 127.0.0.1 only, every loop is bounded in time and count, and the
script stops the server and exits by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import numpy as np
import pandas as pd

from bench._common import (
    CORPUS, DEFAULT_MODEL, HOST, TRUEROLE, ensure_model, free_port, machine_info, mib, server, tree_pids,
    tree_rss,
)

PATH = "/v1/classify"
TIMEOUT = 30.0  # seconds per request: longer counts as a transport error
MAX_REQUESTS_PER_CLIENT = 100_000  # a bound on count as well as on time


def postings() -> Iterator[dict[str, str]]:
    """Corpus postings in a fixed shuffled order, endlessly, so consecutive requests differ."""
    corpus = pd.read_csv(CORPUS, dtype=str, keep_default_na=False).sample(frac=1.0, random_state=0)
    return itertools.cycle(corpus[["title", "description"]].to_dict("records"))


def settled_rss(pid: int, limit: float = 60.0) -> int:
    """Tree RSS once two reads 2 s apart agree within 1%.

    /v1/health answers as soon as one worker has loaded the model; the others
    may still be loading, with a transient peak, so a single early read would
    make the "before" figure wrong by hundreds of MiB.
    """
    deadline, previous = time.monotonic() + limit, tree_rss(pid)
    while True:
        time.sleep(2)
        current = tree_rss(pid)
        if abs(current - previous) <= 0.01 * previous or time.monotonic() > deadline:
            return current
        previous = current


@dataclass
class Burst:
    """What one burst of load measured."""

    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # seconds, 200 responses only
    outcomes: Counter[str] = field(default_factory=Counter)  # "200", "5xx", "other", "transport"

    @property
    def requests(self) -> int:
        return sum(self.outcomes.values())

    def pct(self, q: float) -> float:
        return float(np.percentile(self.latencies, q)) * 1000 if self.latencies else float("nan")


async def burst(base: str, bodies: Iterator[dict[str, str]], clients: int, seconds: float) -> Burst:
    """``clients`` clients, each with its own reused connection, POSTing back to back for ``seconds``."""
    result = Burst()
    stop = time.perf_counter() + seconds

    async def one_client() -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=TIMEOUT) as client:
            for _ in range(MAX_REQUESTS_PER_CLIENT):
                if time.perf_counter() >= stop:
                    return
                started = time.perf_counter()
                try:
                    response = await client.post(PATH, json=next(bodies))
                except httpx.HTTPError:
                    result.outcomes["transport"] += 1
                    continue
                status = response.status_code
                if status == 200:
                    result.latencies.append(time.perf_counter() - started)
                result.outcomes["200" if status == 200 else "5xx" if status >= 500 else "other"] += 1

    began = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(one_client() for _ in range(clients))), seconds + TIMEOUT + 30)
    result.seconds = time.perf_counter() - began
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL, help="model file (trained if missing)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=60.0, help="duration of each burst")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--bursts", type=int, default=2, help="equal bursts; RSS is read after each")
    args = parser.parse_args()
    model = ensure_model(args.model)
    bodies = postings()
    os.environ["TRUEROLE_MODEL_PATH"] = str(model)
    port = free_port()
    command = [str(TRUEROLE), "serve", "--model", str(model), "--host", HOST, "--port", str(port),
               "--workers", str(args.workers)]
    print(machine_info(), flush=True)
    print(f"\nPOST {PATH} on {HOST}:{port}, {args.workers} worker(s), {args.clients} clients, "
          f"{args.bursts} x {args.seconds:g} s, corpus postings rotated ({CORPUS.name})", flush=True)
    with server(command, port, ready="/v1/health") as (base, process):
        before = settled_rss(process.pid)
        print(f"  server RSS before load: {mib(before)} ({len(tree_pids(process.pid))} processes)", flush=True)
        print(f"  {'burst':>5} {'requests':>9} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'5xx':>5} "
              f"{'other':>6} {'transport':>9} {'RSS after':>10} {'vs before':>10}", flush=True)
        for n in range(1, args.bursts + 1):
            done = asyncio.run(burst(base, bodies, args.clients, args.seconds))
            after = tree_rss(process.pid)
            print(f"  {n:>5} {done.requests:>9} {done.requests / done.seconds:>7.1f} {done.pct(50):>8.1f} "
                  f"{done.pct(99):>8.1f} {done.outcomes['5xx']:>5} {done.outcomes['other']:>6} "
                  f"{done.outcomes['transport']:>9} {mib(after):>10} {(after - before) / 1024**2:>+7.0f} MiB",
                  flush=True)
    print("  server stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
