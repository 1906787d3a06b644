"""Timeouts on a real `truerole serve`: stalled, slow and idle clients, and slow work."""

from __future__ import annotations

import http.client
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.api.conftest import serving

REQUEST_TIMEOUT = 0.2
HEADER_TIMEOUT = 4
KEEP_ALIVE = 1


@pytest.fixture(scope="module")
def strict_server(tiny_model_path: Path) -> Iterator[str]:
    with serving(
        tiny_model_path,
        request_timeout_seconds=str(REQUEST_TIMEOUT),
        header_timeout_seconds=str(HEADER_TIMEOUT),
        keep_alive_seconds=str(KEEP_ALIVE),
        max_batch_postings="1000",
    ) as base:
        yield base


def _connect(base: str) -> socket.socket:
    address = urlsplit(base)
    return socket.create_connection((address.hostname, address.port), timeout=HEADER_TIMEOUT + 10)


def _read_until_closed(sock: socket.socket) -> bytes:
    received = b""
    while chunk := sock.recv(65_536):
        received += chunk
    return received


def test_a_body_that_stops_arriving_gets_408_and_the_connection_closes(strict_server: str) -> None:
    with _connect(strict_server) as sock:
        sock.sendall(
            b"POST /v1/classify HTTP/1.1\r\nHost: test\r\ncontent-type: application/json\r\n"
            b"content-length: 500\r\n\r\n" + b'{"description": "own the'
        )
        answer = _read_until_closed(sock)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408")
    assert json.loads(body)["error"]["code"] == "request_timeout"


def test_work_that_takes_too_long_gets_503_in_the_error_shape(strict_server: str) -> None:
    postings = [{"title": "Product Owner", "description": "own the product backlog " * 120}] * 1_000
    response = httpx.post(f"{strict_server}/v1/classify/batch", json={"postings": postings}, timeout=60)
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "server_timeout"
    assert response.headers["connection"] == "close"
    # The abandoned work does not break the server.
    assert httpx.get(f"{strict_server}/v1/health", timeout=10).status_code == 200


def test_quick_requests_are_untouched(strict_server: str) -> None:
    posting = {"title": "Scrum Master", "description": "facilitate scrum events"}
    response = httpx.post(f"{strict_server}/v1/classify", json=posting, timeout=10)
    assert response.status_code == 200 and response.json()["role"]


@pytest.mark.parametrize("trickle", [b"", b"GET /v1/health HTTP/1.1\r\nHost: t\r\nX-Slow: "])
def test_a_connection_that_never_finishes_its_headers_is_closed(strict_server: str, trickle: bytes) -> None:
    with _connect(strict_server) as sock:
        sock.sendall(trickle)
        opened = time.monotonic()
        closed = False
        while time.monotonic() - opened < HEADER_TIMEOUT + 6:
            if trickle:
                try:
                    sock.sendall(b"a")
                except OSError:
                    closed = True
                    break
            sock.settimeout(0.5)
            try:
                if sock.recv(1024) == b"":
                    closed = True
                    break
            except TimeoutError:
                continue
    assert closed


def test_an_idle_keep_alive_connection_is_closed_after_its_timeout(strict_server: str) -> None:
    address = urlsplit(strict_server)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=HEADER_TIMEOUT + 10)
    connection.request("GET", "/v1/health")
    response = connection.getresponse()
    assert response.status == 200 and json.loads(response.read())["status"] == "ok"
    answered = time.monotonic()
    assert connection.sock.recv(1024) == b""
    assert time.monotonic() - answered < HEADER_TIMEOUT - 1
    connection.close()
