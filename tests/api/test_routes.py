"""The routes' contract, in-process (TestClient) over a tiny model."""

from __future__ import annotations

import io

import pandas as pd
from fastapi.testclient import TestClient

from classifier import __version__
from classifier.taxonomy import ROLE_VALUES

BACKLOG = {"title": "Product Owner", "description": "Own the product backlog and write user stories."}


def _error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    return body["error"]


def test_classify_one(client: TestClient) -> None:
    response = client.post("/v1/classify", json=BACKLOG)
    assert response.status_code == 200
    body = response.json()
    assert body["role"] == "product_owner" and body["role_name"] == "Product Owner"
    assert body["title_role"] == "product_owner" and body["title_mismatch"] is False
    assert len(body["alternatives"]) == 3
    assert abs(body["role_confidence"] + sum(a["probability"] for a in body["alternatives"]) - 1) < 0.5
    assert body["evidence"] and body["seniority"] in {"entry", "mid", "senior", "leadership"}


def test_title_is_optional(client: TestClient) -> None:
    response = client.post("/v1/classify", json={"description": "facilitate scrum events and retrospectives"})
    assert response.status_code == 200 and response.json()["title_role"] is None


def test_empty_description_is_422_with_advice(client: TestClient) -> None:
    response = client.post("/v1/classify", json={"title": "PO", "description": " \n "})
    assert response.status_code == 422
    assert _error(response)["code"] == "empty_description"
    response = client.post("/v1/classify", json={"title": "PO"})
    assert response.status_code == 422 and "description" in _error(response)["message"]


def test_too_long_posting_is_413(client: TestClient) -> None:
    response = client.post("/v1/classify", json={"description": "backlog " * 300})
    assert response.status_code == 413
    error = _error(response)
    assert error["code"] == "posting_too_large" and "2000" in error["message"]


def test_body_over_the_limit_is_refused_before_parsing(client: TestClient) -> None:
    response = client.post("/v1/classify", content=b"{" + b" " * 60_000, headers={"content-type": "application/json"})
    assert response.status_code == 413 and _error(response)["code"] == "body_too_large"


def test_malformed_json_is_422(client: TestClient) -> None:
    response = client.post("/v1/classify", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and _error(response)["code"] == "invalid_request"


def test_batch_matches_single_results_in_order(client: TestClient) -> None:
    postings = [
        BACKLOG,
        {"description": "manage project schedule, budget and milestones"},
        {"title": "UX Designer", "description": "wireframes and usability testing in Figma"},
    ]
    batch = client.post("/v1/classify/batch", json={"postings": postings}).json()["results"]
    singles = [client.post("/v1/classify", json=p).json() for p in postings]
    assert batch == singles


def test_batch_limits(client: TestClient) -> None:
    response = client.post("/v1/classify/batch", json={"postings": [BACKLOG] * 6})
    assert response.status_code == 413 and _error(response)["code"] == "batch_too_large"
    response = client.post("/v1/classify/batch", json={"postings": [BACKLOG, {"description": ""}]})
    assert response.status_code == 422 and "postings[1]" in _error(response)["message"]


def test_csv_upload_comes_back_classified(client: TestClient) -> None:
    csv = "id,title,description\n1,Scrum Master,facilitate scrum events\n2,x,\n3,,own the backlog\n"
    response = client.post("/v1/classify/csv", files={"file": ("jobs.csv", csv, "text/csv")})
    assert response.status_code == 200
    assert 'filename="jobs.classified.csv"' in response.headers["content-disposition"]
    out = pd.read_csv(io.StringIO(response.text), keep_default_na=False)
    assert out["id"].tolist() == [1, 2, 3]
    assert out.loc[1, "error"] == "empty description" and out.loc[0, "predicted_role"] in ROLE_VALUES


def test_csv_upload_errors(client: TestClient) -> None:
    response = client.post("/v1/classify/csv", files={"file": ("a.csv", "id,text\n1,x\n", "text/csv")})
    assert response.status_code == 422 and "it has ['id', 'text']" in _error(response)["message"]
    response = client.post("/v1/classify/csv", files={"file": ("a.csv", "title,description\n", "text/csv")})
    assert response.status_code == 422 and _error(response)["code"] == "empty_file"
    big = "title,description\n" + "x,own the backlog\n" * 2_000
    response = client.post("/v1/classify/csv", files={"file": ("a.csv", big, "text/csv")})
    assert response.status_code == 413


def test_csv_upload_with_a_bad_row_deep_inside_is_422_not_a_cut_short_200(client: TestClient) -> None:
    csv = "title,description\n" + "a,b\n" * 3_000 + "a,b,extra,fields\n" + "a,b\n" * 10
    response = client.post("/v1/classify/csv", files={"file": ("a.csv", csv, "text/csv")})
    assert response.status_code == 422
    assert _error(response)["code"] == "bad_file" and "line 3002" in _error(response)["message"]


def test_health(client: TestClient) -> None:
    assert client.get("/v1/health").json() == {"status": "ok", "model_version": __version__}


def test_unknown_route_is_json_404(client: TestClient) -> None:
    response = client.get("/v2/nothing")
    assert response.status_code == 404 and _error(response)["code"] == "not_found"


def test_openapi_documents_every_field_and_error(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    ours = [name for name in schema["components"]["schemas"] if name not in {"HTTPValidationError", "ValidationError"}]
    for name in ours:
        component = schema["components"]["schemas"][name]
        for field, spec in component.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field} has no description"
    classify = schema["paths"]["/v1/classify"]["post"]["responses"]
    assert {"200", "413", "422"} <= set(classify)
    role_enum = schema["components"]["schemas"]["RoleLabel"]["enum"]
    assert role_enum == list(ROLE_VALUES)


def test_settings_can_override_the_uncertain_threshold(tiny_model_path) -> None:
    from api.config import Settings
    from api.main import create_app

    with TestClient(create_app(Settings(model_path=tiny_model_path, uncertain_threshold=0.999))) as strict:
        body = strict.post("/v1/classify", json=BACKLOG).json()
    assert body["uncertain"] is True and body["title_mismatch"] is False


def test_model_info_reports_the_threshold_in_force(trained_model_path) -> None:
    from api.config import Settings
    from api.main import create_app

    with TestClient(create_app(Settings(model_path=trained_model_path, uncertain_threshold=0.999))) as strict:
        info = strict.get("/v1/model").json()
    assert info["uncertain_threshold"] == 0.999 and info["temperature"] > 0


def test_empty_batch_gives_empty_results(client: TestClient) -> None:
    response = client.post("/v1/classify/batch", json={"postings": []})
    assert response.status_code == 200 and response.json() == {"results": []}
