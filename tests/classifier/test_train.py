from pathlib import Path

import numpy as np
import pandas as pd

from classifier.train import choose_uncertain_threshold, groups_of, train
from tests.conftest import tiny_corpus


def test_threshold_is_where_held_out_predictions_become_guesses() -> None:
    confidence = np.linspace(0.2, 1.0, 400)
    correct = confidence > 0.45  # wrong below 0.45, right above
    assert choose_uncertain_threshold(confidence, correct) == 0.45


def test_threshold_falls_back_when_the_model_is_never_guessing() -> None:
    confidence = np.linspace(0.2, 1.0, 400)
    assert choose_uncertain_threshold(confidence, np.ones(400, dtype=bool)) == 0.5


def test_groups_are_companies_or_rows() -> None:
    data = pd.DataFrame({"company": ["Acme", " acme", "", None]})
    groups = groups_of(data)
    assert groups[0] == groups[1] and len(set(groups)) == 3


def test_train_reports_cross_validation_and_records_metadata(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    tiny_corpus(6).to_csv(path, index=False)
    messages: list[str] = []
    model, cv = train(path, log=messages.append)
    assert any("fold 5/5" in m for m in messages)
    assert len(cv.roles) == 60 and cv.role_proba.shape == (60, 10)
    assert 0.0 <= cv.role_metrics["macro_f1"] <= 1.0
    meta = model.metadata_
    assert meta["training_rows"] == 60 and len(meta["training_data_sha256"]) == 64
    assert meta["cross_validation"]["grouped_by"] == "company"
    assert meta["uncertain_threshold"] == model.uncertain_threshold == cv.uncertain_threshold
    assert meta["temperature"] == model.temperature == cv.temperature > 0
    assert np.allclose(cv.role_proba.sum(axis=1), 1.0)
    assert set(meta["cross_validation"]["role"]["per_class"]) == set(meta["roles"])
