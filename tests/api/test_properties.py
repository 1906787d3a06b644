"""Property-based checks of the API over arbitrary text (hypothesis), in-process."""

from __future__ import annotations

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

_TEXT = st.text(st.characters(codec="utf-8"), max_size=300)
_POSTING = st.fixed_dictionaries({"description": _TEXT}, optional={"title": st.one_of(st.none(), _TEXT)})
_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(posting=_POSTING)
@example(posting={"description": "\x1f"})  # blank to str.strip(), once accepted by the schema
def test_any_text_gets_an_answer_or_a_4xx_never_a_5xx(client: TestClient, posting: dict) -> None:
    response = client.post("/v1/classify", json=posting)
    assert response.status_code < 500
    if not posting["description"].strip():
        assert response.status_code == 422
        return
    assert response.status_code == 200
    body = response.json()
    total = body["role_confidence"] + sum(a["probability"] for a in body["alternatives"])
    assert 0 < total <= 1 + 1e-9
    assert client.post("/v1/classify", json=posting).json() == body


@_SETTINGS
@given(postings=st.lists(_POSTING.filter(lambda p: p["description"].strip()), min_size=1, max_size=4))
def test_batch_equals_single_results_in_order(client: TestClient, postings: list[dict]) -> None:
    batch = client.post("/v1/classify/batch", json={"postings": postings})
    assert batch.status_code == 200
    assert batch.json()["results"] == [client.post("/v1/classify", json=p).json() for p in postings]
