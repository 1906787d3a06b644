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
