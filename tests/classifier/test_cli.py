"""The `truerole` command on real files, in-process and as a subprocess."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from classifier.batch import OUTPUT_COLUMNS, default_output
from classifier.cli import main
from classifier.model import TrueRoleClassifier
from classifier.partial import completed_rows, partial_path
from classifier.persistence import load_model, save_model
from classifier.taxonomy import ROLE_VALUES
from tests.conftest import tiny_corpus


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory, tiny_model: TrueRoleClassifier) -> Path:
    return save_model(tiny_model, tmp_path_factory.mktemp("cli") / "model.skops")


def test_help_lists_every_label(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(role in out for role in ROLE_VALUES)


def test_train_writes_a_model_and_reports_cross_validation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tiny_corpus(6).to_csv(tmp_path / "corpus.csv", index=False)
    assert main(["train", "--data", str(tmp_path / "corpus.csv"), "--out", str(tmp_path / "m.skops")]) == 0
    out = capsys.readouterr().out
    assert "macro-F1" in out and "confusion" in out and "uncertain threshold" in out
    assert (tmp_path / "m.skops").is_file() and (tmp_path / "m.skops.sha256").is_file()


def test_train_rejects_bad_rows_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tiny_corpus(1)
    corpus.loc[0, "role"] = "boss"
    corpus.to_csv(tmp_path / "corpus.csv", index=False)
    assert main(["train", "--data", str(tmp_path / "corpus.csv"), "--out", str(tmp_path / "m.skops")]) == 2
    assert "corpus.csv row 1: role 'boss'" in capsys.readouterr().err
    assert not (tmp_path / "m.skops").exists()


def test_classify_writes_beside_the_input_and_summarises(
    tmp_path: Path, model_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tiny_corpus(2).to_csv(tmp_path / "jobs.csv", index=False)
    assert main(["classify", str(tmp_path / "jobs.csv"), "--model", str(model_path), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(tmp_path / "jobs.classified.csv")
    assert "20 rows classified" in captured.err and "title mismatches" in captured.err
    out = pd.read_csv(tmp_path / "jobs.classified.csv")
    assert list(out.columns)[-len(OUTPUT_COLUMNS):] == list(OUTPUT_COLUMNS)


def test_classify_missing_column_exits_2_listing_columns(
    tmp_path: Path, model_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pd.DataFrame({"body": ["x"]}).to_csv(tmp_path / "jobs.csv", index=False)
    assert main(["classify", str(tmp_path / "jobs.csv"), "--model", str(model_path)]) == 2
    assert "it has ['body']" in capsys.readouterr().err


def test_classify_into_an_unwritable_place_exits_1_with_the_reason(
    tmp_path: Path, model_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tiny_corpus(1).to_csv(tmp_path / "jobs.csv", index=False)
    (tmp_path / "taken.csv").mkdir()
    assert main(["classify", str(tmp_path / "jobs.csv"), "-o", str(tmp_path / "taken.csv"),
                 "--model", str(model_path), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "truerole: error:" in err and "taken.csv" in err and "Traceback" not in err


def test_classify_with_a_missing_model_says_how_to_train(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tiny_corpus(1).to_csv(tmp_path / "jobs.csv", index=False)
    assert main(["classify", str(tmp_path / "jobs.csv"), "--model", str(tmp_path / "none.skops")]) == 2
    assert "truerole train" in capsys.readouterr().err


_MEASURE = """
import resource, sys
from classifier.cli import main
code = main(sys.argv[2:])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=open(sys.argv[1], "w"))
sys.exit(code)
"""


def _classify_in_subprocess(path: Path, model_path: Path) -> int:
    """Run `truerole classify` in a fresh process; return its peak RSS in KiB."""
    rss = path.with_suffix(".rss")
    subprocess.run(
        [sys.executable, "-c", _MEASURE, str(rss), "classify", str(path), "--model", str(model_path), "--quiet"],
        check=True,
    )
    return int(rss.read_text())


def _big_csv(path: Path, rows: int) -> None:
    corpus = tiny_corpus()
    frame = corpus.iloc[[i % len(corpus) for i in range(rows)]][["title", "description"]].reset_index(drop=True)
    frame.insert(0, "row_no", range(rows))
    frame.loc[frame.index % 1000 == 7, "description"] = ""
    frame.to_csv(path, index=False)


def test_200k_rows_nothing_lost_order_kept_memory_flat(tmp_path: Path, model_path: Path) -> None:
    _big_csv(tmp_path / "small.csv", 20_000)
    _big_csv(tmp_path / "big.csv", 200_000)
    small_rss = _classify_in_subprocess(tmp_path / "small.csv", model_path)
    big_rss = _classify_in_subprocess(tmp_path / "big.csv", model_path)
    out = pd.read_csv(tmp_path / "big.classified.csv", usecols=["row_no", "predicted_role", "error"])
    assert len(out) == 200_000
    assert (out["row_no"].to_numpy() == range(200_000)).all()
    bad = out["row_no"] % 1000 == 7
    assert (out.loc[bad, "error"] == "empty description").all() and out.loc[bad, "predicted_role"].isna().all()
    assert out.loc[~bad, "error"].isna().all() and out.loc[~bad, "predicted_role"].notna().all()
    # Ten times the rows may not cost more than a little more memory: the file is streamed.
    assert big_rss < small_rss * 1.25, (small_rss, big_rss)


@pytest.fixture(scope="module")
def reference_run(tmp_path_factory: pytest.TempPathFactory, model_path: Path) -> tuple[Path, bytes]:
    """A 60k-row input and the bytes an uninterrupted run writes for it."""
    folder = tmp_path_factory.mktemp("reference")
    _big_csv(folder / "big.csv", 60_000)
    assert main(["classify", str(folder / "big.csv"), "--model", str(model_path), "--quiet"]) == 0
    return folder / "big.csv", (folder / "big.classified.csv").read_bytes()


def _kill_midway(source: Path, model_path: Path, sig: int) -> subprocess.CompletedProcess:
    """Start `truerole classify` with two worker processes, let it finish two chunks, then send ``sig``.

    Waiting for its stderr to close also waits for the workers: after a
    SIGKILL of their parent they must end by themselves.
    """
    command = [sys.executable, "-m", "classifier.cli", "classify", str(source), "--model", str(model_path),
               "--quiet", "--jobs", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    output = default_output(source)
    deadline = time.monotonic() + 120
    while completed_rows(output) < 10_000 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(command, process.returncode, "", stderr)


@pytest.mark.parametrize(
    ("sig", "resume"), [(signal.SIGTERM, True), (signal.SIGKILL, True), (signal.SIGKILL, False)]
)
def test_killed_run_leaves_no_output_and_a_rerun_writes_the_same_file(
    tmp_path: Path, model_path: Path, reference_run: tuple[Path, bytes], sig: int, resume: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "big.csv"
    shutil.copy(reference_run[0], source)
    output = default_output(source)
    killed = _kill_midway(source, model_path, sig)
    assert killed.returncode != 0 and not output.exists()
    done = completed_rows(output)
    assert 10_000 <= done < 60_000 and done % 5_000 == 0
    if sig == signal.SIGTERM:
        assert f"stopped after {done} rows" in killed.stderr and "--resume" in killed.stderr
    else:
        # SIGKILL can land mid-write: a torn chunk after the last checkpoint must be dropped.
        with partial_path(output).open("a", encoding="utf-8") as partial:
            partial.write("torn,half,written row")
    rerun = ["classify", str(source), "--model", str(model_path), "--quiet"] + (["--resume"] if resume else [])
    assert main(rerun) == 0
    err = capsys.readouterr().err
    assert (f"its first {done} rows were kept" in err) == resume
    assert output.read_bytes() == reference_run[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.classified.csv", "big.csv"]


def test_resume_refuses_a_changed_input_or_model(
    tmp_path: Path, model_path: Path, reference_run: tuple[Path, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "big.csv"
    shutil.copy(reference_run[0], source)
    _kill_midway(source, model_path, signal.SIGTERM)
    with source.open("a", encoding="utf-8") as more:
        more.write("60000,Scrum Master,facilitate the scrum events\n")
    assert main(["classify", str(source), "--model", str(model_path), "--quiet", "--resume"]) == 2
    assert "differs in input_sha256" in capsys.readouterr().err
    other_model = save_model(load_model(model_path).set_params(uncertain_threshold=0.3), tmp_path / "m.skops")
    source.write_bytes(reference_run[0].read_bytes())
    assert main(["classify", str(source), "--model", str(other_model), "--quiet", "--resume"]) == 2
    assert "differs in model" in capsys.readouterr().err
    assert completed_rows(default_output(source)) >= 10_000
