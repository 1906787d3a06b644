"""The API's routes. Each one checks its input, calls ``classifier`` and shapes the answer."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from fastapi import APIRouter, File, Query, UploadFile
from fastapi.responses import StreamingResponse

from api.config import Settings
from api.deps import ModelDep, SettingsDep
from api.errors import ApiError
from api.schemas import (
    BatchRequest,
    BatchResponse,
    Classification,
    ErrorResponse,
    Health,
    ModelInfo,
    Posting,
)
from classifier.batch import classify_chunks, count_rows, read_chunks
from classifier.model import TrueRoleClassifier

router = APIRouter(prefix="/v1")

_ERRORS = {
    413: {"model": ErrorResponse, "description": "The posting, batch or body is over the server's limit."},
    422: {"model": ErrorResponse, "description": "The request is malformed or a description is empty."},
    408: {"model": ErrorResponse, "description": "The body did not arrive within the request timeout."},
    503: {"model": ErrorResponse, "description": "The answer did not start within the request timeout; retry later."},
}


def _check_posting(posting: Posting, settings: Settings, where: str = "") -> None:
    size = len(posting.description) + len(posting.title or "")
    if size > settings.max_posting_chars:
        raise ApiError(
            413,
            "posting_too_large",
            f"{where}posting has {size} characters; the limit is {settings.max_posting_chars}. "
            "Send the ad's own text without attachments or page chrome.",
        )


def _classify(model: TrueRoleClassifier, postings: list[Posting]) -> list[Classification]:
    frame = pd.DataFrame(
        {"title": [p.title or "" for p in postings], "description": [p.description for p in postings]}
    )
    return [Classification.from_prediction(p) for p in model.explain(frame)]


@router.post("/classify", response_model=Classification, responses=_ERRORS, summary="Classify one posting")
def classify(posting: Posting, model: ModelDep, settings: SettingsDep) -> Classification:
    """Predict the real role and seniority of one job posting, with confidence and evidence."""
    _check_posting(posting, settings)
    return _classify(model, [posting])[0]


@router.post(
    "/classify/batch", response_model=BatchResponse, responses=_ERRORS, summary="Classify up to 1,000 postings"
)
def classify_batch(request: BatchRequest, model: ModelDep, settings: SettingsDep) -> BatchResponse:
    """Classify several postings in one call; results come back in request order."""
    if len(request.postings) > settings.max_batch_postings:
        raise ApiError(
            413,
            "batch_too_large",
            f"{len(request.postings)} postings; the limit is {settings.max_batch_postings} per request. "
            "Split the batch, or use POST /v1/classify/csv or the truerole classify command.",
        )
    for i, posting in enumerate(request.postings):
        _check_posting(posting, settings, where=f"postings[{i}]: ")
    return BatchResponse(results=_classify(model, request.postings))


@router.post(
    "/classify/csv",
    responses={
        200: {"content": {"text/csv": {}}, "description": "The uploaded CSV with the prediction columns appended."},
        **_ERRORS,
    },
    response_class=StreamingResponse,
    summary="Classify a CSV file",
)
def classify_csv(
    model: ModelDep,
    settings: SettingsDep,
    file: UploadFile = File(..., description="A CSV with a header row and a description column."),
    title_col: str | None = Query("title", description="Column holding the job title; empty for none."),
    text_col: str = Query("description", description="Column holding the posting text."),
) -> StreamingResponse:
    """Upload a CSV and get it back, streamed, with every row classified (rows never dropped).

    The whole upload is parsed before the response starts, so a malformed row
    anywhere in it is a 422, never a 200 whose body stops short.
    """
    if count_rows(file.file, ".csv", title_col or None, text_col) == 0:
        raise ApiError(422, "empty_file", "the CSV has no rows; send a header row and at least one posting")
    chunks = classify_chunks(
        model,
        read_chunks(file.file, ".csv", chunk_rows=1_000),
        title_col=title_col or None,
        text_col=text_col,
        max_chars=settings.max_posting_chars,
    )
    first = next(chunks)
    name = Path(file.filename or "postings.csv").stem
    return StreamingResponse(
        _csv_text(first, chunks),
        media_type="text/csv",
        headers={"content-disposition": f'attachment; filename="{name}.classified.csv"'},
    )


def _csv_text(first: pd.DataFrame, rest: Iterator[pd.DataFrame]) -> Iterator[str]:
    buffer = io.StringIO()
    first.to_csv(buffer, index=False)
    yield buffer.getvalue()
    for chunk in rest:
        buffer = io.StringIO()
        chunk.to_csv(buffer, index=False, header=False)
        yield buffer.getvalue()


@router.get("/health", response_model=Health, summary="Is the server ready?")
def health(model: ModelDep) -> Health:
    """Answers 200 once the model is loaded."""
    return Health(status="ok", model_version=model.metadata_["truerole_version"])


@router.get("/model", response_model=ModelInfo, summary="The loaded model and its metrics")
def model_info(model: ModelDep) -> ModelInfo:
    """Version, training date and data hash, labels with definitions, and cross-validated metrics."""
    return ModelInfo.from_model(model)
