"""Saving and loading models with skops: a model file is data, never code.

A pickle or joblib file runs whatever code it names when loaded, so a model
downloaded from a colleague or a forum is an attack. skops files list the
types they hold; :func:`load_model` refuses any type beyond the standard
scikit-learn/numpy ones skops trusts and the few classes of ours the
model is made of (listed in :data:`TRUSTED_TYPES`). Those are our own
code, already imported; the file only fills in their fitted numbers.

A ``.sha256`` file written beside the model at save time is checked on load
when present, so a truncated copy or an edited file is caught before use.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import skops.io as sio

from classifier import __version__
from classifier.dataset import file_sha256
from classifier.errors import ModelFileError
from classifier.model import TrueRoleClassifier

# Where `truerole train` writes and `truerole serve` reads unless told otherwise.
DEFAULT_MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "truerole.skops"

# Our own classes inside a saved model, and why each is there.
TRUSTED_TYPES: tuple[str, ...] = (
    "classifier.model.TrueRoleClassifier",  # the estimator itself
    "classifier.text.TextCleaner",  # text preparation step of the feature pipeline
    "classifier.features.CompactTfidfVectorizer",  # TF-IDF with a compactly saved vocabulary
    "classifier.seniority.SeniorityCues",  # years asked for and title level, for seniority
)


def checksum_path(path: Path) -> Path:
    """Where the sha256 of a model file is kept: beside it, with ``.sha256`` appended."""
    return path.with_name(path.name + ".sha256")


def save_model(model: TrueRoleClassifier, path: str | Path) -> Path:
    """Write ``model`` to ``path`` atomically, with its sha256 beside it.

    The file appears under its final name only once complete, so a crash
    mid-write never leaves a half model where the server would load it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created by skops like any file, so it gets the usual permissions (a mkstemp
    # file would stay readable by its owner alone, and a server running as
    # another user could not load it).
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        sio.dump(model, temporary, compression=zipfile.ZIP_DEFLATED)
        digest = file_sha256(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    checksum_path(path).write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return path


def load_model(path: str | Path, verify_checksum: bool = True) -> TrueRoleClassifier:
    """Load a model saved by :func:`save_model`, running nothing from the file.

    Raises :class:`ModelFileError` when the file is missing, is not a skops
    file, is truncated, does not match its recorded sha256, names any
    type outside skops' defaults and :data:`TRUSTED_TYPES`, or was made by
    another minor release of truerole.
    """
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"no model file at {path}; train one with `truerole train --out {path}`")
    if verify_checksum:
        _verify_checksum(path)
    try:
        untrusted = sio.get_untrusted_types(file=path)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ModelFileError(f"{path} is not a readable skops model file: {exc}") from exc
    unexpected = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unexpected:
        raise ModelFileError(
            f"refusing to load {path}: it contains types truerole does not trust: "
            f"{', '.join(unexpected)}. Nothing from the file was run."
        )
    try:
        model = sio.load(path, trusted=list(untrusted))
    except Exception as exc:  # skops raises many types for a damaged file
        raise ModelFileError(f"{path} could not be loaded: {type(exc).__name__}: {exc}") from exc
    if not isinstance(model, TrueRoleClassifier) or not hasattr(model, "metadata_"):
        raise ModelFileError(f"{path} holds a {type(model).__name__}, not a trained truerole model")
    _check_version(path, str(model.metadata_.get("truerole_version", "unknown")))
    return model


def _check_version(path: Path, made_by: str) -> None:
    """Refuse a model from another minor release: its fitted parts may not be the ones this code reads."""
    if made_by.split(".")[:2] != __version__.split(".")[:2]:
        raise ModelFileError(
            f"{path} was made by truerole {made_by}; this is truerole {__version__}, whose models are "
            f"built differently. Train a new one with `truerole train --out {path}` (or `make train`)."
        )


def _verify_checksum(path: Path) -> None:
    recorded_file = checksum_path(path)
    if not recorded_file.is_file():
        return
    recorded = recorded_file.read_text(encoding="utf-8").split()[0] if recorded_file.stat().st_size else ""
    actual = file_sha256(path)
    if recorded != actual:
        raise ModelFileError(
            f"{path} does not match its recorded sha256 in {recorded_file.name} "
            f"(recorded {recorded[:12]}..., file {actual[:12]}...): it is truncated or was changed"
        )
