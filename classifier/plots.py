"""The evaluation report's pictures: confusion matrix, reliability and coverage curves.

Drawn with matplotlib's non-interactive backend, so reports can be made on a
server with no display.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
import numpy as np  # noqa: E402


def confusion_png(metrics: dict, path: Path, title: str) -> Path:
    """Heat map of the confusion matrix, counts written in the cells."""
    counts = np.array(metrics["confusion"])
    labels = metrics["labels"]
    figure, axes = plt.subplots(figsize=(8, 7))
    axes.imshow(counts, cmap="Blues")
    axes.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlabel("predicted")
    axes.set_ylabel("true")
    axes.set_title(title)
    threshold = counts.max() / 2 if counts.size else 0
    for (row, column), value in np.ndenumerate(counts):
        if value:
            colour = "white" if value > threshold else "black"
            axes.text(column, row, str(value), ha="center", va="center", color=colour, fontsize=8)
    return _save(figure, path)


def calibration_png(calibration: dict, path: Path) -> Path:
    """Reliability diagram: accuracy against mean confidence per bin, with the diagonal."""
    bins = calibration["bins"]
    figure, axes = plt.subplots(figsize=(5, 5))
    axes.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfectly calibrated")
    axes.plot([b["confidence"] for b in bins], [b["accuracy"] for b in bins], marker="o", label="truerole")
    for b in bins:
        axes.annotate(str(b["n"]), (b["confidence"], b["accuracy"]), textcoords="offset points", xytext=(4, -10),
                      fontsize=7)
    axes.set_xlabel("role confidence")
    axes.set_ylabel("accuracy")
    axes.set_title(f"Reliability (ECE {calibration['ece']:.3f}; labels = postings per bin)")
    axes.legend(loc="upper left")
    return _save(figure, path)


def coverage_png(coverage: list[dict], threshold: float, path: Path) -> Path:
    """Accuracy and share of postings kept when those under a confidence threshold are set aside."""
    rows = [r for r in coverage if r["accuracy"] is not None]
    figure, axes = plt.subplots(figsize=(6, 4))
    axes.plot([r["threshold"] for r in rows], [r["accuracy"] for r in rows], marker="o", label="accuracy of kept")
    axes.plot([r["threshold"] for r in rows], [r["coverage"] for r in rows], marker="s", label="share kept")
    axes.axvline(threshold, color="grey", linestyle="--", label=f"uncertain threshold {threshold}")
    axes.set_xlabel("confidence threshold")
    axes.set_ylim(0, 1.02)
    axes.set_title("Coverage vs accuracy")
    axes.legend(loc="lower left")
    return _save(figure, path)


def _save(figure, path: Path) -> Path:
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
