"""Server settings, read from ``TRUEROLE_*`` environment variables.

Every limit has a safe default; the server binds to loopback unless told
otherwise, so starting it never exposes it to a network by accident.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from classifier.batch import MAX_POSTING_CHARS
from classifier.persistence import DEFAULT_MODEL_PATH


class Settings(BaseSettings):
    """Settings of the API server; each field ``x`` is read from ``TRUEROLE_X``."""

    model_config = SettingsConfigDict(env_prefix="TRUEROLE_", protected_namespaces=())

    model_path: Path = Field(DEFAULT_MODEL_PATH, description="skops model file to serve.")
    max_posting_chars: int = Field(
        MAX_POSTING_CHARS, gt=0, description="Longest title + description accepted, in characters (413 past it)."
    )
    max_batch_postings: int = Field(1_000, gt=0, description="Most postings in one batch request (413 past it).")
    max_json_bytes: int = Field(
        20 * 1024 * 1024, gt=0, description="Largest JSON request body, refused with 413 before it is read."
    )
    max_upload_bytes: int = Field(
        50 * 1024 * 1024, gt=0, description="Largest CSV upload, refused with 413 before it is read."
    )
    uncertain_threshold: float | None = Field(
        None, ge=0, le=1, description="Overrides the model's own uncertainty threshold when set."
    )
    request_timeout_seconds: float = Field(
        60.0, gt=0, description="Time from a request's arrival until its answer starts: 408 if the client is still "
        "sending its body, 503 if the server is still working. A streamed CSV answer is not cut once started.",
    )
    header_timeout_seconds: float = Field(
        10.0, gt=0, description="Time a connection has to deliver a request's headers, from opening or from the "
        "previous answer; then it is closed (stops idle and slowloris connections).",
    )
    keep_alive_seconds: int = Field(
        10, gt=0, description="How long an idle keep-alive connection stays open after an answer. Keep it above "
        "clients' own idle expiry (httpx: 5 s), so the client closes first and never sends on a closing socket.",
    )
    host: str = Field("127.0.0.1", description="Address `truerole serve` binds; loopback unless changed.")
    port: int = Field(8000, gt=0, lt=65536, description="Port `truerole serve` listens on.")
    workers: int = Field(1, gt=0, description="Server processes `truerole serve` starts.")
