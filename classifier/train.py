"""Training: validate the corpus, cross-validate, choose the uncertainty threshold, fit.

Cross-validation is grouped by employer (the ``company`` column when the data
has one), because postings of one employer share boilerplate: scoring a model
on an employer it has already read would flatter it. The held-out predictions
serve three times: for the reported metrics, to fit the temperature that
calibrates confidences, and then to choose the confidence below which a
prediction is flagged ``uncertain``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.model_selection import StratifiedGroupKFold

from classifier import __version__
from classifier.calibration import apply_temperature, fit_temperature
from classifier.dataset import data_sha256, load_labelled
from classifier.evaluate import calibration_curve, role_metrics, seniority_metrics
from classifier.model import TrueRoleClassifier
from classifier.taxonomy import ROLE_VALUES, SENIORITY_VALUES

N_SPLITS = 5
_BAND = 0.05
_THRESHOLD_GRID = np.round(np.arange(0.1, 0.96, _BAND), 2)
_MIN_IN_BAND = 10
_FALLBACK_THRESHOLD = 0.5

Log = Callable[[str], None]


@dataclass(frozen=True)
class CrossValidation:
    """Held-out predictions of every posting and the metrics they give."""

    role_proba: np.ndarray
    roles: np.ndarray
    seniority: np.ndarray
    role_metrics: dict
    seniority_metrics: dict
    temperature: float
    calibration_error: dict[str, float]
    uncertain_threshold: float


def groups_of(data: pd.DataFrame) -> np.ndarray:
    """Employer of each posting, or the row itself where no employer is given."""
    company = data["company"] if "company" in data.columns else pd.Series("", index=data.index)
    fallback = pd.Series([f"row-{i}" for i in range(len(data))], index=data.index)
    company = company.fillna("").astype(str).str.strip().str.lower()
    return np.where(company != "", company, fallback).astype(str)


def cross_validate(
    estimator: TrueRoleClassifier, data: pd.DataFrame, n_splits: int = N_SPLITS, log: Log | None = None
) -> CrossValidation:
    """Grouped, stratified k-fold predictions of role and seniority for every row."""
    splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=estimator.random_state)
    role_proba = np.zeros((len(data), len(ROLE_VALUES)))
    seniority = np.empty(len(data), dtype=object)
    classes = np.array(sorted(ROLE_VALUES))
    for fold, (train, test) in enumerate(splitter.split(data, data["role"], groups_of(data)), 1):
        if log:
            log(f"cross-validation fold {fold}/{n_splits}")
        model = clone(estimator).fit(data.iloc[train], data.iloc[train])
        proba, seniority_proba = model.predict_role_and_seniority_proba(data.iloc[test])
        columns = np.searchsorted(classes, model.classes_)
        role_proba[np.ix_(test, columns)] = proba
        seniority[test] = model.seniority_classes_[seniority_proba.argmax(axis=1)]
    roles = classes[role_proba.argmax(axis=1)]
    correct = roles == data["role"].to_numpy()
    extra = fit_temperature(role_proba, np.searchsorted(classes, data["role"].to_numpy()))
    calibrated = apply_temperature(role_proba, extra)
    return CrossValidation(
        role_proba=calibrated,
        roles=roles,
        seniority=seniority,
        role_metrics=role_metrics(data["role"], roles, data["title"]),
        seniority_metrics=seniority_metrics(data["seniority"], seniority),
        temperature=estimator.temperature * extra,
        calibration_error={
            "before": calibration_curve(role_proba.max(axis=1), correct)["ece"],
            "after": calibration_curve(calibrated.max(axis=1), correct)["ece"],
        },
        uncertain_threshold=choose_uncertain_threshold(calibrated.max(axis=1), correct),
    )


def choose_uncertain_threshold(confidence: np.ndarray, correct: np.ndarray) -> float:
    """The lowest confidence from which held-out predictions are right more often than wrong.

    Confidence is cut into bands of 0.05; the threshold is the start of the
    lowest band such that it and every band above it were right in more than
    half of their predictions. Bands with fewer than 10 predictions carry no
    vote. With no wrong band at all the threshold falls back to 0.5.
    """
    chosen = None
    for start in _THRESHOLD_GRID[::-1]:
        band = (confidence >= start) & (confidence < start + _BAND)
        if band.sum() >= _MIN_IN_BAND and correct[band].mean() <= 0.5:
            break
        chosen = float(start)
    if chosen is None or chosen == _THRESHOLD_GRID[0]:
        return _FALLBACK_THRESHOLD
    return chosen


def train(
    data_path: str | Path,
    estimator: TrueRoleClassifier | None = None,
    log: Log | None = None,
) -> tuple[TrueRoleClassifier, CrossValidation]:
    """Cross-validate on the labelled data at ``data_path``, then fit on all of it.

    The fitted model carries ``metadata_``: versions, training date, the
    sha256 of the training data, label sets and the cross-validated metrics.
    """
    data = load_labelled(data_path)
    estimator = estimator if estimator is not None else TrueRoleClassifier()
    if log:
        log(f"read {len(data)} labelled postings from {data_path}")
    cv = cross_validate(estimator, data, log=log)
    model = clone(estimator).set_params(temperature=cv.temperature, uncertain_threshold=cv.uncertain_threshold)
    if log:
        log("fitting the final model on all postings")
    model.fit(data, data)
    model.metadata_ = {
        "truerole_version": __version__,
        "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "training_data": str(data_path),
        "training_data_sha256": data_sha256(data_path),
        "training_rows": len(data),
        "roles": list(ROLE_VALUES),
        "seniorities": list(SENIORITY_VALUES),
        "params": model.get_params(),
        "uncertain_threshold": cv.uncertain_threshold,
        "temperature": cv.temperature,
        "cross_validation": {
            "calibration_error": cv.calibration_error,
            "n_splits": N_SPLITS,
            "grouped_by": "company" if "company" in data.columns else "row",
            "role": cv.role_metrics,
            "seniority": cv.seniority_metrics,
        },
    }
    return model, cv
