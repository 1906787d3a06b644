"""Dependencies: the loaded model and the settings, injected into routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.config import Settings
from classifier.model import TrueRoleClassifier


def get_model(request: Request) -> TrueRoleClassifier:
    """The model loaded once at start-up by the app's lifespan."""
    return request.app.state.model


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    return request.app.state.settings


ModelDep = Annotated[TrueRoleClassifier, Depends(get_model)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
