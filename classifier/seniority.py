"""Seniority cues: the years of experience an ad asks for and the level it names.

The taxonomy decides seniority by the work and the experience asked for, with
the title as evidence. Bag-of-words features see both only dimly: "5+ years"
becomes the token "5" among hundreds, shared with "5 days a week" and "top 5
bank", and "Senior" is one term among many n-grams. Reading the requested
years as a number, bucketed at the taxonomy's own boundaries, and the level
words as three flags gives the seniority regression these cues directly, in
a handful of columns it can weigh on their own.

Level words are read twice: in the title, and in the opening of the
description, where an ad usually restates the job it offers ("We are looking
for a Senior Scrum Master to...") even when the title field is bare or a
job board dropped it. Further into the text the same words mostly describe
the work ("lead workshops", "report to the Head of Product") instead.
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
# Characters of the description read as its opening, for level words.
OPENING_CHARS = 300

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
}  # fmt: skip
# A figure not inside a longer number ("1.5" yields 1.5, never 5), or a number word.
_NUMBER = r"(?:(?<!\d)(?<!\d\.)\d{1,2}(?:\.\d)?|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b)"
# "5+ years", "3-5 years", "2 to 4 yrs", "five (5) years", "7 or more years".
_YEARS = re.compile(
    rf"(?P<years>{_NUMBER})\s*(?:\(\s*\d{{1,2}}\s*\)\s*)?\+?\s*"
    rf"(?:(?:-|–|—|to|or)\s*(?:{_NUMBER}|more)\s*\+?\s*)?(?:years?|yrs?)\b",
    re.IGNORECASE,
)
_EXPERIENCE = re.compile(r"experience", re.IGNORECASE)

# Level words, most senior group first; a text can name several. "c[a-z]o": CEO, CTO, CPO...
LEVELS: dict[str, re.Pattern[str]] = {
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
        years = _number(match.group("years"))
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


def level_words(text: object) -> list[str]:
    """The level groups of :data:`LEVELS` whose words appear in ``text``."""
    if not isinstance(text, str):
        return []
    return [level for level, pattern in LEVELS.items() if pattern.search(text)]


class SeniorityCues(TransformerMixin, BaseEstimator):
    """Stateless transformer: one-hot requested-years bucket and level-word flags.

    Columns are the buckets of :data:`YEAR_BUCKETS` plus "none", then one flag
    per group of :data:`LEVELS` found in the title, then one per group found
    in the description's first :data:`OPENING_CHARS` characters. ``weight`` is
    the value a present cue takes, setting how loud the cues are beside
    unit-length TF-IDF rows.
    """

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def fit(self, X: pd.DataFrame, y: object = None) -> SeniorityCues:
        return self

    def transform(self, X: pd.DataFrame) -> sparse.csr_matrix:
        rows, columns = [], []
        for row, (title, description) in enumerate(zip(X[TITLE], X[DESCRIPTION])):
            for column in _cue_columns(title, description):
                rows.append(row)
                columns.append(column)
        data = np.full(len(rows), self.weight, dtype=np.float32)
        shape = (len(X), len(self.get_feature_names_out()))
        return sparse.csr_matrix((data, (rows, columns)), shape=shape)

    def get_feature_names_out(self, input_features: Iterable[str] | None = None) -> np.ndarray:
        years = [f"years_{low}+" for low in YEAR_BUCKETS] + ["years_none"]
        levels = [f"{where}_{level}" for where in ("title", "opening") for level in LEVELS]
        return np.array(years + levels, dtype=object)


def _cue_columns(title: object, description: object) -> list[int]:
    """Column indices of the cues present in one posting, in the order of the feature names."""
    bucket = years_bucket(requested_years(description))
    columns = [len(YEAR_BUCKETS) if bucket is None else bucket]
    first_level = len(YEAR_BUCKETS) + 1
    opening = description[:OPENING_CHARS] if isinstance(description, str) else ""
    for offset, text in ((first_level, title), (first_level + len(LEVELS), opening)):
        columns.extend(offset + list(LEVELS).index(level) for level in level_words(text))
    return columns
