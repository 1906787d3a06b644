"""Plain-text reports of metrics, for the terminal and for Markdown files."""

from __future__ import annotations


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
            f"uncertain threshold (chosen from the held-out predictions): {metadata['uncertain_threshold']}",
        ]
    )
