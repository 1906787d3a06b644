"""The FastAPI application: settings, model loaded once, routes, error shape, limits, timeouts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.config import Settings
from api.errors import install_error_handlers
from api.limits import BodySizeLimit
from api.page import router as page_router
from api.routes import router
from api.timeouts import RequestTimeout
from classifier import __version__
from classifier.persistence import load_model


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app. ``truerole serve`` runs it with uvicorn's ``--factory``."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        model = load_model(settings.model_path)
        if settings.uncertain_threshold is not None:
            model.set_params(uncertain_threshold=settings.uncertain_threshold)
        app.state.model = model
        yield

    app = FastAPI(
        title="truerole",
        version=__version__,
        description="Reads a job posting and says what the job really is: role, seniority, "
        "confidence, the words that decided it, and whether the title names another role.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.include_router(router)
    app.include_router(page_router)
    install_error_handlers(app)
    app.add_middleware(
        BodySizeLimit,
        max_bytes=settings.max_json_bytes,
        max_upload_bytes=settings.max_upload_bytes,
        upload_paths=("/v1/classify/csv",),
    )
    app.add_middleware(RequestTimeout, seconds=settings.request_timeout_seconds)
    return app
