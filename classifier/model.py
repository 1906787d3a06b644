"""The truerole estimator: role and seniority of a posting, with reasons.

:class:`TrueRoleClassifier` follows scikit-learn's conventions (``fit``,
``predict``, ``predict_proba``, a seedable ``random_state``) so it can be
cross-validated and tuned like any estimator. ``X`` is a DataFrame with
``title`` and ``description`` columns; ``y`` has ``role`` and ``seniority``.
:meth:`TrueRoleClassifier.explain` adds what a person needs to trust an
answer: alternatives, an ``uncertain`` flag, the title's own role and the
words that decided it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.special import softmax
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

from classifier.features import DESCRIPTION, TITLE, posting_features
from classifier.seniority import SeniorityCues
from classifier.taxonomy import OTHER
from classifier.titles import title_role

N_ALTERNATIVES = 3
N_EVIDENCE = 6


@dataclass(frozen=True)
class Evidence:
    """A word or phrase of the posting and how hard it pushed toward the role."""

    term: str
    field: str
    weight: float


@dataclass(frozen=True)
class Prediction:
    """Everything truerole says about one posting."""

    role: str
    role_confidence: float
    alternatives: list[tuple[str, float]]
    uncertain: bool
    seniority: str
    seniority_confidence: float
    title_role: str | None
    title_mismatch: bool
    evidence: list[Evidence] = field(default_factory=list)


class TrueRoleClassifier(ClassifierMixin, BaseEstimator):
    """Predicts the real role and seniority of job postings.

    The role is decided in two parts. A logistic regression reads the words
    of the title and the description. The role the title names (by the rule
    map in :mod:`classifier.titles`) then enters as a prior: a fixed number
    of log-odds added to that role, so the text must give clear odds against
    the title to overrule it. The prior is a set parameter rather than
    something learnt from the corpus, because the corpus over-represents
    misleading titles on purpose to teach the text model what the work looks
    like; learnt from it, the title would count for too little on real ads.

    Seniority is a second regression on the same text features plus the
    explicit cues of :class:`~classifier.seniority.SeniorityCues` (years of
    experience asked for, level words of the title and of the description's
    opening), which the role model does not see.

    Parameters
    ----------
    title_weight:
        Weight of the title's words against the description's (weight 1).
    title_prior:
        Log-odds added to the role the title names.
    untitled_prior:
        Log-odds added to ``other`` when the title names none of our roles.
    C, seniority_C:
        Inverse regularisation strength of the role and seniority regressions.
    temperature:
        Divides the role scores (title prior included) before the softmax;
        :func:`classifier.train.train` fits it on held-out predictions so that
        confidences are calibrated (:mod:`classifier.calibration`).
    seniority_cue_weight:
        Value of a present seniority cue beside the unit-length text features.
    uncertain_threshold:
        Role confidence below which a prediction is flagged ``uncertain`` and
        never reported as a title mismatch.
    random_state:
        Seed for the solvers, so training is reproducible.
    """

    def __init__(
        self,
        title_weight: float = 1.2,
        title_prior: float = 0.9,
        untitled_prior: float = 0.2,
        C: float = 30.0,
        seniority_C: float = 5.0,
        temperature: float = 1.0,
        seniority_cue_weight: float = 0.3,
        uncertain_threshold: float = 0.5,
        random_state: int | None = 0,
    ) -> None:
        self.title_weight = title_weight
        self.title_prior = title_prior
        self.untitled_prior = untitled_prior
        self.C = C
        self.seniority_C = seniority_C
        self.temperature = temperature
        self.seniority_cue_weight = seniority_cue_weight
        self.uncertain_threshold = uncertain_threshold
        self.random_state = random_state

    def _regression(self, C: float) -> LogisticRegression:
        # newton-cg converges in a handful of steps on these sparse features,
        # ten times faster than lbfgs to the same optimum.
        return LogisticRegression(
            C=C, class_weight="balanced", solver="newton-cg", max_iter=1000, random_state=self.random_state
        )

    def fit(self, X: pd.DataFrame, y: pd.DataFrame) -> TrueRoleClassifier:
        """Fit the role model on ``y["role"]`` and the seniority model on ``y["seniority"]``.

        Both read the same fitted text features, so text is cleaned and
        vectorised once per posting, in training and in prediction alike.
        """
        X = _postings(X)
        features = posting_features(self.title_weight)
        matrix = features.fit_transform(X)
        role = self._regression(self.C).fit(matrix, np.asarray(y["role"]))
        self.role_model_ = Pipeline([("features", features), ("model", role)])
        self.seniority_cues_ = SeniorityCues(self.seniority_cue_weight).fit(X)
        self.seniority_model_ = self._regression(self.seniority_C).fit(
            self._seniority_matrix(X, matrix), np.asarray(y["seniority"])
        )
        self.classes_ = self.role_model_.classes_
        self.seniority_classes_ = self.seniority_model_.classes_
        # Plain string arrays, not a list of tuples: they persist as compact .npy data.
        fields, terms = zip(
            *(name.split("__", 1) for name in self.role_model_[:-1].get_feature_names_out())
        )
        self.feature_terms_ = np.array(terms, dtype=str)
        self.feature_fields_ = np.array(fields, dtype=str)
        return self

    def _title_prior(self, named: list[str | None]) -> np.ndarray:
        """Log-odds each posting's title (by the role it names) adds to each role."""
        index = {role: i for i, role in enumerate(self.classes_)}
        prior = np.zeros((len(named), len(self.classes_)))
        for row, role in enumerate(named):
            if role in index:
                prior[row, index[role]] = self.title_prior
            elif role is None and OTHER in index:
                prior[row, index[OTHER]] = self.untitled_prior
        return prior

    def _role_proba(self, named: list[str | None], features) -> np.ndarray:
        scores = self.role_model_[-1].decision_function(features) + self._title_prior(named)
        return softmax(scores / self.temperature, axis=1)

    def _seniority_matrix(self, X: pd.DataFrame, features) -> sparse.csr_matrix:
        """The text features with the seniority cues of each posting appended."""
        return sparse.hstack([features, self.seniority_cues_.transform(X)], format="csr")

    def _probabilities(self, X: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, list[str | None], object]:
        """Role and seniority probabilities, the titles' roles and the text features, from one pass."""
        features = self.role_model_[:-1].transform(X)
        named = _title_roles(X)
        role = self._role_proba(named, features)
        seniority = self.seniority_model_.predict_proba(self._seniority_matrix(X, features))
        return role, seniority, named, features

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Role probabilities, one column per entry of ``classes_``."""
        check_is_fitted(self)
        X = _postings(X)
        return self._role_proba(_title_roles(X), self.role_model_[:-1].transform(X))

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """The most probable role of each posting."""
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def predict_seniority_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Seniority probabilities, one column per entry of ``seniority_classes_``."""
        return self.predict_role_and_seniority_proba(X)[1]

    def predict_role_and_seniority_proba(self, X: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """Role and seniority probabilities together, cleaning and vectorising the text once."""
        check_is_fitted(self)
        role, seniority, _, _ = self._probabilities(_postings(X))
        return role, seniority

    def explain(self, X: pd.DataFrame) -> list[Prediction]:
        """Full predictions, in the order of ``X``'s rows."""
        check_is_fitted(self)
        X = _postings(X)
        if X.empty:
            return []
        role_proba, seniority_proba, named, features = self._probabilities(X)
        ranked = np.argsort(-role_proba, axis=1, kind="stable")
        evidence = self._evidence(features, ranked[:, 0], ranked[:, 1])
        return [
            self._prediction(role_proba[i], seniority_proba[i], named[i], evidence[i]) for i in range(len(X))
        ]

    def _prediction(
        self,
        role_proba: np.ndarray,
        seniority_proba: np.ndarray,
        named: str | None,
        evidence: list[Evidence],
    ) -> Prediction:
        order = np.argsort(-role_proba, kind="stable")
        role = str(self.classes_[order[0]])
        confidence = float(role_proba[order[0]])
        uncertain = confidence < self.uncertain_threshold
        senior = int(seniority_proba.argmax())
        return Prediction(
            role=role,
            role_confidence=confidence,
            alternatives=[
                (str(self.classes_[k]), float(role_proba[k])) for k in order[1 : 1 + N_ALTERNATIVES]
            ],
            uncertain=uncertain,
            seniority=str(self.seniority_classes_[senior]),
            seniority_confidence=float(seniority_proba[senior]),
            title_role=named,
            title_mismatch=named is not None and named != role and not uncertain,
            evidence=evidence,
        )

    def _evidence(self, features, best: np.ndarray, runner_up: np.ndarray) -> list[list[Evidence]]:
        """Per posting, the words that most favour its role over the runner-up.

        A word's weight is its feature value times the difference of its
        coefficients for the predicted and the second most probable role: the
        answer to "why this role rather than that one". Words common to both
        (a "Product Owner" title on a project-management ad) do not show up as
        reasons for the role they argue against. Computed on the sparse matrix
        in one vectorised step, so explaining a batch costs little more than
        predicting it.
        """
        features = features.tocsr()
        coef = self.role_model_[-1].coef_
        rows = np.repeat(np.arange(features.shape[0]), np.diff(features.indptr))
        columns = features.indices
        contribution = features.data * (coef[best[rows], columns] - coef[runner_up[rows], columns])
        result = []
        for i in range(features.shape[0]):
            start, end = features.indptr[i], features.indptr[i + 1]
            row = contribution[start:end]
            top = [k for k in np.argsort(-row, kind="stable")[:N_EVIDENCE] if row[k] > 0]
            terms = columns[start:end]
            result.append(
                [
                    Evidence(
                        str(self.feature_terms_[terms[k]]),
                        str(self.feature_fields_[terms[k]]),
                        round(float(row[k]), 4),
                    )
                    for k in top
                ]
            )
        return result


def _title_roles(X: pd.DataFrame) -> list[str | None]:
    """The role each posting's title names by the rule map, once per posting."""
    return [title_role(title) for title in X[TITLE]]


def _postings(X: pd.DataFrame) -> pd.DataFrame:
    """Check ``X`` has the two text columns and give missing titles as ''."""
    if not isinstance(X, pd.DataFrame):
        raise TypeError("X must be a pandas DataFrame with 'title' and 'description' columns")
    if DESCRIPTION not in X.columns:
        raise ValueError(f"X has no {DESCRIPTION!r} column; columns are {list(X.columns)}")
    title = X[TITLE] if TITLE in X.columns else pd.Series("", index=X.index)
    return pd.DataFrame(
        {TITLE: title.fillna("").astype(str), DESCRIPTION: X[DESCRIPTION].fillna("").astype(str)},
        index=X.index,
    )
