"""The web page at ``/``: a person pastes a posting and sees what truerole says about it.

It is one static HTML file with inline CSS and JS that calls the public API
from the browser, so the page needs no build step, no template engine and
nothing from the internet, and shows exactly what an API client would get.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

_PAGE = files("api").joinpath("templates/index.html").read_text(encoding="utf-8")
# The browser itself then refuses anything but this server: no external script, style, font or fetch.
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
    "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


@router.get("/", response_class=HTMLResponse)
def index() -> HTMLResponse:
    """The page, read once at import: it never changes while the server runs."""
    return HTMLResponse(_PAGE, headers={"content-security-policy": _CSP})
