import copy
import pickle
import zipfile
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio

from classifier.errors import ModelFileError
from classifier.model import TrueRoleClassifier
from classifier.persistence import checksum_path, load_model, save_model
from tests.conftest import tiny_corpus


def test_round_trip_keeps_predictions(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    path = save_model(tiny_model, tmp_path / "m.skops")
    loaded = load_model(path)
    corpus = tiny_corpus(2)
    assert np.allclose(loaded.predict_proba(corpus), tiny_model.predict_proba(corpus))
    assert loaded.metadata_ == tiny_model.metadata_
    assert checksum_path(path).read_text().split()[0] != ""
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    (tmp_path / "plain").write_text("")
    assert path.stat().st_mode == (tmp_path / "plain").stat().st_mode  # usual permissions, not 0600


def test_missing_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="truerole train"):
        load_model(tmp_path / "absent.skops")


def test_changed_or_truncated_file_fails_its_checksum(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    path = save_model(tiny_model, tmp_path / "m.skops")
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(ModelFileError, match="sha256"):
        load_model(path)
    checksum_path(path).unlink()
    with pytest.raises(ModelFileError, match="not a readable skops model|could not be loaded"):
        load_model(path)


def test_foreign_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.skops"
    path.write_text("id,title\n1,x\n")
    with pytest.raises(ModelFileError, match="not a readable skops model"):
        load_model(path)


class _Payload:
    """Writes a marker file when unpickled: what a malicious model file would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "code ran"))


def test_pickle_that_runs_code_is_refused_without_running(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "m.skops"
    path.write_bytes(pickle.dumps(_Payload(marker)))
    with pytest.raises(ModelFileError):
        load_model(path)
    assert not marker.exists()


def test_skops_file_with_untrusted_types_is_refused(tmp_path: Path) -> None:
    import os

    path = tmp_path / "m.skops"
    sio.dump({"model": TrueRoleClassifier(), "hook": os.system}, path)
    with pytest.raises(ModelFileError, match="types truerole does not trust: .*system"):
        load_model(path)


def test_skops_file_of_another_object_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.skops"
    sio.dump([1, 2, 3], path, compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(ModelFileError, match="not a trained truerole model"):
        load_model(path)


def test_model_from_another_release_is_refused_with_advice(tmp_path: Path, tiny_model: TrueRoleClassifier) -> None:
    old = copy.deepcopy(tiny_model)
    old.metadata_ = {"truerole_version": "0.1.0"}
    path = save_model(old, tmp_path / "old.skops")
    with pytest.raises(ModelFileError, match=r"made by truerole 0\.1\.0.*truerole train --out"):
        load_model(path)
