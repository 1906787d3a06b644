"""The surface `import classifier` promises, used as the README shows."""

from pathlib import Path

import pandas as pd

import classifier
from classifier import classify_file, load_model, save_model
from tests.conftest import tiny_corpus


def test_everything_in_all_is_importable() -> None:
    assert all(hasattr(classifier, name) for name in classifier.__all__)
    assert issubclass(classifier.ModelFileError, classifier.TrueRoleError)


def test_readme_flow(tmp_path: Path, tiny_model: classifier.TrueRoleClassifier) -> None:
    model = load_model(save_model(tiny_model, tmp_path / "m.skops"))
    postings = pd.DataFrame({"title": ["Product Owner"], "description": ["manage project schedule, budget and scope"]})
    [prediction] = model.explain(postings)
    assert isinstance(prediction, classifier.Prediction) and prediction.title_role == "product_owner"
    tiny_corpus(1).to_csv(tmp_path / "jobs.csv", index=False)
    summary = classify_file(model, tmp_path / "jobs.csv", tmp_path / "jobs.classified.csv")
    assert summary.rows == 10 and (tmp_path / "jobs.classified.csv").is_file()
