"""Request and response models: the API's contract, documented field by field."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, Field

from classifier.model import Prediction, TrueRoleClassifier
from classifier.taxonomy import (
    ROLE_VALUES,
    ROLES,
    SENIORITIES,
    SENIORITY_VALUES,
    describe,
)

# JSON Schema patterns match anywhere: at least one character that is not white space.
# The ASCII separators \x1c-\x1f count as white space too, as they do for str.strip(),
# which the batch command uses; so a text refused there is refused here.
NOT_BLANK = r"[^\s\x1c-\x1f]"

RoleLabel = Enum("RoleLabel", {value: value for value in ROLE_VALUES}, type=str)
RoleLabel.__doc__ = "A role label; see GET /v1/model for definitions."
SeniorityLabel = Enum("SeniorityLabel", {value: value for value in SENIORITY_VALUES}, type=str)
SeniorityLabel.__doc__ = "A seniority label; see GET /v1/model for definitions."


class Posting(BaseModel):
    """One job posting as a person would paste it."""

    title: str | None = Field(None, description="The job title as advertised; optional but strong evidence.")
    description: str = Field(
        ...,
        pattern=NOT_BLANK,
        description="The full text of the ad (HTML is fine). Must contain more than white space.",
        examples=[
            "Manage project schedules, budgets and resources; weekly status reports; PMP required."
        ]
    )


class Alternative(BaseModel):
    """A role the posting could also be, with its probability."""

    role: RoleLabel = Field(..., description="An alternative role label.")
    probability: float = Field(..., ge=0, le=1, description="The model's probability for that role.")


class EvidenceItem(BaseModel):
    """A word or phrase of the posting that pushed toward the predicted role."""

    term: str = Field(..., description="The word or phrase, lower-cased as the model saw it.")
    field: str = Field(..., description="Where it was found: 'title' or 'description'.")
    weight: float = Field(
        ..., description="How hard it favoured the role over the runner-up: feature value x coefficient difference."
    )


class Classification(BaseModel):
    """What truerole says about one posting."""

    role: RoleLabel = Field(..., description="The role the posting's work describes.")
    role_name: str = Field(..., description="Human-readable name of the role.")
    role_definition: str = Field(..., description="One-line definition of the role from the labelling guide.")
    role_confidence: float = Field(..., ge=0, le=1, description="Probability of the predicted role.")
    alternatives: list[Alternative] = Field(..., description="The next three most probable roles.")
    uncertain: bool = Field(
        ..., description="True when role_confidence is below the model's uncertainty threshold: treat as a guess."
    )
    seniority: SeniorityLabel = Field(..., description="The seniority the work and experience asked for describe.")
    seniority_confidence: float = Field(..., ge=0, le=1, description="Probability of the predicted seniority.")
    title_role: RoleLabel | None = Field(
        ..., description="The role the title names by truerole's title rules; null when it names none."
    )
    title_mismatch: bool = Field(
        ..., description="True when the title names a different role than the text describes (and not uncertain)."
    )
    evidence: list[EvidenceItem] = Field(..., description="The words that pushed hardest toward the role.")

    @classmethod
    def from_prediction(cls, prediction: Prediction) -> Classification:
        label = describe(prediction.role)
        return cls(
            role=prediction.role,
            role_name=label.name,
            role_definition=label.definition,
            role_confidence=prediction.role_confidence,
            alternatives=[Alternative(role=r, probability=p) for r, p in prediction.alternatives],
            uncertain=prediction.uncertain,
            seniority=prediction.seniority,
            seniority_confidence=prediction.seniority_confidence,
            title_role=prediction.title_role,
            title_mismatch=prediction.title_mismatch,
            evidence=[EvidenceItem(term=e.term, field=e.field, weight=e.weight) for e in prediction.evidence],
        )


class BatchRequest(BaseModel):
    """Several postings classified in one call."""

    postings: list[Posting] = Field(..., description="The postings, at most the server's batch limit (1,000 by default).")


class BatchResponse(BaseModel):
    """Classifications in the order of the request's postings."""

    results: list[Classification] = Field(..., description="One classification per posting, same order.")


class Health(BaseModel):
    """Liveness and readiness."""

    status: str = Field(..., description="'ok' when the model is loaded and the server answers.")
    model_version: str = Field(..., description="truerole version that trained the loaded model.")


class LabelInfo(BaseModel):
    """A label with its meaning."""

    value: str = Field(..., description="The label as it appears in responses.")
    name: str = Field(..., description="Human-readable name.")
    definition: str = Field(..., description="One-line definition from the labelling guide.")


class ModelInfo(BaseModel):
    """The loaded model: where it came from and how well it did."""

    truerole_version: str = Field(..., description="truerole version that trained the model.")
    trained_at: str = Field(..., description="When the model was trained (ISO 8601, UTC).")
    training_rows: int = Field(..., description="Number of labelled postings it was trained on.")
    training_data_sha256: str = Field(..., description="sha256 of the training data files.")
    uncertain_threshold: float = Field(
        ..., description="Confidence below which predictions are flagged uncertain (the server's setting if overridden)."
    )
    temperature: float = Field(..., description="Divides the role scores before the softmax, to calibrate confidence.")
    roles: list[LabelInfo] = Field(..., description="Role labels with definitions.")
    seniorities: list[LabelInfo] = Field(..., description="Seniority labels with definitions.")
    cross_validation: dict = Field(..., description="Grouped cross-validated metrics from training.")

    @classmethod
    def from_model(cls, model: TrueRoleClassifier) -> ModelInfo:
        metadata = model.metadata_
        return cls(
            **{k: metadata[k] for k in ("truerole_version", "trained_at", "training_rows",
                                        "training_data_sha256", "cross_validation")},
            uncertain_threshold=model.uncertain_threshold,
            temperature=model.temperature,
            roles=[LabelInfo(value=l.value, name=l.name, definition=l.definition) for l in ROLES],
            seniorities=[LabelInfo(value=l.value, name=l.name, definition=l.definition) for l in SENIORITIES],
        )


class ErrorDetail(BaseModel):
    """What went wrong and what to do about it."""

    code: str = Field(..., description="Stable machine-readable code, e.g. 'posting_too_large'.")
    message: str = Field(..., description="What to fix, in plain words.")


class ErrorResponse(BaseModel):
    """The shape of every error the API returns."""

    error: ErrorDetail = Field(..., description="The error's code and message.")
