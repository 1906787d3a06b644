"""Reading and validating labelled postings (the training corpus or any gold set).

Bad rows are never skipped silently: one wrong label teaches the model the
wrong thing, so validation collects every problem with its file and row and
refuses the data as a whole.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from classifier.errors import ColumnError, DataError
from classifier.taxonomy import ROLE_VALUES, SENIORITY_VALUES

SUPPORTED_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".parquet")
# The corpus shipped with truerole, beside this package in a source checkout.
DEFAULT_DATA_PATH = Path(__file__).resolve().parent.parent / "training_data"
# Written separately and never trained on: the regression guard (see results/).
DEFAULT_HOLDOUT_PATH = DEFAULT_DATA_PATH / "holdout"
_MAX_REPORTED = 20


def data_files(path: str | Path) -> list[Path]:
    """The data files at ``path``: the file itself, or the supported files directly in a folder."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
        if not files:
            raise DataError(f"{path} holds no {', '.join(SUPPORTED_SUFFIXES)} file")
        return files
    if not path.exists():
        raise DataError(f"{path} does not exist")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise DataError(f"{path}: unsupported file type; use one of {', '.join(SUPPORTED_SUFFIXES)}")
    return [path]


def read_table(path: Path) -> pd.DataFrame:
    """Read a whole CSV, JSON Lines or Parquet file with every cell as text."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        frame = pd.read_parquet(path) if suffix == ".parquet" else pd.read_json(path, lines=True)
        return frame.astype(object).where(frame.notna(), "").astype(str)
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot be read: {exc}") from exc


def load_labelled(path: str | Path, require_seniority: bool = True) -> pd.DataFrame:
    """Load labelled postings from a file or folder, validated.

    Returns one frame with at least ``title``, ``description``, ``role`` (and
    ``seniority`` when required; it is validated whenever present), plus ``source_file`` and ``source_row``
    (1-based data row) so later reports can point back at a posting.
    Raises :class:`DataError` listing every bad row.
    """
    frames = []
    for file in data_files(path):
        frame = read_table(file)
        frame["source_file"] = file.name
        frame["source_row"] = range(1, len(frame) + 1)
        frames.append(frame)
    data = pd.concat(frames, ignore_index=True)
    if "title" not in data.columns:
        data["title"] = ""
    _check_columns(data, require_seniority)
    problems = _row_problems(data, require_seniority)
    if problems:
        shown = "\n".join(f"  - {p}" for p in problems[:_MAX_REPORTED])
        more = len(problems) - _MAX_REPORTED
        tail = f"\n  ... and {more} more" if more > 0 else ""
        raise DataError(f"{len(problems)} bad row(s) in {path}:\n{shown}{tail}")
    return data


def _check_columns(data: pd.DataFrame, require_seniority: bool) -> None:
    needed = ["description", "role"] + (["seniority"] if require_seniority else [])
    missing = [column for column in needed if column not in data.columns]
    if missing:
        have = [c for c in data.columns if c not in ("source_file", "source_row")]
        raise ColumnError(f"missing column(s) {missing}; the data has {have}")


def _row_problems(data: pd.DataFrame, require_seniority: bool) -> list[str]:
    checks = [("role", ROLE_VALUES)]
    if require_seniority or "seniority" in data.columns:
        checks.append(("seniority", SENIORITY_VALUES))
    problems = []
    for row in data.itertuples(index=False):
        where = f"{row.source_file} row {row.source_row}"
        if not str(row.description or "").strip():
            problems.append(f"{where}: empty description")
        for column, allowed in checks:
            value = getattr(row, column)
            if value not in allowed:
                problems.append(f"{where}: {column} {value!r} is not one of {', '.join(allowed)}")
    return problems


def data_sha256(path: str | Path) -> str:
    """sha256 over the bytes of every data file at ``path``, in name order."""
    digest = hashlib.sha256()
    for file in data_files(path):
        _update(digest, file)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """sha256 of one file, read in blocks so a file of any size costs little memory."""
    return _update(hashlib.sha256(), path).hexdigest()


def _update(digest, path: Path):
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest
