"""HTTP latency and throughput of ``truerole serve`` against a no-op FastAPI app.

Why: the no-op app parses the same ``Posting`` body with the same FastAPI,
uvicorn, worker count and host, and returns a constant, so the ratio of the
two says what truerole's model costs per request on top of the web stack.
Both servers and the load run in one go on 127.0.0.1 only; every level is
bounded in time and stops by itself. The load generator shares the cores
with the server, so absolute figures are a floor; the ratio is the point.

Run as a module (``.venv/bin/python -m bench.http``): as a plain script this
file's name would shadow the standard library's ``http`` package.
"""

from __future__ import annotations

if not __package__:
    raise SystemExit("run this as: .venv/bin/python -m bench.http (from the repository root)")

import argparse  # noqa: E402
import asyncio  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import httpx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from fastapi import FastAPI  # noqa: E402

from api.schemas import Posting  # noqa: E402
from bench._common import (  # noqa: E402
    BIN, CORPUS, DEFAULT_MODEL, HOST, TRUEROLE, ensure_model, free_port, machine_info, server,
)

PATH = "/v1/classify"


def create_noop_app() -> FastAPI:
    """The comparison server: same body model, same route, a constant answer, no model."""
    app = FastAPI()

    @app.post(PATH)
    def classify(posting: Posting) -> dict[str, object]:
        return {"role": "other", "role_confidence": 1.0}

    return app


def sample_posting(target_chars: int = 2_800) -> dict[str, str]:
    """The corpus posting whose title + description length is closest to ``target_chars``."""
    corpus = pd.read_csv(CORPUS, dtype=str, keep_default_na=False)
    sizes = (corpus["title"].str.len() + corpus["description"].str.len() - target_chars).abs()
    row = corpus.loc[sizes.idxmin()]
    return {"title": row["title"], "description": row["description"]}


@dataclass(frozen=True)
class Level:
    """What one concurrency level measured."""

    clients: int
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return (self.requests - self.errors) / self.seconds

    def pct(self, q: float) -> float:
        return float(np.percentile(self.latencies, q)) * 1000 if self.latencies else float("nan")


async def load(base: str, body: dict[str, str], clients: int, seconds: float) -> Level:
    """``clients`` loops POSTing ``body`` back to back until ``seconds`` have passed."""
    latencies: list[float] = []
    counts = {"requests": 0, "errors": 0}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        stop = time.perf_counter() + seconds

        async def one_client() -> None:
            while time.perf_counter() < stop:
                started = time.perf_counter()
                counts["requests"] += 1
                try:
                    response = await client.post(PATH, json=body)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - started)
                else:
                    counts["errors"] += 1

        began = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        elapsed = time.perf_counter() - began
    return Level(clients, counts["requests"], counts["errors"], elapsed, latencies)


def bench_server(name: str, command: list[str], port: int, body: dict[str, str],
                 levels: list[int], seconds: float) -> list[Level]:
    """Warm a server up for 2 s, then run every concurrency level against it."""
    print(f"starting {name} ...", file=sys.stderr, flush=True)
    with server(command, port) as (base, _):
        check = httpx.post(f"{base}{PATH}", json=body, timeout=60)
        check.raise_for_status()
        asyncio.run(load(base, body, 1, 2.0))
        return [asyncio.run(load(base, body, n, seconds)) for n in levels]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL, help="model file (trained if missing)")
    parser.add_argument("--clients", default="1,8,50", help="comma-separated concurrency levels")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each level")
    parser.add_argument("--workers", type=int, default=1, help="server processes, the same for both servers")
    args = parser.parse_args()
    model = ensure_model(args.model)
    levels = [int(n) for n in args.clients.split(",")]
    body = sample_posting()
    os.environ["TRUEROLE_MODEL_PATH"] = str(model)
    port_a, port_b = free_port(), free_port()
    truerole = [str(TRUEROLE), "serve", "--model", str(model), "--host", HOST, "--port", str(port_a),
                "--workers", str(args.workers)]
    noop = [str(BIN / "python"), "-m", "uvicorn", "bench.http:create_noop_app", "--factory", "--host", HOST,
            "--port", str(port_b), "--workers", str(args.workers), "--log-level", "info"]
    print(machine_info(), flush=True)
    results = {
        "truerole": bench_server("truerole serve", truerole, port_a, body, levels, args.seconds),
        "no-op": bench_server("no-op FastAPI", noop, port_b, body, levels, args.seconds),
    }
    print(f"\nPOST {PATH}, one posting of {len(body['title']) + len(body['description']):,} characters; "
          f"{args.seconds:g} s per level; {args.workers} worker(s); {HOST}")
    print(f"  {'server':<9} {'clients':>7} {'requests':>9} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for name, runs in results.items():
        for level in runs:
            print(f"  {name:<9} {level.clients:>7} {level.requests:>9} {level.errors:>6} {level.rate:>8.1f} "
                  f"{level.pct(50):>8.1f} {level.pct(99):>8.1f}")
    for ours, theirs in zip(results["truerole"], results["no-op"]):
        print(f"  {ours.clients:>3} clients: truerole/no-op req/s = {ours.rate / theirs.rate:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
