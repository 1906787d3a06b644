"""The shipped training corpus meets its datasheet's promises (see training_data/README.md)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from classifier.dataset import DEFAULT_DATA_PATH, load_labelled
from classifier.taxonomy import OTHER, ROLE_VALUES, SENIORITY_VALUES
from classifier.titles import title_role

TARGET_ROLES = [r for r in ROLE_VALUES if r != OTHER]
COLUMNS = ["id", "title", "description", "role", "seniority", "mismatch_note", "company", "industry",
           "region", "occupation"]


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    data = load_labelled(DEFAULT_DATA_PATH)
    data["title_role"] = [title_role(t) for t in data["title"]]
    return data


def test_schema_and_unique_ids(corpus: pd.DataFrame) -> None:
    assert [c for c in COLUMNS if c not in corpus.columns] == []
    assert corpus["id"].is_unique
    assert set(corpus["role"]) == set(ROLE_VALUES)
    assert set(corpus["seniority"]) <= set(SENIORITY_VALUES)


def test_counts_per_label(corpus: pd.DataFrame) -> None:
    counts = corpus["role"].value_counts()
    assert all(counts[role] >= 120 for role in TARGET_ROLES), counts.to_dict()
    assert counts[OTHER] >= 600
    other = corpus[corpus["role"] == OTHER]
    assert other["occupation"].str.lower().str.strip().nunique() >= 80


def test_every_target_role_has_every_seniority(corpus: pd.DataFrame) -> None:
    table = pd.crosstab(corpus["role"], corpus["seniority"])
    for role in TARGET_ROLES:
        for level in SENIORITY_VALUES:
            assert table.loc[role, level] >= 5, (role, level)


def test_titles_mislead_in_both_directions(corpus: pd.DataFrame) -> None:
    target = corpus[corpus["role"] != OTHER]
    names_other_role = target["title_role"].notna() & (target["title_role"] != target["role"])
    assert names_other_role.mean() >= 0.30
    assert target["title_role"].isna().sum() >= 60
    other = corpus[corpus["role"] == OTHER]
    assert other["title_role"].notna().sum() >= 150


def test_every_mismatched_title_is_explained(corpus: pd.DataFrame) -> None:
    mismatched = corpus["title_role"].notna() & (corpus["title_role"] != corpus["role"])
    unexplained = corpus[mismatched & (corpus["mismatch_note"].str.strip() == "")]
    assert unexplained["id"].tolist() == []


def test_variety(corpus: pd.DataFrame) -> None:
    words = corpus["description"].str.split().str.len()
    assert words.min() >= 50 and words.max() <= 1100
    assert (words >= 400).sum() >= 100
    assert corpus["industry"].str.lower().nunique() >= 25
    assert corpus["region"].nunique() >= 5


def _shingles(text: str, size: int = 5) -> list[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return [" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))]


def test_no_near_duplicate_descriptions(corpus: pd.DataFrame) -> None:
    """No two descriptions share more than 60% of their 5-word shingles (Jaccard)."""
    matrix = CountVectorizer(analyzer=_shingles, binary=True).fit_transform(corpus["description"])
    shared = (matrix @ matrix.T).toarray().astype(float)
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    jaccard = shared / (sizes[:, None] + sizes[None, :] - shared)
    np.fill_diagonal(jaccard, 0.0)
    first, second = np.nonzero(np.triu(jaccard > 0.6))
    pairs = [(corpus["id"].iloc[i], corpus["id"].iloc[j]) for i, j in zip(first, second)]
    assert pairs == []
