"""Regression guard: predictions on the 200-posting holdout may not drift unnoticed.

`results/holdout/predictions.csv` records the released model's predictions on
`training_data/holdout` (never trained on). A change that flips more than
MAX_FLIPS of them fails here until the results are regenerated on purpose
with `make results`, and the new report reviewed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from classifier.dataset import DEFAULT_HOLDOUT_PATH, load_labelled
from classifier.model import TrueRoleClassifier

RESULTS = Path(__file__).resolve().parents[2] / "results" / "holdout" / "predictions.csv"
MAX_FLIPS = 4


def test_holdout_predictions_match_the_recorded_release(trained_model: TrueRoleClassifier) -> None:
    holdout = load_labelled(DEFAULT_HOLDOUT_PATH)
    recorded = pd.read_csv(RESULTS, dtype=str)
    assert recorded["id"].tolist() == holdout["id"].tolist(), "holdout changed: run `make results`"
    predicted = trained_model.predict(holdout)
    flipped = holdout.loc[predicted != recorded["predicted_role"].to_numpy(), "id"].tolist()
    assert len(flipped) <= MAX_FLIPS, f"{len(flipped)} holdout predictions changed: {flipped}. Run `make results`."


def test_recorded_release_still_beats_the_title_on_the_holdout() -> None:
    recorded = pd.read_csv(RESULTS, dtype=str)
    holdout = load_labelled(DEFAULT_HOLDOUT_PATH)
    accuracy = (recorded["predicted_role"].to_numpy() == holdout["role"].to_numpy()).mean()
    assert accuracy >= 0.85
