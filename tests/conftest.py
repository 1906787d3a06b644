"""Shared fixtures: a model trained once per run on the shipped corpus, and a tiny corpus."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from classifier import __version__
from classifier.dataset import DEFAULT_DATA_PATH
from classifier.model import TrueRoleClassifier
from classifier.persistence import save_model
from classifier.train import train

# A few words of work per role, enough for a model to tell them apart.
_WORK = {
    "product_owner": "own the product backlog, write user stories and acceptance criteria, refine in sprint planning",
    "product_manager": "set product vision and roadmap, run market research and customer discovery, pricing",
    "project_manager": "manage project schedule, budget and scope, milestones, RAID log, weekly status reports",
    "program_manager": "coordinate several related projects across teams, programme governance and dependencies",
    "scrum_master": "facilitate scrum events, remove impediments, coach the team, run retrospectives",
    "agile_coach": "lead agile transformation across the organisation, coach leaders, SAFe at scale",
    "business_analyst": "elicit requirements, write BRD, process mapping in BPMN, gap analysis, UAT support",
    "product_marketing_manager": "product positioning and messaging, launch campaigns, sales enablement",
    "ux_designer": "user research, wireframes and prototypes in Figma, usability testing, design system",
    "other": "write backend code in Java, fix production bugs, on-call rotation, code review",
}
_LEVELS = ("entry", "mid", "senior", "leadership")


def tiny_corpus(per_role: int = 4) -> pd.DataFrame:
    """A small labelled corpus: ``per_role`` postings of each role, varied a little."""
    rows = []
    for role, work in _WORK.items():
        for i in range(per_role):
            rows.append(
                {
                    "id": f"{role}-{i}",
                    "title": "" if i % 2 else role.replace("_", " ").title(),
                    "description": f"Posting {i} at company {i}. You will {work}. Team {i} is hiring.",
                    "role": role,
                    "seniority": _LEVELS[i % 4],
                    "company": f"{role}-company-{i}",
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="session")
def tiny_model() -> TrueRoleClassifier:
    """A model fitted on :func:`tiny_corpus`, for tests of mechanics rather than accuracy."""
    corpus = tiny_corpus()
    model = TrueRoleClassifier().fit(corpus, corpus)
    model.metadata_ = {"truerole_version": __version__}
    return model


@pytest.fixture(scope="session")
def trained_model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus trained once per run by :func:`train`, saved as `truerole train` saves it."""
    model, _ = train(DEFAULT_DATA_PATH)
    return save_model(model, tmp_path_factory.mktemp("model") / "truerole.skops")


@pytest.fixture(scope="session")
def trained_model(trained_model_path: Path) -> TrueRoleClassifier:
    from classifier.persistence import load_model

    return load_model(trained_model_path)
