"""The web page in a real headless Chromium against a real `truerole serve`.

The in-process tests cannot run the page's JavaScript; this one proves a
person's path end to end: paste, submit, read the answer, upload a CSV and
download the result. It also takes the README's screenshots (see SCREENSHOTS_ENV).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# `make screenshots` points this at docs/ to refresh the README's pictures; a plain
# test run writes them to a temporary folder and leaves the repository alone.
SCREENSHOTS_ENV = "TRUEROLE_SCREENSHOTS"
# Debian's Chromium, never a browser downloaded by `playwright install`; flags keep it off the network.
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
MISLEADING = {
    "title": "Product Owner",
    "description": "We are looking for someone to manage project schedules, budgets and resources.\n"
    "Track milestones on Gantt charts and send weekly status reports to the steering committee.\n"
    "Manage vendors and risks. PMP required.",
}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium chromium-driver"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/")
    yield page
    page.close()


def test_misleading_title_is_flagged_with_highlighted_evidence(page: Page, server: str, tmp_path: Path) -> None:
    page.fill("#title", MISLEADING["title"])
    page.fill("#description", MISLEADING["description"])
    page.focus("#title")
    page.keyboard.press("Enter")  # a real form: submitting from the keyboard works
    expect(page.locator("#role-name")).to_have_text("Project Manager")
    expect(page.locator("#role-name")).to_be_focused()
    expect(page.locator("#mismatch")).to_have_text("The title says Product Owner, the text says Project Manager.")
    expect(page.locator("#posting mark").first).to_be_visible()
    marked = {" ".join(m.lower().split()) for m in page.locator("#posting mark").all_inner_texts()}
    evidence = httpx.post(f"{server}/v1/classify", json=MISLEADING, timeout=10).json()["evidence"]
    assert marked <= {e["term"] for e in evidence if e["field"] == "description"}
    assert page.locator("#alternatives li").count() == 3

    shots = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shots / "screenshot.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling
    page.screenshot(path=shots / "screenshot-mobile.png", full_page=True)
    assert (shots / "screenshot-mobile.png").read_bytes()[:4] == b"\x89PNG"


def test_empty_description_shows_the_api_error(page: Page) -> None:
    page.fill("#description", "   ")
    page.click("#classify-form button[type=submit]")
    expect(page.locator("#classify-status")).to_contain_text("description is empty")
    expect(page.locator("#result")).to_be_hidden()


def test_csv_upload_offers_the_classified_file(page: Page) -> None:
    csv = pd.DataFrame([MISLEADING, {"title": "", "description": "Facilitate sprint retrospectives."}])
    upload = {"name": "ads.csv", "mimeType": "text/csv", "buffer": csv.to_csv(index=False).encode()}
    page.set_input_files("#csv-file", upload)
    page.click("#csv-form button[type=submit]")
    link = page.locator("#csv-download")
    expect(link).to_have_text("Download ads.classified.csv")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "ads.classified.csv"
    result = pd.read_csv(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert {"predicted_role", "role_confidence", "title_mismatch", "evidence"} <= set(result.columns)
    assert result["predicted_role"].iloc[0] == "project_manager" and bool(result["title_mismatch"].iloc[0])
