import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from classifier.cli import main
from classifier.evaluate import calibration_curve, coverage_curve, evaluate, role_metrics, title_baseline
from classifier.model import TrueRoleClassifier
from classifier.persistence import save_model
from tests.conftest import tiny_corpus


def test_title_baseline_maps_titles_and_defaults_to_other() -> None:
    assert title_baseline(["Scrum Master", "Nurse", None]) == ["scrum_master", "other", "other"]


def test_mismatch_rows_are_those_the_title_gets_wrong() -> None:
    truth = ["project_manager", "scrum_master", "other"]
    titles = ["Product Owner", "Scrum Master", "Program Manager"]
    metrics = role_metrics(truth, ["project_manager", "scrum_master", "program_manager"], titles)
    assert metrics["mismatch_rows"] == 2 and metrics["mismatch_accuracy"] == 0.5
    assert metrics["accuracy"] == pytest.approx(2 / 3)


def test_calibration_and_coverage_curves() -> None:
    confidence = np.array([0.95, 0.9, 0.35, 0.3])
    correct = np.array([True, True, False, True])
    curve = calibration_curve(confidence, correct, bins=10)
    assert sum(b["n"] for b in curve["bins"]) == 4 and 0 <= curve["ece"] <= 1
    coverage = {row["threshold"]: row for row in coverage_curve(confidence, correct)}
    assert coverage[0.5]["coverage"] == 0.5 and coverage[0.5]["accuracy"] == 1.0
    assert coverage[0.0]["accuracy"] == 0.75


def test_evaluate_scores_model_and_baseline_on_the_same_rows(tiny_model: TrueRoleClassifier) -> None:
    data = tiny_corpus(2)
    result = evaluate(tiny_model, data)
    assert result["n"] == len(data) == len(result["predictions"])
    assert set(result) >= {"role", "title_baseline", "uncertain", "calibration", "coverage", "seniority"}
    assert 0 <= result["uncertain"]["share_uncertain"] <= 1


def test_evaluate_command_writes_report_plots_and_metrics(
    tmp_path: Path, tiny_model: TrueRoleClassifier, capsys: pytest.CaptureFixture[str]
) -> None:
    model = save_model(tiny_model, tmp_path / "m.skops")
    tiny_corpus(2).drop(columns=["seniority"]).to_csv(tmp_path / "gold.csv", index=False)
    report = tmp_path / "report"
    assert main(["evaluate", str(tmp_path / "gold.csv"), "--model", str(model), "--report", str(report)]) == 0
    assert "title only" in capsys.readouterr().out
    for name in ("report.md", "metrics.json", "predictions.csv", "confusion.png", "calibration.png", "coverage.png"):
        assert (report / name).stat().st_size > 0, name
    assert (report / "confusion.png").read_bytes()[:4] == b"\x89PNG"
    metrics = json.loads((report / "metrics.json").read_text())
    assert "seniority" not in metrics and metrics["n"] == 20
    predictions = pd.read_csv(report / "predictions.csv")
    assert list(predictions.columns) == ["id", "predicted_role"] and "description" not in predictions


def test_train_writes_a_model_card_from_its_own_numbers(tmp_path: Path) -> None:
    tiny_corpus(6).to_csv(tmp_path / "corpus.csv", index=False)
    tiny_corpus(2).to_csv(tmp_path / "gold.csv", index=False)
    assert main(["train", "--data", str(tmp_path / "corpus.csv"), "--out", str(tmp_path / "m.skops"),
                 "--evaluate", str(tmp_path / "gold.csv")]) == 0
    card = (tmp_path / "MODEL_CARD.md").read_text()
    assert card.startswith("---\nlibrary_name: scikit-learn")
    for section in ("## Intended use", "## Labels", "## Training data", "## Evaluation", "## Limitations", "## How to retrain"):
        assert section in card
    assert "| gold.csv | 20 |" in card
