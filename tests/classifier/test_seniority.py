from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from classifier import __version__
from classifier.model import TrueRoleClassifier
from classifier.persistence import load_model, save_model
from classifier.seniority import (
    OPENING_CHARS,
    YEAR_BUCKETS,
    SeniorityCues,
    level_words,
    requested_years,
    years_bucket,
)
from tests.conftest import tiny_corpus


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("You bring 5+ years of experience in delivery.", 5),
        ("Experience: 3-5 years in a similar role.", 3),
        ("A minimum of 7 years experience leading teams.", 7),
        ("Five years of relevant experience.", 5),
        ("2 to 4 yrs experience with Jira.", 2),
        ("What you need:experience.5+ years in product.", 5),
        ("Seven (7) years of professional experience.", 7),
        ("1.5 years experience is enough.", 1.5),
        ("We have 30 years of experience as a firm. You have 3+ years of experience.", 3),
    ],
)
def test_requested_years_reads_the_figure_asked_for(text: str, years: float) -> None:
    assert requested_years(text) == years


@pytest.mark.parametrize(
    "text",
    [
        "We were founded 12 years ago and work in 5 countries.",
        "Experience with Jira and Confluence.",
        "Over 40 years of experience serving customers.",
        "We often years ago had experience of this.",
        None,
    ],
)
def test_no_request_gives_none(text: str | None) -> None:
    assert requested_years(text) is None


def test_years_are_bucketed_at_the_taxonomy_boundaries() -> None:
    assert [years_bucket(y) for y in (0, 1.5, 2, 4, 5, 7, 8, 15)] == [0, 0, 1, 1, 2, 2, 3, 3]
    assert years_bucket(None) is None


@pytest.mark.parametrize(
    ("title", "levels"),
    [
        ("Senior Product Manager", ["senior"]),
        ("Sr. Business Analyst", ["senior"]),
        ("Lead UX Designer", ["senior"]),
        ("Head of Product", ["leadership"]),
        ("VP, Engineering", ["leadership"]),
        ("Vice President of Programmes", ["leadership"]),
        ("Junior Scrum Master", ["entry"]),
        ("Graduate Project Coordinator", ["entry"]),
        ("Associate Director, Delivery", ["leadership", "entry"]),
        ("Product Owner", []),
        ("Leader of nothing in particular", []),
    ],
)
def test_level_words(title: str, levels: list[str]) -> None:
    assert level_words(title) == levels


def test_transformer_gives_one_years_column_and_the_level_flags_per_row() -> None:
    postings = pd.DataFrame(
        {
            "title": ["Senior Project Manager", "Product Owner", ""],
            "description": [
                "At least 6 years of experience.",
                "Work with the team. " * 20 + "Report to our Head of Product.",
                "We are hiring a Junior Analyst. 2+ years experience",
            ],
        }
    )
    cues = SeniorityCues(weight=0.5).fit(postings)
    matrix = cues.transform(postings).toarray()
    names = list(cues.get_feature_names_out())
    assert matrix.shape == (3, len(names))
    assert matrix.shape[1] == len(YEAR_BUCKETS) + 1 + 2 * 3
    assert matrix[0, names.index("years_5+")] == 0.5
    assert matrix[0, names.index("title_senior")] == 0.5
    assert matrix[1, names.index("years_none")] == 0.5
    assert matrix[2, names.index("years_2+")] == 0.5
    assert matrix[2, names.index("opening_entry")] == 0.5
    assert np.count_nonzero(matrix, axis=1).tolist() == [2, 1, 2]


def test_level_words_past_the_opening_of_the_description_are_not_read() -> None:
    filler = "x" * OPENING_CHARS
    postings = pd.DataFrame({"title": ["", ""], "description": ["Senior role. " + filler, filler + " Senior role."]})
    cues = SeniorityCues()
    opening_senior = list(cues.get_feature_names_out()).index("opening_senior")
    assert cues.transform(postings).toarray()[:, opening_senior].tolist() == [1.0, 0.0]


def test_model_with_cues_explains_and_survives_a_round_trip(tmp_path: Path) -> None:
    corpus = tiny_corpus()
    model = TrueRoleClassifier().fit(corpus, corpus)
    model.metadata_ = {"truerole_version": __version__}
    loaded = load_model(save_model(model, tmp_path / "m.skops"))
    proba = loaded.predict_seniority_proba(corpus)
    assert np.allclose(proba, model.predict_seniority_proba(corpus))
    explained = [p.seniority for p in loaded.explain(corpus)]
    assert explained == list(loaded.seniority_classes_[proba.argmax(axis=1)])


def test_requested_years_move_the_seniority_of_an_otherwise_equal_posting(
    tiny_model: TrueRoleClassifier,
) -> None:
    text = "You will own the product backlog and write user stories."
    postings = pd.DataFrame({"title": ["Product Owner"] * 2, "description": [text, text + " 8+ years of experience."]})
    plain, asked = tiny_model.predict_seniority_proba(postings)
    assert not np.allclose(plain, asked)
