"""Plain-text reports of metrics, for the terminal and for Markdown files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd


def render_metrics(metrics: dict, heading: str) -> str:
    """Accuracy, macro-F1, a per-class table and the confusion matrix as Markdown."""
    lines = [
        f"### {heading}",
        "",
        f"accuracy {metrics['accuracy']:.3f}, macro-F1 {metrics['macro_f1']:.3f} over {metrics['n']} postings",
    ]
    if metrics.get("mismatch_accuracy") is not None:
        lines.append(
            f"accuracy on the {metrics['mismatch_rows']} rows whose title names another role "
            f"or none: {metrics['mismatch_accuracy']:.3f}"
        )
    lines += ["", "| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for label, row in metrics["per_class"].items():
        lines.append(
            f"| {label} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['support']} |"
        )
    labels = metrics["labels"]
    short = [label[:8] for label in labels]
    lines += ["", "confusion (rows: true, columns: predicted)", "", "| | " + " | ".join(short) + " |"]
    lines.append("|---" * (len(labels) + 1) + "|")
    for label, counts in zip(labels, metrics["confusion"]):
        lines.append(f"| {label} | " + " | ".join(str(c) for c in counts) + " |")
    return "\n".join(lines)


def render_cross_validation(metadata: dict) -> str:
    """The cross-validation section of a trained model's metadata."""
    cv = metadata["cross_validation"]
    return "\n\n".join(
        [
            f"## Cross-validation ({cv['n_splits']} folds grouped by {cv['grouped_by']}, "
            f"{metadata['training_rows']} postings)",
            render_metrics(cv["role"], "Role"),
            render_metrics(cv["seniority"], "Seniority"),
            _render_calibration(metadata),
        ]
    )


def _render_calibration(metadata: dict) -> str:
    error = metadata["cross_validation"]["calibration_error"]
    return (
        f"temperature (fitted on the held-out predictions): {metadata['temperature']:.3f}; "
        f"calibration error (ECE) {error['before']:.3f} before, {error['after']:.3f} after\n"
        f"uncertain threshold (chosen from the calibrated held-out predictions): {metadata['uncertain_threshold']}"
    )


def render_evaluation(result: dict, source: str) -> str:
    """The Markdown report of ``truerole evaluate``: model against the title-only baseline."""
    role, baseline, unsure = result["role"], result["title_baseline"], result["uncertain"]
    mismatch = role["mismatch_accuracy"]
    lines = [
        f"# truerole evaluation on {source}",
        "",
        f"{result['n']} labelled postings; {role['mismatch_rows']} of them have a title that names "
        "another role or none (mismatch rows).",
        "",
        "| | macro-F1 | accuracy | accuracy on mismatch rows |",
        "|---|---|---|---|",
        f"| truerole | {role['macro_f1']:.3f} | {role['accuracy']:.3f} | {number_or_na(mismatch)} |",
        f"| title only | {baseline['macro_f1']:.3f} | {baseline['accuracy']:.3f} | "
        f"{number_or_na(baseline['mismatch_accuracy'])} |",
        "",
        f"Uncertain threshold {unsure['threshold']}: {unsure['share_uncertain']:.1%} of postings flagged; "
        f"accuracy {_share(unsure['accuracy_when_certain'])} when not flagged, "
        f"{_share(unsure['accuracy_when_uncertain'])} when flagged. "
        f"Expected calibration error {result['calibration']['ece']:.3f}.",
        "",
        render_metrics(role, "Role"),
        "",
        "![confusion matrix](confusion.png)",
        "",
        "![reliability](calibration.png) ![coverage](coverage.png)",
    ]
    if "seniority" in result:
        lines += ["", render_metrics(result["seniority"], "Seniority")]
    return "\n".join(lines) + "\n"


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def number_or_na(value: float | None) -> str:
    """A metric with three decimals, or 'n/a' where it could not be computed."""
    return "n/a" if value is None else f"{value:.3f}"


def write_report(result: dict, directory: Path, source: str, ids: list[str] | None = None) -> Path:
    """Write report.md, metrics.json, predictions.csv and the three plots of an evaluation.

    predictions.csv holds ids and labels only, never posting text, so a
    report on someone else's postings can be shared without their words.
    """
    from classifier import plots

    directory.mkdir(parents=True, exist_ok=True)
    columns = {"id": ids or list(range(1, result["n"] + 1)), "predicted_role": result["predictions"]}
    if "seniority_predictions" in result:
        columns["predicted_seniority"] = result["seniority_predictions"]
    pd.DataFrame(columns).to_csv(directory / "predictions.csv", index=False)
    metrics = {key: value for key, value in result.items() if not key.endswith("predictions")}
    (directory / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    plots.confusion_png(result["role"], directory / "confusion.png", f"Role confusion on {Path(source).name}")
    plots.calibration_png(result["calibration"], directory / "calibration.png")
    plots.coverage_png(result["coverage"], result["uncertain"]["threshold"], directory / "coverage.png")
    report = directory / "report.md"
    report.write_text(render_evaluation(result, source), encoding="utf-8")
    return report
