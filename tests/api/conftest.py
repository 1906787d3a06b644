"""API fixtures: an app over the tiny model in-process, and a real server over the trained model."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.config import Settings
from api.main import create_app
from classifier.model import TrueRoleClassifier
from classifier.persistence import save_model


@pytest.fixture(scope="session")
def tiny_model_path(tmp_path_factory: pytest.TempPathFactory, tiny_model: TrueRoleClassifier) -> Path:
    return save_model(tiny_model, tmp_path_factory.mktemp("tiny") / "tiny.skops")


@pytest.fixture
def client(tiny_model_path: Path) -> Iterator[TestClient]:
    settings = Settings(model_path=tiny_model_path, max_posting_chars=2_000, max_batch_postings=5,
                        max_json_bytes=50_000, max_upload_bytes=20_000)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(model_path: Path, **settings: str) -> Iterator[str]:
    """`truerole serve` as a user runs it, on a free loopback port, with ``TRUEROLE_*`` settings; yields its URL."""
    port = _free_port()
    env = {**os.environ, **{f"TRUEROLE_{name.upper()}": value for name, value in settings.items()}}
    process = subprocess.Popen(
        [sys.executable, "-m", "classifier.cli", "serve", "--port", str(port), "--model", str(model_path)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited: {process.stderr.read().decode()}")
        try:
            if httpx.get(f"{base}/v1/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("server did not become healthy in 60 s")
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def server(trained_model_path: Path) -> Iterator[str]:
    """A real server over the model trained on the shipped corpus."""
    with serving(trained_model_path, max_json_bytes=str(1024 * 1024)) as base:
        yield base
