"""Features: what the linear models see of a posting.

The title and the description are separate fields because they carry
different kinds of evidence: the title is short and usually right, the
description is long, noisy and decisive when it disagrees. Keeping them apart
lets one weight say how far the title is trusted, and lets the evidence name
which field a word came from.
"""

from __future__ import annotations

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline

from classifier.text import TextCleaner

TITLE = "title"
DESCRIPTION = "description"
# Single characters are kept so that "5+ years" yields the token "5".
_TOKEN_PATTERN = r"(?u)\b\w+\b"


class CompactTfidfVectorizer(TfidfVectorizer):
    """A ``TfidfVectorizer`` whose vocabulary is saved as one string of terms.

    Saved as is, a vocabulary of 100,000 terms becomes 100,000 JSON nodes in
    a skops file: a 170 MB schema that takes seconds to load. The terms in
    index order, one per line, carry the same information in one value
    (tokens never hold a newline), and the dictionary is rebuilt on load.
    """

    def __getstate__(self) -> dict:
        state = dict(super().__getstate__())  # a copy: object.__getstate__ returns __dict__ itself
        vocabulary = state.pop("vocabulary_", None)
        if vocabulary is not None:
            terms = sorted(vocabulary, key=vocabulary.__getitem__)
            state["vocabulary_terms_"] = "\n".join(terms)
        return state

    def __setstate__(self, state: dict) -> None:
        state = dict(state)
        terms = state.pop("vocabulary_terms_", None)
        if terms is not None:
            state["vocabulary_"] = {term: i for i, term in enumerate(terms.split("\n"))}
        super().__setstate__(state)


def _text_field(ngram_range: tuple[int, int], min_df: int, max_features: int | None) -> Pipeline:
    return Pipeline(
        [
            ("clean", TextCleaner()),
            (
                "tfidf",
                CompactTfidfVectorizer(
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


def posting_features(title_weight: float) -> ColumnTransformer:
    """Features of a posting: the title's words and the description's words.

    ``title_weight`` scales the title block against the description (weight 1).
    """
    return ColumnTransformer(
        [
            ("title", _text_field((1, 2), min_df=1, max_features=None), TITLE),
            ("description", _text_field((1, 2), min_df=2, max_features=200_000), DESCRIPTION),
        ],
        transformer_weights={"title": title_weight, "description": 1.0},
        sparse_threshold=1.0,
    )
