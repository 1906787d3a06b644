"""Metrics for role and seniority predictions, and the title-only baseline.

The baseline matters as much as the model: in real ads the title is right
most of the time, so truerole is only worth running if it beats "trust the
title" overall *and* gets right the rows where the title names another role.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from classifier.taxonomy import OTHER, ROLE_VALUES, SENIORITY_VALUES
from classifier.titles import title_role


def title_baseline(titles: Sequence[str | None]) -> list[str]:
    """Predict each posting's role from its title alone (``other`` when it names none)."""
    return [title_role(title) or OTHER for title in titles]


def classification_metrics(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str]
) -> dict[str, object]:
    """Accuracy, macro-F1, per-class precision/recall/F1/support and the confusion matrix."""
    present = [label for label in labels if label in set(y_true) | set(y_pred)]
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=present, zero_division=0
    )
    return {
        "n": len(y_true),
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "macro_f1": float(f1_score(y_true, y_pred, labels=present, average="macro", zero_division=0)),
        "per_class": {
            label: {
                "precision": float(precision[i]),
                "recall": float(recall[i]),
                "f1": float(f1[i]),
                "support": int(support[i]),
            }
            for i, label in enumerate(present)
        },
        "labels": present,
        "confusion": confusion_matrix(y_true, y_pred, labels=present).tolist(),
    }


def role_metrics(
    y_true: Sequence[str], y_pred: Sequence[str], titles: Sequence[str | None]
) -> dict[str, object]:
    """Role metrics plus accuracy on the mismatch rows: those whose title names another role or none."""
    metrics = classification_metrics(y_true, y_pred, ROLE_VALUES)
    named = title_baseline(titles)
    mismatch = np.array([n != t for n, t in zip(named, y_true)])
    right = np.array([p == t for p, t in zip(y_pred, y_true)])
    metrics["mismatch_rows"] = int(mismatch.sum())
    metrics["mismatch_accuracy"] = float(right[mismatch].mean()) if mismatch.any() else None
    return metrics


def seniority_metrics(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, object]:
    """Seniority accuracy, macro-F1, per-class figures and confusion matrix."""
    return classification_metrics(y_true, y_pred, SENIORITY_VALUES)


def calibration_curve(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> dict[str, object]:
    """Reliability of the role confidence: per confidence bin, mean confidence vs accuracy.

    ``ece`` (expected calibration error) is the count-weighted gap between
    the two; 0 means a confidence of 0.8 is right 80% of the time.
    """
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    rows = []
    for b in range(bins):
        members = which == b
        if members.any():
            rows.append(
                {
                    "low": float(edges[b]),
                    "high": float(edges[b + 1]),
                    "n": int(members.sum()),
                    "confidence": float(confidence[members].mean()),
                    "accuracy": float(correct[members].mean()),
                }
            )
    ece = sum(r["n"] * abs(r["confidence"] - r["accuracy"]) for r in rows) / max(len(confidence), 1)
    return {"bins": rows, "ece": float(ece)}


def coverage_curve(confidence: np.ndarray, correct: np.ndarray) -> list[dict[str, float]]:
    """Accuracy of the predictions kept, and the share kept, if those under each threshold were set aside."""
    rows = []
    for threshold in np.round(np.arange(0.0, 1.0, 0.05), 2):
        kept = confidence >= threshold
        rows.append(
            {
                "threshold": float(threshold),
                "coverage": float(kept.mean()) if len(kept) else 0.0,
                "accuracy": float(correct[kept].mean()) if kept.any() else None,
            }
        )
    return rows


def evaluate(model, data) -> dict[str, object]:
    """Every figure ``truerole evaluate`` reports for ``model`` on labelled ``data``.

    ``data`` needs ``title``, ``description`` and ``role``; ``seniority`` is
    scored when present. The title-only baseline is scored on the same rows.
    """
    proba, seniority_proba = model.predict_role_and_seniority_proba(data)
    predicted = model.classes_[proba.argmax(axis=1)]
    confidence = proba.max(axis=1)
    truth = data["role"].to_numpy()
    correct = predicted == truth
    uncertain = confidence < model.uncertain_threshold
    result: dict[str, object] = {
        "n": len(data),
        "role": role_metrics(truth, predicted, data["title"]),
        "title_baseline": role_metrics(truth, title_baseline(data["title"]), data["title"]),
        "uncertain": {
            "threshold": float(model.uncertain_threshold),
            "share_uncertain": float(uncertain.mean()),
            "accuracy_when_certain": float(correct[~uncertain].mean()) if (~uncertain).any() else None,
            "accuracy_when_uncertain": float(correct[uncertain].mean()) if uncertain.any() else None,
        },
        "calibration": calibration_curve(confidence, correct),
        "coverage": coverage_curve(confidence, correct),
        "predictions": [str(p) for p in predicted],
    }
    if "seniority" in data.columns:
        seniority = model.seniority_classes_[seniority_proba.argmax(axis=1)]
        result["seniority"] = seniority_metrics(data["seniority"].to_numpy(), seniority)
        result["seniority_predictions"] = [str(s) for s in seniority]
    return result
