import json
import os
from pathlib import Path

import pandas as pd
import pytest

from classifier.batch import (
    MAX_AUTO_JOBS,
    OUTPUT_COLUMNS,
    auto_jobs,
    classify_file,
    classify_texts,
)
from classifier.errors import ColumnError, DataError
from classifier.model import TrueRoleClassifier
from tests.conftest import tiny_corpus


def _postings(n: int) -> pd.DataFrame:
    corpus = tiny_corpus()
    frame = corpus.sample(n, replace=True, random_state=0).reset_index(drop=True)
    frame["row_no"] = range(n)
    return frame[["row_no", "title", "description", "role", "seniority"]]


def test_keeps_every_row_column_and_order_and_flags_bad_rows(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    frame = _postings(25)
    frame.loc[3, "description"] = ""
    frame.loc[7, "description"] = "   \t "
    frame.loc[9, "description"] = "x" * 300
    frame.to_csv(tmp_path / "in.csv", index=False)
    summary = classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "out.csv", chunk_rows=4, max_chars=250)
    out = pd.read_csv(tmp_path / "out.csv", keep_default_na=False)
    assert list(out.columns) == list(frame.columns) + list(OUTPUT_COLUMNS)
    assert out["row_no"].tolist() == list(range(25))
    assert out["role"].tolist() == frame["role"].tolist()
    assert out.loc[3, "error"] == "empty description" and out.loc[7, "error"] == "empty description"
    assert out.loc[9, "error"] == "posting longer than 250 characters"
    assert (out.loc[[3, 7, 9], "predicted_role"] == "").all()
    good = out.drop(index=[3, 7, 9])
    assert (good["error"] == "").all() and good["predicted_role"].isin(tiny_model.classes_).all()
    assert json.loads(good["role_alternatives"].iloc[0]) and json.loads(good["evidence"].iloc[0])
    assert summary.rows == 25 and summary.errors == 3 and sum(summary.roles.values()) == 22


def test_same_predictions_as_the_model(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    frame = _postings(12)
    frame.to_csv(tmp_path / "in.csv", index=False)
    classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "out.csv")
    out = pd.read_csv(tmp_path / "out.csv")
    assert out["predicted_role"].tolist() == list(tiny_model.predict(frame))


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_jsonl_and_parquet_round_trip(tmp_path: Path, tiny_model: TrueRoleClassifier, suffix: str) -> None:
    frame = _postings(30)
    frame.loc[5, "description"] = ""
    source = tmp_path / f"in{suffix}"
    if suffix == ".parquet":
        frame.to_parquet(source)
    else:
        frame.to_json(source, orient="records", lines=True)
    classify_file(tiny_model, source, chunk_rows=7)
    out_path = tmp_path / f"in.classified{suffix}"
    out = pd.read_parquet(out_path) if suffix == ".parquet" else pd.read_json(out_path, lines=True)
    assert out["row_no"].tolist() == list(range(30))
    assert out.loc[5, "error"] == "empty description"
    assert out["predicted_role"].notna().sum() == 29


def test_tolerates_bom_crlf_and_undecodable_bytes(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    raw = (
        "\ufefftitle,description\r\n"
        "Scrum Master,facilitate scrum events and remove impediments\r\n"
    ).encode("utf-8") + b"Product Owner,own the backlog \xff\xfe and user stories\r\n"
    (tmp_path / "in.csv").write_bytes(raw)
    classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "out.csv")
    out = pd.read_csv(tmp_path / "out.csv", keep_default_na=False)
    assert out.columns[0] == "title" and len(out) == 2
    assert "\ufffd" in out.loc[1, "description"] and out.loc[1, "predicted_role"] != ""


def test_missing_column_lists_the_columns_the_file_has(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    pd.DataFrame({"job": ["x"], "text": ["y"]}).to_csv(tmp_path / "in.csv", index=False)
    with pytest.raises(ColumnError, match=r"\['description', 'title'\] not in the input; it has \['job', 'text'\]"):
        classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()


def test_output_columns_may_not_overwrite_input(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    frame = _postings(3)
    frame["predicted_role"] = "x"
    frame.to_csv(tmp_path / "in.csv", index=False)
    with pytest.raises(ColumnError, match="predicted_role"):
        classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "out.csv")


def test_other_column_names_and_no_title(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    pd.DataFrame({"ad": ["facilitate scrum events, remove impediments"]}).to_csv(tmp_path / "in.csv", index=False)
    classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "out.csv", title_col=None, text_col="ad")
    out = pd.read_csv(tmp_path / "out.csv")
    assert out.loc[0, "predicted_role"] in tiny_model.classes_


def test_header_only_file_gives_header_only_output(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    (tmp_path / "in.csv").write_text("title,description\n")
    summary = classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "out.csv")
    assert summary.rows == 0
    assert (tmp_path / "out.csv").read_text().strip() == ",".join(["title", "description", *OUTPUT_COLUMNS])


def test_unreadable_input_leaves_no_output(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    rows = "".join(f"t{i},own the backlog {i}\n" for i in range(50))
    (tmp_path / "in.csv").write_text("title,description\n" + rows + 'x,"never closed\n' + "a,b,c,d,e\n")
    with pytest.raises(DataError, match="cannot be read"):
        classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "out.csv", chunk_rows=10)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_refuses_to_overwrite_input_or_change_format(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    _postings(2).to_csv(tmp_path / "in.csv", index=False)
    with pytest.raises(DataError, match="overwrite the input"):
        classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "in.csv")
    with pytest.raises(DataError, match="extension"):
        classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "out.parquet")
    with pytest.raises(DataError, match="folder .*absent does not exist"):
        classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "absent" / "out.csv")


