"""Batch classification of CSV, JSON Lines and Parquet files of any size.

The file is read and written in chunks, so memory stays flat whether it holds
a thousand postings or ten million. Nothing is lost: every input row comes
out, in order, with every input column, and a row that cannot be classified
carries an ``error`` instead of a prediction. The output appears under its
final name only when complete, and an interrupted run can be resumed
(:mod:`classifier.partial`).
"""

from __future__ import annotations

import csv
import json
import os
import sys
import threading
import time
import warnings
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO

import joblib
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from classifier.dataset import SUPPORTED_SUFFIXES, file_sha256
from classifier.errors import ColumnError, DataError
from classifier.model import Prediction, TrueRoleClassifier
from classifier.partial import PartialOutput

OUTPUT_COLUMNS: tuple[str, ...] = (
    "predicted_role",
    "role_confidence",
    "role_alternatives",
    "uncertain",
    "predicted_seniority",
    "seniority_confidence",
    "title_role",
    "title_mismatch",
    "evidence",
    "error",
)
MAX_POSTING_CHARS = 100_000
DEFAULT_CHUNK_ROWS = 5_000
# Each worker process holds its own copy of the model (about 500 MiB resident).
MAX_AUTO_JOBS = 4


@dataclass
class BatchSummary:
    """What a batch run did: rows classified, roles found, mismatches and row errors.

    ``resumed`` counts rows an interrupted run had already written; the other
    figures cover only the rows classified in this run.
    """

    rows: int = 0
    roles: Counter = field(default_factory=Counter)
    mismatches: int = 0
    errors: int = 0
    seconds: float = 0.0
    resumed: int = 0

    def add(self, classified: pd.DataFrame) -> None:
        self.rows += len(classified)
        self.roles.update(classified["predicted_role"].dropna())
        self.mismatches += int(classified["title_mismatch"].fillna(False).astype(bool).sum())
        self.errors += int(classified["error"].notna().sum())

    def render(self) -> str:
        """A few lines for a person: totals, then roles by count."""
        rate = self.rows / self.seconds if self.seconds else 0.0
        lines = [
            f"{self.rows} rows classified in {self.seconds:.1f} s ({rate:,.0f} rows/s); "
            f"{self.mismatches} title mismatches; {self.errors} rows with errors"
        ]
        if self.resumed:
            lines.append(f"  (continuing an interrupted run: its first {self.resumed} rows were kept as written)")
        lines += [f"  {role:<26} {count}" for role, count in self.roles.most_common()]
        return "\n".join(lines)


def _row_error(title: str, description: str, max_chars: int) -> str | None:
    if not description.strip():
        return "empty description"
    if len(title) + len(description) > max_chars:
        return f"posting longer than {max_chars} characters"
    return None


def classify_texts(
    model: TrueRoleClassifier,
    titles: list[str],
    descriptions: list[str],
    max_chars: int = MAX_POSTING_CHARS,
) -> pd.DataFrame:
    """The output columns for these postings, one row each, in order.

    Rows with unusable text get an ``error`` and empty predictions.
    """
    errors = [_row_error(t, d, max_chars) for t, d in zip(titles, descriptions)]
    usable = [i for i, error in enumerate(errors) if error is None]
    predictions: list[Prediction] = []
    if usable:
        postings = pd.DataFrame(
            {"title": [titles[i] for i in usable], "description": [descriptions[i] for i in usable]}
        )
        predictions = model.explain(postings)
    columns = _empty_columns(len(titles))
    for i, prediction in zip(usable, predictions):
        for name, value in prediction_row(prediction).items():
            columns[name][i] = value
    columns["error"] = errors
    return _typed(pd.DataFrame(columns))


