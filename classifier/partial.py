"""The output of a batch run while it is written, and how a killed run resumes.

Rows are appended to a hidden partial file beside the output (``.NAME.part``);
the output appears under its own name only when every row is in, by an atomic
rename. After each chunk the partial file is flushed to disk and then a
checkpoint (``.NAME.part.json``) records how many rows and bytes are complete.
The order matters: a run killed at any instant leaves a checkpoint that
describes a prefix of the partial file which is whole and on disk.

Resuming is exact because the checkpoint also records what made those rows:
the input file's sha256, the model's hash and the options. A resumed run
refuses a checkpoint that differs in any of them, cuts the partial file back
to the recorded bytes (dropping a half-written chunk), skips the recorded
chunks of the input and appends the rest, chunk boundaries unchanged. The
result is byte for byte the file an uninterrupted run writes.

Parquet cannot resume: a Parquet file is unreadable until its footer is
written at the end, so an interrupted one holds nothing to keep.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from classifier.errors import DataError

RESUMABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson")


def partial_path(output: Path) -> Path:
    """The hidden file an unfinished output is written to."""
    return output.with_name(f".{output.name}.part")


def checkpoint_path(output: Path) -> Path:
    """The record of how much of the partial file is complete, and what made it."""
    return output.with_name(f".{output.name}.part.json")


def completed_rows(output: Path) -> int:
    """Rows an interrupted run left complete for ``output`` (0 when there is nothing to resume)."""
    return int(_read_checkpoint(output).get("rows", 0))


def _read_checkpoint(output: Path) -> dict[str, Any]:
    """The checkpoint of ``output``, or an empty record when there is none (or it cannot be read)."""
    try:
        return json.loads(checkpoint_path(output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class PartialOutput:
    """Appends classified chunks to the partial file; commits by renaming it into place.

    Use it as a context manager: leaving the block by an exception cleans up
    (see :meth:`__exit__`).

    ``run`` describes what produces the rows (input hash, model hash, options);
    with ``resume=True`` an earlier checkpoint of the same run is continued.
    ``rows_done`` and ``chunks_done`` then say how much of the input to skip.
    """

    def __init__(self, output: Path, run: dict[str, Any], resume: bool = False) -> None:
        self.output = output
        self.format = output.suffix.lower()
        self.partial = partial_path(output)
        self.checkpoint = checkpoint_path(output)
        self.run = run
        self.rows_done = 0
        self.chunks_done = 0
        self._parquet: pq.ParquetWriter | None = None
        self._text: IO[str] | None = None
        if resume:
            self._resume()
        else:
            self._start()

    @property
    def resumable(self) -> bool:
        return self.format in RESUMABLE_SUFFIXES

    def _start(self) -> None:
        self.checkpoint.unlink(missing_ok=True)
        self.partial.unlink(missing_ok=True)
        if self.resumable:
            self._text = open(self.partial, "w", encoding="utf-8", newline="")

    def _resume(self) -> None:
        if not self.resumable:
            raise DataError(
                f"--resume works for {', '.join(RESUMABLE_SUFFIXES)} output: an interrupted Parquet file "
                "has no footer and holds nothing to keep; run again without --resume"
            )
        recorded = _read_checkpoint(self.output)
        if not (recorded and self.partial.is_file()):
            self._start()
            return
        changed = sorted(key for key in self.run if recorded.get("run", {}).get(key) != self.run[key])
        if changed:
            raise DataError(
                f"cannot resume {self.output}: the interrupted run differs in {', '.join(changed)}. "
                f"Run without --resume to start again (this discards {recorded.get('rows', 0)} rows done)."
            )
        if self.partial.stat().st_size < recorded["bytes"]:
            raise DataError(f"cannot resume: {self.partial} is shorter than its checkpoint; run without --resume")
        os.truncate(self.partial, recorded["bytes"])
        self.rows_done = recorded["rows"]
        self.chunks_done = recorded["chunks"]
        self._text = open(self.partial, "a", encoding="utf-8", newline="")

    def write(self, chunk: pd.DataFrame) -> None:
        """Append one chunk; for text formats, make it durable and record it in the checkpoint."""
        if self._text is None:
            self._write_parquet(chunk)
        else:
            self._write_text(chunk, self._text)
        self.rows_done += len(chunk)
        self.chunks_done += 1
        if self._text is not None:
            self._save_checkpoint(os.fstat(self._text.fileno()).st_size)

    def _write_text(self, chunk: pd.DataFrame, handle: IO[str]) -> None:
        if self.format == ".csv":
            chunk.to_csv(handle, header=self.chunks_done == 0, index=False)
        else:
            chunk.to_json(handle, orient="records", lines=True, force_ascii=False)
            if len(chunk):
                handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())

    def _save_checkpoint(self, size: int) -> None:
        record = {"run": self.run, "rows": self.rows_done, "chunks": self.chunks_done, "bytes": size}
        temporary = self.checkpoint.with_name(self.checkpoint.name + ".tmp")
        temporary.write_text(json.dumps(record, indent=1), encoding="utf-8")
        os.replace(temporary, self.checkpoint)

    def _write_parquet(self, chunk: pd.DataFrame) -> None:
        if self._parquet is None:
            table = pa.Table.from_pandas(chunk, preserve_index=False)
            self._parquet = pq.ParquetWriter(self.partial, table.schema)
        else:
            table = pa.Table.from_pandas(chunk, schema=self._parquet.schema, preserve_index=False)
        self._parquet.write_table(table)

    def commit(self) -> None:
        """Put the finished output under its name and forget the checkpoint."""
        self._close()
        os.replace(self.partial, self.output)
        self.checkpoint.unlink(missing_ok=True)

    def __enter__(self) -> PartialOutput:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: object) -> None:
        """On an error, stop writing.

        A bad input (:class:`DataError`) leaves nothing, since a rerun would
        meet it again. Anything else (Ctrl-C, SIGTERM, a crash) leaves the
        finished chunks for ``--resume`` when the format allows.
        """
        self._close()
        if kind is None or (not issubclass(kind, DataError) and self.resumable and self.checkpoint.is_file()):
            return
        self.partial.unlink(missing_ok=True)
        self.checkpoint.unlink(missing_ok=True)

    def _close(self) -> None:
        if self._text is not None:
            self._text.close()
            self._text = None
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
