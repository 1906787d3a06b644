"""The model card: what the model is for, what it learnt from, how well it does.

Written by ``truerole train`` from the training run's own numbers (the
cross-validation and any evaluation sets named on the command line), in the
fields of a Hugging Face model card, so no figure in it is typed by hand.
"""

from __future__ import annotations

from classifier.model import TrueRoleClassifier
from classifier.report import number_or_na
from classifier.taxonomy import ROLES, SENIORITIES


def _top_confusions(metrics: dict, n: int = 5) -> list[str]:
    labels, matrix = metrics["labels"], metrics["confusion"]
    pairs = [
        (count, labels[i], labels[j])
        for i, row in enumerate(matrix)
        for j, count in enumerate(row)
        if i != j and count
    ]
    return [f"{true} read as {predicted}: {count}" for count, true, predicted in sorted(pairs, reverse=True)[:n]]


def _evaluation_rows(evaluations: dict[str, dict]) -> list[str]:
    rows = [
        "| data | postings | macro-F1 | accuracy | mismatch rows | accuracy on them | title-only macro-F1 | seniority accuracy |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, result in evaluations.items():
        role, base = result["role"], result["title_baseline"]
        seniority = result.get("seniority", {}).get("accuracy")
        mismatch = role["mismatch_accuracy"]
        rows.append(
            f"| {name} | {result['n']} | {role['macro_f1']:.3f} | {role['accuracy']:.3f} | {role['mismatch_rows']} | "
            f"{number_or_na(mismatch)} | {base['macro_f1']:.3f} | {number_or_na(seniority)} |"
        )
    return rows


def render_model_card(model: TrueRoleClassifier, evaluations: dict[str, dict]) -> str:
    """Markdown model card for a trained ``model`` and its evaluation results by data name."""
    meta = model.metadata_
    cv = meta["cross_validation"]
    params = ", ".join(f"{k}={v}" for k, v in sorted(meta["params"].items()))
    evaluated = _evaluation_rows(evaluations) if evaluations else ["No evaluation set was given."]
    sources = {"cross-validation": {"role": cv["role"]}, **evaluations}
    confusions = [
        f"- {name}: " + ("; ".join(_top_confusions(result["role"])) or "no confusion")
        for name, result in sources.items()
    ]
    return "\n".join(
        [
            "---",
            "library_name: scikit-learn",
            "license: mit",
            "language: en",
            "tags: [text-classification, job-postings, tabular-text]",
            "---",
            "",
            "# Model card: truerole role and seniority classifier",
            "",
            f"truerole {meta['truerole_version']}, trained {meta['trained_at']} on {meta['training_rows']} postings "
            f"(data sha256 `{meta['training_data_sha256'][:16]}...`).",
            "",
            "## Intended use",
            "Read a job posting (title and text) and say which role the work describes, how senior it is, how sure "
            "the model is, which words decided it, and whether the title names a different role. For recruiters, "
            "job seekers, HR analysts and labour-market researchers classifying single ads or whole files.",
            "",
            "Not for: deciding on people (it reads ads, not candidates); ads in languages other than English; roles "
            "outside the taxonomy beyond lumping them into `other`.",
            "",
            "## Labels",
            "| role | meaning |",
            "|---|---|",
            *[f"| `{label.value}` | {label.definition} |" for label in ROLES],
            "",
            "| seniority | meaning |",
            "|---|---|",
            *[f"| `{label.value}` | {label.definition} |" for label in SENIORITIES],
            "",
            "## Model",
            "TF-IDF of title and description words (1-2 grams, separate fields) into a logistic regression per "
            "axis. The role the title names by truerole's title rules adds fixed log-odds (`title_prior`) to "
            "that role, so clear evidence in the text can overrule the title. The seniority regression also "
            "reads explicit cues: the years of experience the ad asks for (bucketed 0-2, 2-5, 5-8, 8+) and level "
            "words in the title and the description's opening. Parameters: " + params + ".",
            "",
            f"Role scores are divided by a temperature of {meta['temperature']:.3f}, fitted on the held-out "
            "predictions of cross-validation so that stated confidence matches accuracy (expected calibration "
            f"error {cv['calibration_error']['before']:.3f} before, {cv['calibration_error']['after']:.3f} after). "
            f"Predictions under confidence {meta['uncertain_threshold']} are flagged `uncertain` (the lowest "
            "confidence from which calibrated held-out predictions were right more often than wrong).",
            "",
            "## Training data",
            "`training_data/postings.csv`: postings written for this project, with misleading titles "
            "over-represented on purpose (see `training_data/README.md`).",
            "",
            "## Evaluation",
            f"Cross-validation ({cv['n_splits']} folds grouped by {cv['grouped_by']}): role macro-F1 "
            f"{cv['role']['macro_f1']:.3f}, accuracy {cv['role']['accuracy']:.3f}; seniority accuracy "
            f"{cv['seniority']['accuracy']:.3f}.",
            "",
            *evaluated,
            "",
            "Mismatch rows are postings whose title names another role or none; the title-only baseline gets "
            "none of them right.",
            "",
            "## Limitations and known confusions",
            "Most frequent confusions (true role read as predicted role: count):",
            "",
            *confusions,
            "- Seniority is the weaker axis: mid and senior are often confused, as ads rarely state the level.",
            "- The corpus is written, not scraped: real ads carry more repeated boilerplate.",
            "- `agile_coach` and `product_marketing_manager` are rare in real ads; their figures rest on few rows.",
            "",
            "## How to retrain",
            "`truerole train --data YOUR.csv --out models/yours.skops` with columns `title, description, role, "
            "seniority` (labels as above). Add `--evaluate LABELLED.csv` to put results on a labelled set in "
            "this card.",
            "",
        ]
    )