def prediction_row(prediction: Prediction) -> dict[str, object]:
    """One prediction as flat output columns; lists are JSON strings, readable anywhere."""
    return {
        "predicted_role": prediction.role,
        "role_confidence": round(prediction.role_confidence, 4),
        "role_alternatives": json.dumps({r: round(p, 4) for r, p in prediction.alternatives}),
        "uncertain": prediction.uncertain,
        "predicted_seniority": prediction.seniority,
        "seniority_confidence": round(prediction.seniority_confidence, 4),
        "title_role": prediction.title_role,
        "title_mismatch": prediction.title_mismatch,
        "evidence": json.dumps(
            {
                (e.term if e.field == "description" else f"{e.field}:{e.term}"): e.weight
                for e in prediction.evidence
            }
        ),
    }


def _empty_columns(n: int) -> dict[str, list]:
    return {name: [None] * n for name in OUTPUT_COLUMNS}


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Fixed dtypes whatever the chunk holds, so every chunk writes the same schema."""
    floats = ["role_confidence", "seniority_confidence"]
    flags = ["uncertain", "title_mismatch"]
    texts = [c for c in OUTPUT_COLUMNS if c not in floats + flags]
    frame[floats] = frame[floats].astype("float64")
    frame[flags] = frame[flags].astype("boolean")
    frame[texts] = frame[texts].astype(object)
    return frame


# ---------------------------------------------------------------- reading


def read_chunks(
    source: Path | IO[bytes], suffix: str | None = None, chunk_rows: int = DEFAULT_CHUNK_ROWS
) -> Iterator[pd.DataFrame]:
    """Chunks of a file (a path, or an open binary file with its ``suffix``), text as strings.

    CSV and JSON Lines tolerate a byte-order mark (UTF-8 or UTF-16), Windows
    line endings and undecodable bytes (replaced by U+FFFD, the row is still
    classified). A CSV whose header repeats a name, or a row with more fields
    than the header, is refused rather than silently misread. Any unreadable
    input raises :class:`DataError` saying after which row it failed.
    """
    suffix = (suffix or Path(source).suffix).lower()
    rows = 0
    try:
        for chunk in _raw_chunks(source, suffix, chunk_rows):
            rows += len(chunk)
            yield chunk
    except DataError:
        raise
    except (pd.errors.ParserError, pd.errors.ParserWarning, UnicodeError, ValueError, pa.ArrowException) as exc:
        raise DataError(f"cannot be read after row {rows}: {exc}") from exc


def count_rows(
    source: Path | IO[bytes],
    suffix: str | None = None,
    title_col: str | None = "title",
    text_col: str = "description",
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> int:
    """Read a whole file once without classifying it: its row count, or the error a run would meet.

    Parsing is ten times faster than classifying, so a bad row or a missing
    column near the end of a big file is reported within seconds, before
    anything is written or a response has started, instead of hours into a
    run. An open file is left at the position it was given at.
    """
    start = None if isinstance(source, Path) else source.tell()
    rows = 0
    for chunk in read_chunks(source, suffix, chunk_rows):
        if rows == 0:
            check_columns([str(c) for c in chunk.columns], title_col, text_col)
        rows += len(chunk)
    if start is not None:
        source.seek(start)
    return rows


def _raw_chunks(source: Path | IO[bytes], suffix: str, chunk_rows: int) -> Iterator[pd.DataFrame]:
    if suffix == ".parquet":
        yield from (b.to_pandas() for b in pq.ParquetFile(source).iter_batches(batch_size=chunk_rows))
        return
    encoding = _encoding(source)
    options = dict(chunksize=chunk_rows, encoding=encoding, encoding_errors="replace")
    if suffix == ".csv":
        _check_header(source, encoding)
        reader = pd.read_csv(source, dtype=str, keep_default_na=False, index_col=False, **options)
    else:
        reader = pd.read_json(source, lines=True, dtype=False, **options)
    # pandas only warns when a row has more fields than the header, and drops them.
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        with reader:
            yield from reader


def _peek(source: Path | IO[bytes], size: int) -> bytes:
    if isinstance(source, Path):
        with source.open("rb") as handle:
            return handle.read(size)
    start = source.tell()
    head = source.read(size)
    source.seek(start)
    return head


def _encoding(source: Path | IO[bytes]) -> str:
    """UTF-16 when the file starts with its byte-order mark, else UTF-8 (with or without one)."""
    head = _peek(source, 2)
    if not head:
        raise DataError("the file is empty: expected a header row and postings")
    return "utf-16" if head in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"


def _check_header(source: Path | IO[bytes], encoding: str) -> None:
    first_line = _peek(source, 1 << 16).decode(encoding, errors="replace").splitlines()[0]
    names = next(csv.reader([first_line]))
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ColumnError(f"the header names column(s) {repeated} more than once; make each name unique")


def check_input(path: Path) -> None:
    """Refuse a path that does not exist or has an extension we cannot read."""
    if not path.is_file():
        raise DataError(f"{path} does not exist or is not a file")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise DataError(f"{path}: unsupported file type; use one of {', '.join(SUPPORTED_SUFFIXES)}")


def check_columns(columns: list[str], title_col: str | None, text_col: str) -> None:
    """The text column must exist and no output column may overwrite an input column."""
    missing = [c for c in (text_col, title_col) if c is not None and c not in columns]
    if missing:
        raise ColumnError(
            f"column(s) {missing} not in the input; it has {columns}. "
            "Name the right ones with --text-col and --title-col."
        )
    clashing = [c for c in OUTPUT_COLUMNS if c in columns]
    if clashing:
        raise ColumnError(
            f"the input already has column(s) {clashing}, which truerole would write; "
            "rename them first (was this file classified already?)"
        )


def _texts(chunk: pd.DataFrame, column: str | None) -> list[str]:
    if column is None:
        return [""] * len(chunk)
    return ["" if value is None or value != value else str(value) for value in chunk[column]]


# ---------------------------------------------------------------- running


def default_output(path: Path) -> Path:
    """``jobs.csv`` -> ``jobs.classified.csv``: never overwrite the input."""
    return path.with_name(f"{path.stem}.classified{path.suffix}")


def classify_file(
    model: TrueRoleClassifier,
    input_path: str | Path,
    output_path: str | Path | None = None,
    title_col: str | None = "title",
    text_col: str = "description",
    jobs: int | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    max_chars: int = MAX_POSTING_CHARS,
    progress: bool | None = None,
    resume: bool = False,
) -> BatchSummary:
    """Classify every row of ``input_path`` into ``output_path`` (same format, by extension).

    ``title_col=None`` classifies descriptions alone. ``jobs=None`` picks the
    number of processes with :func:`auto_jobs`. ``progress=None`` shows a
    bar (with the time left) only when stderr is a terminal. The whole input
    is parsed once first (:func:`count_rows`), so an unreadable input raises
    :class:`DataError` before any row is classified or written.

    An interrupted CSV or JSON Lines run leaves its finished chunks behind
    (see :mod:`classifier.partial`); ``resume=True`` continues from them and
    writes exactly what an uninterrupted run writes.
    """
    input_path = Path(input_path)
    check_input(input_path)
    output = Path(output_path) if output_path else default_output(input_path)
    if output.suffix.lower() != input_path.suffix.lower():
        raise DataError(f"output {output} must have the input's extension {input_path.suffix}")
    if output.resolve() == input_path.resolve():
        raise DataError("the output would overwrite the input; choose another -o path")
    if not output.parent.is_dir():
        raise DataError(f"the output folder {output.parent} does not exist")
    run = {
        "input_sha256": file_sha256(input_path),
        "model": joblib.hash(model),
        "columns": [title_col, text_col],
        "max_chars": max_chars,
        "chunk_rows": chunk_rows,
    }
    started = time.perf_counter()
    show = sys.stderr.isatty() if progress is None else progress
    try:
        total = count_rows(input_path, title_col=title_col, text_col=text_col, chunk_rows=chunk_rows)
        jobs = auto_jobs(total, chunk_rows) if jobs is None else jobs
        with PartialOutput(output, run, resume=resume) as writer, tqdm(
            total=total, initial=writer.rows_done, unit=" rows", disable=not show, file=sys.stderr
        ) as bar:
            summary = BatchSummary(resumed=writer.rows_done)
            chunks = islice(read_chunks(input_path, chunk_rows=chunk_rows), writer.chunks_done, None)
            for classified in classify_chunks(model, chunks, title_col, text_col, jobs, max_chars):
                writer.write(classified)
                summary.add(classified)
                bar.update(len(classified))
            if writer.rows_done == 0:
                writer.write(_header_only(input_path, title_col, text_col))
            writer.commit()
    except DataError as exc:
        raise type(exc)(f"{input_path}: {exc}") from exc
    summary.seconds = time.perf_counter() - started
    return summary


def auto_jobs(rows: int, chunk_rows: int = DEFAULT_CHUNK_ROWS) -> int:
    """Processes worth starting for ``rows`` rows: one per usable CPU core, at most one per chunk.

    Capped at :data:`MAX_AUTO_JOBS`, since every worker holds its own model.
    A file of one chunk is classified in this process: starting a pool would
    cost more than it saves.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, MAX_AUTO_JOBS, -(-rows // chunk_rows)))


def classify_chunks(
    model: TrueRoleClassifier,
    chunks: Iterator[pd.DataFrame],
    title_col: str | None = "title",
    text_col: str = "description",
    jobs: int = 1,
    max_chars: int = MAX_POSTING_CHARS,
) -> Iterator[pd.DataFrame]:
    """Each input chunk with the output columns appended, in input order.

    With ``jobs > 1`` chunks are classified in that many processes, at most
    ``2 * jobs`` chunks in flight, so memory stays bounded.
    """
    checked = False

    def texts(chunk: pd.DataFrame) -> tuple[list[str], list[str]]:
        nonlocal checked
        if not checked:
            check_columns([str(c) for c in chunk.columns], title_col, text_col)
            checked = True
        return _texts(chunk, title_col), _texts(chunk, text_col)

    def joined(chunk: pd.DataFrame, classified: pd.DataFrame) -> pd.DataFrame:
        return pd.concat([chunk.reset_index(drop=True), classified], axis=1)

    if jobs <= 1:
        for chunk in chunks:
            yield joined(chunk, classify_texts(model, *texts(chunk), max_chars=max_chars))
        return
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(model,)) as pool:
        pending: deque[tuple[pd.DataFrame, Future]] = deque()
        for chunk in chunks:
            pending.append((chunk, pool.submit(_worker_classify, *texts(chunk), max_chars)))
            if len(pending) > 2 * jobs:
                first, future = pending.popleft()
                yield joined(first, future.result())
        for chunk, future in pending:
            yield joined(chunk, future.result())


