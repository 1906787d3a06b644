"""Features: what the linear models see of a posting.

The title and the description are separate fields because they carry
different kinds of evidence: the title is short and usually right, the
description is long, noisy and decisive when it disagrees. Keeping them apart
lets one weight say how far the title is trusted, and lets the evidence name
which field a word came from.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline

from classifier.taxonomy import ROLE_VALUES
from classifier.text import TextCleaner, as_column
from classifier.titles import title_role

TITLE = "title"
DESCRIPTION = "description"
# Single characters are kept so that "5+ years" yields the token "5".
_TOKEN_PATTERN = r"(?u)\b\w+\b"
_NO_TITLE_ROLE = "none"


class TitleRoleEncoder(TransformerMixin, BaseEstimator):
    """One-hot of the role the title names by the rule map (or "none").

    This is the title's prior as one strong, explicit feature: the model
    learns how far to trust a title naming each role, and the description's
    words must outweigh it to overrule the title.
    """

    def fit(self, X: Iterable[object], y: object = None) -> TitleRoleEncoder:
        self.categories_ = np.array(ROLE_VALUES + (_NO_TITLE_ROLE,), dtype=object)
        return self

    def transform(self, X: Iterable[object]) -> sparse.csr_matrix:
        index = {value: i for i, value in enumerate(self.categories_)}
        columns = [
            index[title_role(title if isinstance(title, str) else None) or _NO_TITLE_ROLE]
            for title in as_column(X)
        ]
        rows = np.arange(len(columns))
        data = np.ones(len(columns))
        return sparse.csr_matrix((data, (rows, columns)), shape=(len(columns), len(index)))

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        return np.array([f"title names {value}" for value in self.categories_], dtype=object)


def _text_field(ngram_range: tuple[int, int], min_df: int, max_features: int | None) -> Pipeline:
    return Pipeline(
        [
            ("clean", TextCleaner()),
            (
                "tfidf",
                TfidfVectorizer(
                    lowercase=True,
                    token_pattern=_TOKEN_PATTERN,
                    ngram_range=ngram_range,
                    min_df=min_df,
                    max_features=max_features,
                    sublinear_tf=True,
                    dtype=np.float32,
                ),
            ),
        ]
    )


def posting_features(title_weight: float, title_rule_weight: float) -> ColumnTransformer:
    """Features of a posting: title words, the title's rule-mapped role, description words.

    ``title_weight`` and ``title_rule_weight`` scale the two title blocks
    against the description (weight 1): they are how far the title is trusted.
    """
    return ColumnTransformer(
        [
            ("title", _text_field((1, 2), min_df=1, max_features=None), TITLE),
            ("title_rule", TitleRoleEncoder(), TITLE),
            ("description", _text_field((1, 2), min_df=2, max_features=200_000), DESCRIPTION),
        ],
        transformer_weights={
            "title": title_weight,
            "title_rule": title_rule_weight,
            "description": 1.0,
        },
        sparse_threshold=1.0,
    )
