"""The labels truerole predicts, with their names and meanings.

This is the single source of the label sets: training validation, the API's
enums, the CLI help and the README table all read from here. The wording
follows ``TAXONOMY.md``, the labelling guide the corpus was written with.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    """One label: its machine value, a human name and a one-line definition."""

    value: str
    name: str
    definition: str


ROLES: tuple[Label, ...] = (
    Label(
        "product_owner",
        "Product Owner",
        "Owns and orders one agile team's backlog (user stories, acceptance criteria, "
        "refinement) and represents stakeholders to that team day to day.",
    ),
    Label(
        "product_manager",
        "Product Manager",
        "Decides what to build and why: strategy, roadmap, market and customer "
        "discovery, pricing, launch and product metrics.",
    ),
    Label(
        "project_manager",
        "Project Manager",
        "Delivers a defined project on time, on budget and in scope: schedule, budget, "
        "milestones, risks, status reports, vendors.",
    ),
    Label(
        "program_manager",
        "Program Manager",
        "Coordinates several related projects or products toward one outcome, or "
        "oversees a portfolio of them against business strategy.",
    ),
    Label(
        "scrum_master",
        "Scrum Master",
        "Facilitates one or a few agile teams: runs the events, coaches the team, "
        "removes impediments; a servant leader, not the backlog owner.",
    ),
    Label(
        "agile_coach",
        "Agile Coach",
        "Guides agile adoption across many teams or a whole organisation, coaches "
        "leaders, works with scaled frameworks.",
    ),
    Label(
        "business_analyst",
        "Business Analyst",
        "Elicits, analyses and documents requirements and processes; the bridge is "
        "analytical, not ownership of the product.",
    ),
    Label(
        "product_marketing_manager",
        "Product Marketing Manager",
        "Positions and sells the product: messaging, launches, sales enablement, "
        "competitive intelligence.",
    ),
    Label(
        "ux_designer",
        "UX Designer",
        "Designs the user experience: research, flows, wireframes, prototypes and UI; "
        "includes product designers and UX researchers.",
    ),
    Label(
        "other",
        "Other",
        "Any other job: software engineer, QA, data scientist, sales, nurse, "
        "engineering manager, CTO, account manager and so on.",
    ),
)

SENIORITIES: tuple[Label, ...] = (
    Label(
        "entry",
        "Entry",
        "Junior, associate, graduate, intern or apprentice; 0-2 years; supports more "
        "senior colleagues.",
    ),
    Label(
        "mid",
        "Mid",
        "No level named, or 2-5 years; works independently on one product, team or project.",
    ),
    Label(
        "senior",
        "Senior",
        "Senior, lead, principal or staff; 5+ years; mentors others, owns a large scope "
        "or manages a few juniors.",
    ),
    Label(
        "leadership",
        "Leadership",
        "Head of, director, VP or chief; organisation-wide ownership; manages managers.",
    ),
)

ROLE_VALUES: tuple[str, ...] = tuple(label.value for label in ROLES)
SENIORITY_VALUES: tuple[str, ...] = tuple(label.value for label in SENIORITIES)
OTHER = "other"

_BY_VALUE = {label.value: label for label in ROLES + SENIORITIES}


def describe(value: str) -> Label:
    """Return the :class:`Label` for a role or seniority value.

    Raises ``KeyError`` naming the allowed values when ``value`` is unknown.
    """
    try:
        return _BY_VALUE[value]
    except KeyError:
        allowed = ", ".join(ROLE_VALUES + SENIORITY_VALUES)
        raise KeyError(f"unknown label {value!r}; allowed: {allowed}") from None
