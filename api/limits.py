"""Request body limits, enforced before the body is read.

A client that sends 50 MB is refused from its ``Content-Length`` alone, and a
chunked upload is cut off as soon as it passes the limit, so no request can
make the server hold more than the limit in memory.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import send_error


class _TooLarge(Exception):
    pass


class BodySizeLimit:
    """ASGI middleware: 413 for bodies over ``max_bytes`` (``max_upload_bytes`` on upload paths)."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_upload_bytes: int, upload_paths: tuple[str, ...]) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_upload_bytes
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_upload_bytes if scope["path"] in self.upload_paths else self.max_bytes
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _refuse(scope, receive, send, limit)
            return
        received = 0
        too_large = False
        refused = False
        started = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    too_large = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # FastAPI turns a failed body read into its own 400; answer 413 instead.
            nonlocal refused, started
            if not too_large:
                started = started or message["type"] == "http.response.start"
                await send(message)
            elif not (refused or started):
                refused = True
                await _refuse(scope, receive, send, limit)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            if not (refused or started):
                await _refuse(scope, receive, send, limit)


async def _refuse(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    await send_error(scope, receive, send, 413, "body_too_large", f"request body over the {limit}-byte limit; send less")
