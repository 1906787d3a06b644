"""API errors: one JSON shape, ``{"error": {"code", "message"}}``, for every failure.

Clients can rely on it: validation failures (422), oversized input (413) and
unexpected faults (500) all answer in this shape, with a message that says
what to fix.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Receive, Scope, Send

from classifier.errors import DataError


class ApiError(Exception):
    """An error with its HTTP status, stable code and message for the client."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def error_response(status: int, code: str, message: str) -> JSONResponse:
    """The JSON error body every failure uses."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


async def send_error(
    scope: Scope, receive: Receive, send: Send, status: int, code: str, message: str, close: bool = False
) -> None:
    """Send the same error body straight over ASGI, for middleware that answers instead of the app.

    ``close`` asks the server to close the connection afterwards.
    """
    response = error_response(status, code, message)
    if close:
        response.headers["connection"] = "close"
    await response(scope, receive, send)


def _where(location: tuple) -> str:
    """('body', 'postings', 1, 'description') -> 'postings[1].description'."""
    text = ""
    for part in location[1:] if location[:1] == ("body",) else location:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "body"


def _is_blank_description(error: dict) -> bool:
    return error.get("type") == "string_pattern_mismatch" and error.get("loc", ())[-1:] == ("description",)


def validation_response(exc: RequestValidationError) -> JSONResponse:
    """422 naming each bad field; a blank description gets its own code and plain advice."""
    errors = exc.errors()
    if errors and all(_is_blank_description(e) for e in errors):
        where = _where(tuple(errors[0]["loc"]))
        return error_response(422, "empty_description", f"{where} is empty; paste the text of the job ad")
    parts = [f"{_where(tuple(e.get('loc', ())))}: {e.get('msg', 'invalid')}" for e in errors]
    return error_response(422, "invalid_request", "; ".join(parts) or "the request is not valid")


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through :func:`error_response`."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(DataError)
    async def data_error(request: Request, exc: DataError) -> JSONResponse:
        return error_response(422, "bad_file", str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return validation_response(exc)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        return error_response(500, "internal_error", "an unexpected error occurred; it has been logged")