def test_parallel_jobs_give_the_same_output(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    _postings(120).to_csv(tmp_path / "in.csv", index=False)
    classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "one.csv", chunk_rows=10, jobs=1)
    classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "two.csv", chunk_rows=10, jobs=2)
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()


def test_auto_jobs_uses_the_cores_but_not_for_one_chunk() -> None:
    cores = len(os.sched_getaffinity(0))
    assert auto_jobs(4_999, 5_000) == 1
    assert auto_jobs(10_001, 5_000) == min(cores, 3)
    assert auto_jobs(10**7, 5_000) == min(cores, MAX_AUTO_JOBS)


def test_classify_texts_handles_an_all_bad_chunk(tiny_model: TrueRoleClassifier) -> None:
    out = classify_texts(tiny_model, ["", ""], ["", " "])
    assert out["error"].tolist() == ["empty description"] * 2
    assert out["predicted_role"].isna().all()


_GOOD = "title,description\nScrum Master,facilitate scrum events\n"
_CLASSIFIED = {
    "nul_byte": b"title,description\nPO,own the\x00 backlog\nSM,facilitate scrum events\n",
    "latin1": "title,description\nPO,caf\xe9 backlog r\xe9sum\xe9\n".encode("latin-1"),
    "utf16": _GOOD.encode("utf-16"),
    "utf8_bom_crlf": ("\ufeff" + _GOOD.replace("\n", "\r\n")).encode("utf-8"),
    "long_text": ("title,description\nPO," + "backlog " * 150_000 + "\nSM,facilitate\n").encode(),
}
_REFUSED = {
    "ragged_row": (b"title,description\nPO,own the backlog,extra,more\nSM,facilitate\n", "does not match"),
    "duplicate_header": (b"title,description,description\nPO,a,b\n", "more than once"),
    "empty_file": (b"", "empty"),
    "unclosed_quote": (b'title,description\nPO,"own the backlog\nSM,facilitate\n', "EOF inside string"),
    "binary": (bytes(range(256)) * 40, "cannot be read"),
}


@pytest.mark.parametrize("name", sorted(_CLASSIFIED))
def test_odd_but_readable_files_keep_every_row(tmp_path: Path, tiny_model: TrueRoleClassifier, name: str) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(_CLASSIFIED[name])
    rows_in = len(pd.read_csv(source, encoding="utf-16" if name == "utf16" else "utf-8-sig",
                              encoding_errors="replace", dtype=str))
    summary = classify_file(tiny_model, source, tmp_path / "out.csv")
    out = pd.read_csv(tmp_path / "out.csv", keep_default_na=False)
    assert summary.rows == len(out) == rows_in
    assert (out["predicted_role"] != "").sum() + (out["error"] != "").sum() == rows_in


@pytest.mark.parametrize("name", sorted(_REFUSED))
def test_unreadable_files_stop_with_a_message_and_write_nothing(
    tmp_path: Path, tiny_model: TrueRoleClassifier, name: str
) -> None:
    content, message = _REFUSED[name]
    (tmp_path / "in.csv").write_bytes(content)
    with pytest.raises(DataError, match=message):
        classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "out.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_resume_with_nothing_to_resume_starts_afresh(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    _postings(12).to_csv(tmp_path / "in.csv", index=False)
    summary = classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "out.csv", chunk_rows=5, resume=True)
    assert summary.resumed == 0 and summary.rows == len(pd.read_csv(tmp_path / "out.csv")) == 12
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_resume_is_refused_for_parquet(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    _postings(3).to_parquet(tmp_path / "in.parquet")
    with pytest.raises(DataError, match="Parquet file has no footer"):
        classify_file(tiny_model, tmp_path / "in.parquet", resume=True)


def test_a_bad_row_deep_in_the_file_stops_the_run_before_anything_is_written(
    tmp_path: Path, tiny_model: TrueRoleClassifier
) -> None:
    frame = _postings(40)
    frame.to_csv(tmp_path / "in.csv", index=False)
    with (tmp_path / "in.csv").open("a", encoding="utf-8") as handle:
        handle.write("41,PO,own the backlog,product_owner,mid,one field too many\n")
    with pytest.raises(DataError, match="after row 40"):
        classify_file(tiny_model, tmp_path / "in.csv", tmp_path / "out.csv", chunk_rows=10)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]
