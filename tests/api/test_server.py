"""A real `truerole serve` (uvicorn on loopback) over the model trained on the shipped corpus."""

from __future__ import annotations

import httpx

from classifier.taxonomy import ROLE_VALUES

README_EXAMPLE = {
    "title": "Product Owner",
    "description": "Manage project schedules, budgets and resources; track milestones on Gantt charts; "
    "weekly status reports; PMP required.",
}


def test_readme_example_flags_the_misleading_title(server: str) -> None:
    body = httpx.post(f"{server}/v1/classify", json=README_EXAMPLE, timeout=10).json()
    assert body["role"] == "project_manager"
    assert body["title_role"] == "product_owner"
    assert body["title_mismatch"] is True
    assert any(e["term"] in {"budgets", "schedules", "gantt", "status reports", "pmp"} for e in body["evidence"])


def test_matching_title_and_text_agree(server: str) -> None:
    posting = {
        "title": "Scrum Master",
        "description": "Facilitate the daily stand-up, sprint planning, reviews and retrospectives for two "
        "Scrum teams; remove impediments; coach the team on Kanban flow; PSM I required.",
    }
    body = httpx.post(f"{server}/v1/classify", json=posting, timeout=10).json()
    assert body["role"] == "scrum_master" and body["title_mismatch"] is False


def test_model_info_reports_training_and_labels(server: str) -> None:
    body = httpx.get(f"{server}/v1/model", timeout=10).json()
    assert [label["value"] for label in body["roles"]] == list(ROLE_VALUES)
    assert body["training_rows"] > 1000 and len(body["training_data_sha256"]) == 64
    assert 0 < body["cross_validation"]["role"]["macro_f1"] <= 1
    assert 0 < body["uncertain_threshold"] < 1


def test_oversized_body_is_refused_without_reading_it(server: str) -> None:
    def endless():
        chunk = b" " * 65_536
        for _ in range(800):  # 50 MB if the server read it all
            yield chunk

    response = httpx.post(
        f"{server}/v1/classify", content=endless(), headers={"content-type": "application/json"}, timeout=30
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body_too_large"
