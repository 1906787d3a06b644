import json
from pathlib import Path

import pandas as pd
import pytest

from classifier.dataset import data_sha256, load_labelled
from classifier.errors import ColumnError, DataError
from tests.conftest import tiny_corpus


def test_reads_csv_jsonl_and_parquet_alike(tmp_path: Path) -> None:
    corpus = tiny_corpus(1)
    corpus.to_csv(tmp_path / "a.csv", index=False)
    with open(tmp_path / "b.jsonl", "w", encoding="utf-8") as handle:
        for record in corpus.to_dict("records"):
            handle.write(json.dumps(record) + "\n")
    corpus.to_parquet(tmp_path / "c.parquet")
    frames = [load_labelled(tmp_path / name) for name in ("a.csv", "b.jsonl", "c.parquet")]
    for frame in frames:
        assert frame["role"].tolist() == corpus["role"].tolist()
        assert frame["description"].tolist() == corpus["description"].tolist()
    assert len(load_labelled(tmp_path)) == 3 * len(corpus)


def test_bad_rows_are_named_with_file_row_and_problem(tmp_path: Path) -> None:
    corpus = tiny_corpus(1)
    corpus.loc[2, "role"] = "product owner"
    corpus.loc[4, "seniority"] = "junior"
    corpus.loc[5, "description"] = "   "
    corpus.to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(DataError) as error:
        load_labelled(tmp_path / "bad.csv")
    message = str(error.value)
    assert "3 bad row(s)" in message
    assert "bad.csv row 3: role 'product owner' is not one of" in message
    assert "bad.csv row 5: seniority 'junior'" in message
    assert "bad.csv row 6: empty description" in message


def test_missing_column_lists_the_columns_present(tmp_path: Path) -> None:
    pd.DataFrame({"title": ["a"], "text": ["b"], "role": ["other"]}).to_csv(tmp_path / "x.csv", index=False)
    with pytest.raises(ColumnError, match=r"missing column\(s\) \['description', 'seniority'\].*'text'"):
        load_labelled(tmp_path / "x.csv")


def test_unsupported_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(DataError, match="unsupported file type"):
        load_labelled(tmp_path / "notes.txt")
    with pytest.raises(DataError, match="does not exist"):
        load_labelled(tmp_path / "absent.csv")
    with pytest.raises(DataError, match="holds no"):
        load_labelled(tmp_path)


def test_sha256_changes_with_the_data(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    tiny_corpus(1).to_csv(path, index=False)
    before = data_sha256(path)
    path.write_text(path.read_text() + "\n")
    assert data_sha256(path) != before and len(before) == 64
