"""How ``truerole serve`` runs the app: uvicorn with the settings' address, workers and timeouts."""

from __future__ import annotations

from functools import partial

import uvicorn

from api.config import Settings
from api.timeouts import HeaderDeadline


def serve(settings: Settings, host: str | None = None, port: int | None = None, workers: int | None = None) -> None:
    """Serve until stopped; ``host``, ``port`` and ``workers`` override the settings when given.

    Each worker builds its own app from the same ``TRUEROLE_*`` environment
    (uvicorn's ``--factory``), so settings must come from the environment.
    """
    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers or settings.workers,
        http=partial(HeaderDeadline, header_timeout=settings.header_timeout_seconds),
        timeout_keep_alive=settings.keep_alive_seconds,
        log_level="info",
    )
