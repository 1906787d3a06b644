"""Batch throughput and memory of ``truerole classify`` against a pandas read/write floor.

Why: a batch run can never beat reading and writing the file, so the useful
figure is how many times slower than that floor truerole is, and whether its
memory stays flat when the file grows tenfold (it reads in chunks). Both
sides run in this one process's time frame on this machine, so the ratio
holds beyond it. Run: ``.venv/bin/python -m bench.batch`` (see bench/README.md).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from bench._common import CORPUS, DEFAULT_MODEL, TRUEROLE, Run, ensure_model, machine_info, mib, run_measured
from classifier.batch import DEFAULT_CHUNK_ROWS, read_chunks


def build_csv(rows: int, path: Path) -> Path:
    """Our corpus repeated to ``rows`` rows (ids made unique), written piece by piece."""
    corpus = pd.read_csv(CORPUS, dtype=str, keep_default_na=False)
    written, copy = 0, 0
    with path.open("w", encoding="utf-8", newline="") as out:
        while written < rows:
            piece = corpus.iloc[: rows - written].copy()
            piece["id"] = piece["id"] + f"-{copy}"
            piece.to_csv(out, header=written == 0, index=False)
            written += len(piece)
            copy += 1
    return path


def floor(source: Path, target: Path) -> None:
    """Read ``source`` in truerole's chunks with truerole's reader and write it back: no model."""
    with target.open("w", encoding="utf-8", newline="") as out:
        for i, chunk in enumerate(read_chunks(source, chunk_rows=DEFAULT_CHUNK_ROWS)):
            chunk.to_csv(out, header=i == 0, index=False)


def measure(rows: int, folder: Path, model: Path, jobs: list[int]) -> Iterator[tuple[str, Run]]:
    """The floor, then each ``--jobs`` setting, on one file of ``rows`` rows, each in its own process."""
    source = build_csv(rows, folder / f"postings-{rows}.csv")
    output = folder / "out.csv"
    yield "pandas floor", run_measured([sys.executable, "-m", "bench.batch", "--floor", str(source), str(output)])
    for n in jobs:
        output.unlink()
        command = [str(TRUEROLE), "classify", str(source), "-o", str(output), "--model", str(model),
                   "--jobs", str(n), "--quiet"]
        yield f"truerole --jobs {n}", run_measured(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    output.unlink()
    source.unlink()


def report(rows: int, runs: Iterator[tuple[str, Run]]) -> None:
    """One table per size, a line per run as soon as it ends: rows/s, ratio to the floor, peak RSS."""
    print(f"\n{rows:,} rows (chunk {DEFAULT_CHUNK_ROWS:,} rows)\n"
          f"  {'run':<18} {'seconds':>8} {'rows/s':>9} {'/ floor':>8} {'peak RSS 1 proc':>16} {'peak RSS tree':>14}",
          flush=True)
    floor_rate = 0.0
    for name, run in runs:
        rate = rows / run.seconds
        floor_rate = floor_rate or rate
        print(f"  {name:<18} {run.seconds:>8.1f} {rate:>9,.0f} {rate / floor_rate:>8.3f} "
              f"{mib(run.peak_process_rss):>16} {mib(run.peak_tree_rss):>14}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL, help="model file (trained if missing)")
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated row counts")
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values for truerole")
    parser.add_argument("--floor", nargs=2, type=Path, metavar=("IN", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        floor(*args.floor)
        return 0
    model = ensure_model(args.model)
    jobs = [int(n) for n in args.jobs.split(",")]
    print(machine_info(), flush=True)
    with tempfile.TemporaryDirectory(prefix="truerole-bench-") as folder:
        for rows in (int(n) for n in args.sizes.split(",")):
            report(rows, measure(rows, Path(folder), model, jobs))
    print("\nrows/s is end to end (process start, model load, read, classify, write); "
          "/ floor = rows/s divided by the floor's rows/s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
