"""Seniority cues: the years of experience an ad asks for and the level its title names.

The taxonomy decides seniority by the work and the experience asked for, with
the title as evidence. Bag-of-words features see both only dimly: "5+ years"
becomes the token "5" among hundreds, shared with "5 days a week" and "top 5
bank", and "Senior" in a title is one term among the title's n-grams. Reading
the requested years as a number, bucketed at the taxonomy's own boundaries,
and the title's level words as three flags gives the seniority regression
these cues directly, in a handful of columns it can weigh on their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from classifier.features import DESCRIPTION, TITLE

# Lower bounds of the requested-years buckets: 0-2 entry, 2-5 mid, 5-8 senior, 8+ beyond.
YEAR_BUCKETS: tuple[int, ...] = (0, 2, 5, 8)
# More than this many years is a company's age ("30 years of experience"), not a requirement.
MAX_REQUESTED_YEARS = 20
# How far (characters) a figure may stand from "experience" and still be a request for it.
_EXPERIENCE_WINDOW = 80

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
}  # fmt: skip
_NUMBER = r"(\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + r")"
# "5+ years", "3-5 years", "2 to 4 yrs", "five (5) years", "7 or more years".
_YEARS = re.compile(
    rf"(?<!\d)(?<!\d\.){_NUMBER}\s*(?:\(\s*\d{{1,2}}\s*\)\s*)?\+?\s*"
    rf"(?:(?:-|–|—|to|or)\s*(?:{_NUMBER}|more)\s*\+?\s*)?(?:years?|yrs?)\b",
    re.IGNORECASE,
)
_EXPERIENCE = re.compile(r"experience|experienced", re.IGNORECASE)

# Level words of a title, most senior group first; a title can name several.
TITLE_LEVELS: dict[str, re.Pattern[str]] = {
    "leadership": re.compile(
        r"\b(head|director|vp|svp|evp|vice[\s-]+president|chief|c[a-z]o)\b", re.IGNORECASE
    ),
    "senior": re.compile(r"\b(senior|sr|lead|principal|staff)\b", re.IGNORECASE),
    "entry": re.compile(
        r"\b(junior|jr|associate|graduate|grad|intern|internship|trainee|apprentice|entry[\s-]+level)\b",
        re.IGNORECASE,
    ),
}


def _number(text: str) -> float:
    return float(_NUMBER_WORDS.get(text.lower(), text))


def requested_years(text: object) -> float | None:
    """The years of experience ``text`` asks for: the first figure near "experience".

    Of a range ("3-5 years") the lower bound counts, since that is what the
    employer accepts. Figures above :data:`MAX_REQUESTED_YEARS` and figures
    far from the word "experience" are ignored; ``None`` when nothing is asked.
    """
    if not isinstance(text, str):
        return None
    mentions = [m.start() for m in _EXPERIENCE.finditer(text)]
    if not mentions:
        return None
    for match in _YEARS.finditer(text):
        years = _number(match.group(1))
        if years > MAX_REQUESTED_YEARS:
            continue
        if any(match.start() - _EXPERIENCE_WINDOW <= at <= match.end() + _EXPERIENCE_WINDOW for at in mentions):
            return years
    return None


def years_bucket(years: float | None) -> int | None:
    """Index into :data:`YEAR_BUCKETS` of ``years``, or ``None`` for no request."""
    if years is None:
        return None
    return int(np.searchsorted(YEAR_BUCKETS, years, side="right")) - 1


def title_levels(title: object) -> list[str]:
    """The level groups of :data:`TITLE_LEVELS` whose words appear in ``title``."""
    if not isinstance(title, str):
        return []
    return [level for level, pattern in TITLE_LEVELS.items() if pattern.search(title)]


class SeniorityCues(TransformerMixin, BaseEstimator):
    """Stateless transformer: one-hot requested-years bucket and title level flags.

    Columns are the buckets of :data:`YEAR_BUCKETS` plus "none", then one flag
    per group of :data:`TITLE_LEVELS`. ``weight`` is the value a present cue
    takes, setting how loud the cues are beside unit-length TF-IDF rows.
    """

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def fit(self, X: pd.DataFrame, y: object = None) -> SeniorityCues:
        return self

    def transform(self, X: pd.DataFrame) -> sparse.csr_matrix:
        rows, columns = [], []
        n_buckets = len(YEAR_BUCKETS) + 1
        for row, (title, description) in enumerate(zip(X[TITLE], X[DESCRIPTION])):
            bucket = years_bucket(requested_years(description))
            rows.append(row)
            columns.append(len(YEAR_BUCKETS) if bucket is None else bucket)
            for level in title_levels(title):
                rows.append(row)
                columns.append(n_buckets + list(TITLE_LEVELS).index(level))
        data = np.full(len(rows), self.weight, dtype=np.float32)
        shape = (len(X), n_buckets + len(TITLE_LEVELS))
        return sparse.csr_matrix((data, (rows, columns)), shape=shape)

    def get_feature_names_out(self, input_features: Iterable[str] | None = None) -> np.ndarray:
        years = [f"years_{low}+" for low in YEAR_BUCKETS] + ["years_none"]
        return np.array(years + [f"title_{level}" for level in TITLE_LEVELS], dtype=object)