def _header_only(path: Path, title_col: str | None, text_col: str) -> pd.DataFrame:
    """A file with a header and no rows: check its columns, and give the output header."""
    if path.suffix.lower() != ".csv" or not path.stat().st_size:
        raise DataError(f"{path} holds no rows")
    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig", encoding_errors="replace")
    columns = [str(c) for c in header.columns]
    check_columns(columns, title_col, text_col)
    return pd.DataFrame(columns=columns + list(OUTPUT_COLUMNS))


# How often a worker checks that the process that started it is still there.
_PARENT_CHECK_SECONDS = 0.5
# Each worker process holds one model, set once by its initializer.
_worker_model: TrueRoleClassifier | None = None


def _init_worker(model: TrueRoleClassifier) -> None:
    global _worker_model
    _worker_model = model
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """End this worker once its parent is gone (killed with SIGKILL, say).

    A worker waits for chunks on a pipe that it holds open itself, so it
    would never see the end of input and would linger for ever, holding a
    model's worth of memory.
    """
    while os.getppid() == parent:
        time.sleep(_PARENT_CHECK_SECONDS)
    os._exit(1)


def _worker_classify(titles: list[str], descriptions: list[str], max_chars: int) -> pd.DataFrame:
    assert _worker_model is not None
    return classify_texts(_worker_model, titles, descriptions, max_chars=max_chars)
