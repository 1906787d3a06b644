"""The ``truerole`` command: train, classify a file, evaluate, serve the API.

Each subcommand is a thin shell over the library, so everything it does can
also be done from Python.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from classifier import __version__
from classifier.batch import OUTPUT_COLUMNS, classify_file, default_output
from classifier.card import render_model_card
from classifier.dataset import DEFAULT_DATA_PATH, DEFAULT_HOLDOUT_PATH, load_labelled
from classifier.errors import TrueRoleError
from classifier.evaluate import evaluate
from classifier.partial import completed_rows
from classifier.persistence import DEFAULT_MODEL_PATH, load_model, save_model
from classifier.report import render_cross_validation, write_report
from classifier.taxonomy import ROLES, SENIORITIES
from classifier.train import train

MODEL_ENV = "TRUEROLE_MODEL_PATH"


def _default_model() -> Path:
    return Path(os.environ.get(MODEL_ENV) or DEFAULT_MODEL_PATH)


def _labels_help() -> str:
    roles = "\n".join(f"  {label.value:<26} {label.definition}" for label in ROLES)
    levels = "\n".join(f"  {label.value:<26} {label.definition}" for label in SENIORITIES)
    return f"roles:\n{roles}\n\nseniority:\n{levels}"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_train(args: argparse.Namespace) -> int:
    model, _ = train(args.data, log=_log)
    print(render_cross_validation(model.metadata_))
    evaluations = {}
    for labelled in args.evaluate or ([DEFAULT_HOLDOUT_PATH] if DEFAULT_HOLDOUT_PATH.exists() else []):
        _log(f"evaluating on {labelled}")
        evaluations[labelled.name or str(labelled)] = evaluate(model, load_labelled(labelled, require_seniority=False))
    path = save_model(model, args.out)
    card = args.card or path.with_name("MODEL_CARD.md")
    card.write_text(render_model_card(model, evaluations), encoding="utf-8")
    print(f"\nmodel written to {path}; model card to {card}")
    return 0



def ensure_model(path: Path, data: Path = DEFAULT_DATA_PATH) -> Path:
    """Train a model into ``path`` from ``data`` if there is none yet."""
    if not path.exists():
        _log(f"no model at {path}: training one from {data} (takes about a minute)")
        model, _ = train(data, log=_log)
        save_model(model, path)
    return path


def cmd_classify(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    output = args.output or default_output(args.input)
    try:
        summary = classify_file(
            model,
            args.input,
            output,
            title_col=None if args.no_title else args.title_col,
            text_col=args.text_col,
            jobs=args.jobs,
            progress=False if args.quiet else None,
            resume=args.resume,
        )
    except (KeyboardInterrupt, SystemExit, OSError):
        done = completed_rows(output)
        if done:
            _log(f"truerole: stopped after {done} rows; nothing is under {output} yet. "
                 "Run the same command with --resume to continue from there.")
        raise
    print(summary.render(), file=sys.stderr)
    print(output)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    data = load_labelled(args.labelled, require_seniority=False)
    result = evaluate(model, data)
    report_dir = args.report or Path("reports") / args.labelled.stem
    ids = data["id"].tolist() if "id" in data.columns else None
    report = write_report(result, report_dir, str(args.labelled), ids)
    role, baseline = result["role"], result["title_baseline"]
    print(
        f"macro-F1 {role['macro_f1']:.3f} (title only {baseline['macro_f1']:.3f}); "
        f"accuracy {role['accuracy']:.3f} (title only {baseline['accuracy']:.3f}); "
        f"mismatch rows {role['mismatch_rows']}, accuracy on them {role['mismatch_accuracy'] or 0:.3f}"
    )
    if "seniority" in result:
        print(f"seniority accuracy {result['seniority']['accuracy']:.3f}")
    print(f"report: {report}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from api.config import Settings
    from api.server import serve

    os.environ[MODEL_ENV] = str(ensure_model(args.model))
    serve(Settings(), host=args.host, port=args.port, workers=args.workers)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="truerole",
        description="Say what job a posting is really for, whatever its title says.",
        epilog=_labels_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"truerole {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("train", help="cross-validate on labelled postings and write a model")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA_PATH,
                   help="labelled CSV/JSONL/Parquet file, or a folder of them (default: %(default)s)")
    p.add_argument("--out", type=Path, default=_default_model(), help="model file to write (default: %(default)s)")
    p.add_argument("--card", type=Path, help="model card to write (default: MODEL_CARD.md beside the model)")
    p.add_argument("--evaluate", type=Path, action="append", metavar="LABELLED",
                   help="labelled set to score and report in the card; repeatable (default: the holdout set)")
    p.set_defaults(run=cmd_train)

    p = commands.add_parser(
        "classify",
        help="classify every row of a CSV, JSONL or Parquet file",
        description="Appends these columns to every row: " + ", ".join(OUTPUT_COLUMNS),
    )
    p.add_argument("input", type=Path, help="file to classify (.csv, .jsonl, .ndjson or .parquet)")
    p.add_argument("-o", "--output", type=Path, help="output file, same format (default: INPUT.classified.EXT)")
    p.add_argument("--title-col", default="title", help="column holding the job title (default: %(default)s)")
    p.add_argument("--no-title", action="store_true", help="the file has no title column: use descriptions alone")
    p.add_argument("--text-col", default="description", help="column holding the posting text (default: %(default)s)")
    p.add_argument("--jobs", type=int,
                   help="worker processes (default: one per CPU core, at most 4, and one per 5,000-row chunk)")
    p.add_argument("--model", type=Path, default=_default_model(), help="model file (default: %(default)s)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run from its last finished chunk instead of starting again "
                        "(CSV and JSON Lines; refused if the input, model or options changed)")
    p.set_defaults(run=cmd_classify)

    p = commands.add_parser("evaluate", help="score a model on labelled postings against the title-only baseline")
    p.add_argument("labelled", type=Path, help="labelled CSV/JSONL/Parquet: title, description, role[, seniority]")
    p.add_argument("--model", type=Path, default=_default_model(), help="model file (default: %(default)s)")
    p.add_argument("--report", type=Path, help="folder for report.md, metrics.json and plots (default: reports/NAME)")
    p.set_defaults(run=cmd_evaluate)

    p = commands.add_parser(
        "serve",
        help="serve the HTTP API (trains a model first if there is none)",
        description="Limits and defaults also come from TRUEROLE_* environment variables (see the README).",
    )
    p.add_argument("--host", help="address to bind (default: TRUEROLE_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: TRUEROLE_PORT or 8000)")
    p.add_argument("--workers", type=int, help="server processes (default: TRUEROLE_WORKERS or 1)")
    p.add_argument("--model", type=Path, default=_default_model(), help="model file (default: %(default)s)")
    p.set_defaults(run=cmd_serve)
    return parser


def _exit_on_sigterm(signum: int, frame: object) -> None:
    """Turn SIGTERM into an exit that runs clean-up, so no temporary file is left behind."""
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``truerole`` console script."""
    args = build_parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        return args.run(args)
    except TrueRoleError as exc:
        print(f"truerole: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"truerole: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("truerole: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
