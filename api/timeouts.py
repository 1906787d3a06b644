"""Request timeouts: no client, slow or stalled, holds a connection for long.

Two clocks, because uvicorn keeps one connection idle as long as its client
likes and an ASGI app never sees a request whose headers are incomplete:

- :class:`HeaderDeadline`, on the connection: a request's headers must be in
  within ``header_timeout`` of the connection opening or of the previous
  answer, else the connection is closed. This stops clients that connect and
  say nothing, or trickle headers a byte at a time (slowloris).
- :class:`RequestTimeout`, ASGI middleware: the answer must start within
  ``seconds`` of the request arriving. If the client is still sending its
  body the answer is 408 ``request_timeout``; if the server is still working,
  503 ``server_timeout``. Either way the connection is closed. A streamed
  answer (the CSV route) is not cut once it has started.
"""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.auto import AutoHTTPProtocol

from api.errors import send_error


class HeaderDeadline(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
    """uvicorn's HTTP protocol, closing connections that do not deliver headers in time.

    Built by ``functools.partial(HeaderDeadline, header_timeout=...)`` and
    given to uvicorn as its ``http`` protocol. The deadline is re-armed after
    each answer; when it passes, the connection is closed unless a request's
    headers have arrived and its answer is under way.
    """

    def __init__(self, *args: Any, header_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timeout = header_timeout
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = self.loop.call_later(self._header_timeout, self._expire)

    def _expire(self) -> None:
        idle = self.cycle is None or self.cycle.response_complete
        if idle and not self.transport.is_closing():
            self.transport.close()


class RequestTimeout:
    """ASGI middleware: 408 or 503 when the answer has not started within ``seconds``.

    The route keeps running in the background until it ends (a thread cannot
    be stopped from outside); whatever it sends afterwards is dropped.
    """

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds
        self._abandoned: set[asyncio.Task] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        reading = False
        timed_out = False

        async def watched_receive() -> Message:
            nonlocal reading
            reading = True
            try:
                return await receive()
            finally:
                reading = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if timed_out:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        task = asyncio.ensure_future(self.app(scope, watched_receive, guarded_send))
        done, _ = await asyncio.wait({task}, timeout=self.seconds)
        if done or started:
            await task
            return
        timed_out = True
        task.cancel()
        self._abandon(task)
        await _answer_timeout(scope, receive, send, client_slow=reading, seconds=self.seconds)

    def _abandon(self, task: asyncio.Task) -> None:
        """Keep a reference until the task ends, and collect its outcome so nothing is logged as lost."""
        self._abandoned.add(task)

        def collected(finished: asyncio.Task) -> None:
            self._abandoned.discard(finished)
            if not finished.cancelled():
                finished.exception()

        task.add_done_callback(collected)


async def _answer_timeout(scope: Scope, receive: Receive, send: Send, client_slow: bool, seconds: float) -> None:
    if client_slow:
        status, code, message = 408, "request_timeout", f"the request body did not arrive within {seconds:g} s"
    else:
        status, code, message = 503, "server_timeout", f"no answer within {seconds:g} s; send less, or retry later"
    await send_error(scope, receive, send, status, code, message, close=True)
