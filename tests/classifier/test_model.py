import numpy as np
import pandas as pd
import pytest

from classifier.model import TrueRoleClassifier
from tests.conftest import tiny_corpus


def _postings(*pairs: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["title", "description"])


def test_probabilities_sum_to_one_and_predict_agrees(tiny_model: TrueRoleClassifier) -> None:
    postings = tiny_corpus(2)
    proba = tiny_model.predict_proba(postings)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert list(tiny_model.predict(postings)) == list(tiny_model.classes_[proba.argmax(axis=1)])


def test_training_is_deterministic() -> None:
    corpus = tiny_corpus()
    first = TrueRoleClassifier(random_state=3).fit(corpus, corpus)
    second = TrueRoleClassifier(random_state=3).fit(corpus, corpus)
    assert np.array_equal(first.predict_proba(corpus), second.predict_proba(corpus))


def test_title_is_prior_evidence(tiny_model: TrueRoleClassifier) -> None:
    text = "You will work with the team on our product."
    untitled, titled = tiny_model.predict_proba(_postings(("", text), ("Scrum Master", text)))
    column = list(tiny_model.classes_).index("scrum_master")
    assert titled[column] > untitled[column] + 0.2


def test_clear_description_overrules_the_title() -> None:
    corpus = tiny_corpus()
    model = TrueRoleClassifier(title_prior=0.5).fit(corpus, corpus)
    text = "Manage project schedule, budget and scope, milestones, RAID log and weekly status reports. " * 3
    [prediction] = model.explain(_postings(("Product Owner", text)))
    assert prediction.role == "project_manager"
    assert prediction.title_role == "product_owner"
    assert prediction.title_mismatch is not prediction.uncertain


def test_explain_reports_alternatives_and_evidence_from_the_text(tiny_model: TrueRoleClassifier) -> None:
    title, text = "Product Owner", "Own the product backlog and write user stories with acceptance criteria."
    [prediction] = tiny_model.explain(_postings((title, text)))
    assert prediction.role == "product_owner"
    assert len(prediction.alternatives) == 3
    assert prediction.role not in [role for role, _ in prediction.alternatives]
    assert prediction.role_confidence >= max(p for _, p in prediction.alternatives)
    assert prediction.evidence and all(e.weight > 0 for e in prediction.evidence)
    assert all(e.term in {"title": title, "description": text}[e.field].lower() for e in prediction.evidence)
    assert prediction.seniority in tiny_model.seniority_classes_


def test_missing_description_column_is_a_clear_error(tiny_model: TrueRoleClassifier) -> None:
    with pytest.raises(ValueError, match="description"):
        tiny_model.predict(pd.DataFrame({"title": ["x"], "text": ["y"]}))


def test_missing_title_column_means_no_title(tiny_model: TrueRoleClassifier) -> None:
    with_blank = tiny_model.predict_proba(_postings(("", "write user stories")))
    without = tiny_model.predict_proba(pd.DataFrame({"description": ["write user stories"]}))
    assert np.allclose(with_blank, without)


def test_explaining_no_postings_gives_no_predictions(tiny_model: TrueRoleClassifier) -> None:
    assert tiny_model.explain(pd.DataFrame({"title": [], "description": []})) == []
