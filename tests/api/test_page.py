"""The web page at ``/``, in-process: it is served, has its form, and loads nothing from elsewhere."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_page_has_the_form_and_no_external_resources(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<form id="classify-form">' in page and '<button type="submit">' in page
    assert '<label for="description">' in page and 'aria-live="polite"' in page
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']//""", page)
    assert "connect-src 'self'" in response.headers["content-security-policy"]


def test_page_is_not_in_the_api_schema(client: TestClient) -> None:
    assert "/" not in client.get("/openapi.json").json()["paths"]
