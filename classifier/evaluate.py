"""Metrics for role and seniority predictions, and the title-only baseline.

The baseline matters as much as the model: in real ads the title is right
most of the time, so truerole is only worth running if it beats "trust the
title" overall *and* gets right the rows where the title names another role.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

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
