import io
import pickle
import zipfile

import numpy as np
import skops.io as sio

from classifier.features import CompactTfidfVectorizer

_DOCS = [f"term{i} shared word{i % 7} and more" for i in range(3_000)]


def _fitted() -> CompactTfidfVectorizer:
    return CompactTfidfVectorizer(ngram_range=(1, 2)).fit(_DOCS)


def test_skops_round_trip_keeps_vocabulary_and_output() -> None:
    vectoriser = _fitted()
    loaded = sio.loads(sio.dumps(vectoriser), trusted=[CompactTfidfVectorizer.__module__ + ".CompactTfidfVectorizer"])
    assert loaded.vocabulary_ == vectoriser.vocabulary_
    assert np.array_equal(loaded.transform(_DOCS[:50]).toarray(), vectoriser.transform(_DOCS[:50]).toarray())


def _schema_nodes(vectoriser: CompactTfidfVectorizer) -> int:
    schema = zipfile.ZipFile(io.BytesIO(sio.dumps(vectoriser))).read("schema.json").decode()
    return schema.count('"__class__"')


def test_vocabulary_is_saved_as_one_value_not_a_node_per_term() -> None:
    small = CompactTfidfVectorizer(ngram_range=(1, 2)).fit(_DOCS[:3])
    large = _fitted()
    assert len(large.vocabulary_) > 100 * len(small.vocabulary_)
    assert _schema_nodes(large) == _schema_nodes(small)


def test_pickle_round_trip_for_worker_processes() -> None:
    vectoriser = _fitted()
    assert pickle.loads(pickle.dumps(vectoriser)).vocabulary_ == vectoriser.vocabulary_


def test_saving_leaves_the_fitted_vectoriser_whole() -> None:
    vectoriser = _fitted()
    sio.dumps(vectoriser)
    assert len(vectoriser.vocabulary_) > 6_000 and vectoriser.transform(_DOCS[:3]).nnz > 0
