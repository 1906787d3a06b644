"""Text preparation: turn a scraped job ad back into plain, tokenisable words.

Job boards hand us descriptions with HTML tags and entities left in, or with
tags stripped so carelessly that list items run together ("sprintsRequirements",
"descriptionA leading", "sprints.Requirements5+ years"). Glued words become
tokens no posting shares, so the evidence they carry is lost; splitting them
again is the single most useful clean-up for real ads.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

_TAG = re.compile(r"<[^>]{0,200}>")
_URL = re.compile(r"https?://\S+|www\.\S+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
# Two lower-case letters glued to a capital: "sprintsRequirements", "descriptionA".
_GLUED_CAMEL = re.compile(r"([a-z]{2})([A-Z])")
# Sentence punctuation with no space before the next capitalised word: "sprints.Requirements".
_GLUED_PUNCT = re.compile(r"([a-z][.!?;:,)])([A-Z])")
# A word glued to a number: "Requirements5+ years", "Benefits401k".
_GLUED_DIGIT = re.compile(r"([a-z]{3})(\d)")
_SPACE = re.compile(r"\s+")

# Real words written in camel case; splitting them would invent tokens.
_CAMEL_WORDS = frozenset(
    """javascript typescript powerpoint sharepoint linkedin github gitlab youtube iphone
    ipad devops devsecops mlops finops fintech insurtech healthtech edtech paypal wordpress
    hubspot salesforce servicenow quickbooks powerbi bigquery mongodb postgresql mysql nosql
    fastapi graphql openai chatgpt smartsheet workfront airtable mailchimp tableau
    macos ios sql nodejs reactjs vuejs nextjs jquery netsuite successfactors bamboohr
    clickup jira dataops gitops""".split()
)
_CAMEL_CANDIDATE = re.compile(r"[A-Za-z]*[a-z]{2}[A-Z][A-Za-z]*")


def _split_glued(match: re.Match[str]) -> str:
    word = match.group(0)
    return word if word.lower() in _CAMEL_WORDS else _GLUED_CAMEL.sub(r"\1 \2", word)


def clean_text(text: object) -> str:
    """Return ``text`` as plain words: no markup, URLs or glued words, single spaces.

    Non-string input (``None``, NaN from a CSV cell) becomes the empty string,
    so callers can clean whole columns without checking each cell first.
    """
    if not isinstance(text, str):
        return ""
    if "<" in text or "&" in text:
        text = html.unescape(_TAG.sub(" ", text))
    text = _URL.sub(" ", text)
    if "@" in text:
        text = _EMAIL.sub(" ", text)
    text = _GLUED_PUNCT.sub(r"\1 \2", text)
    if _GLUED_CAMEL.search(text):
        text = _CAMEL_CANDIDATE.sub(_split_glued, text)
    text = _GLUED_DIGIT.sub(r"\1 \2", text)
    return _SPACE.sub(" ", text).strip()


class TextCleaner(TransformerMixin, BaseEstimator):
    """Stateless transformer applying :func:`clean_text` to a column of texts.

    It sits first in the pipeline so that the saved model cleans text exactly
    as it did in training, whatever calls it.
    """

    def fit(self, X: Iterable[object], y: object = None) -> TextCleaner:
        return self

    def transform(self, X: Iterable[object]) -> np.ndarray:
        return np.array([clean_text(text) for text in _as_column(X)], dtype=object)

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        return np.array(["text"], dtype=object)


def _as_column(X: Iterable[object]) -> Iterable[object]:
    """Accept a Series, a list or a one-column 2-D array alike."""
    array = np.asarray(X, dtype=object)
    return array.ravel() if array.ndim > 1 else array
