"""The role a job title names, by a small ordered rule map of title phrases.

The title is strong evidence but not the answer (see ``TAXONOMY.md``), so this
map is used twice: as a feature-free baseline to beat, and to flag postings
whose text describes a different role from the one the title names.
"""

from __future__ import annotations

import re

# (pattern, role). Specific phrases come before the general ones they contain:
# "product marketing manager" must win over "product manager".
_TITLE_RULES: tuple[tuple[str, str], ...] = (
    (r"product marketing|\bpmm\b", "product_marketing_manager"),
    (r"product owner|\bpo\b|\bppo\b", "product_owner"),
    (r"scrum ?master", "scrum_master"),
    (r"agile coach|agile transformation coach|enterprise coach|release train engineer|\brte\b", "agile_coach"),
    (r"program(me)? (manager|director|lead)|portfolio (manager|director|lead)|\btpm\b|\bpgm\b", "program_manager"),
    (r"project (manager|director|lead|coordinator|management)|\bpmo\b", "project_manager"),
    (r"product manager|product management|chief product officer|\bcpo\b|\bapm\b", "product_manager"),
    (r"business (systems |process |data )?analyst|business analysis|\bba\b", "business_analyst"),
    (r"\bux\b|\bui\b|user experience|user researcher|product designer|interaction designer|experience designer|service designer", "ux_designer"),
)
_COMPILED = tuple((re.compile(pattern), role) for pattern, role in _TITLE_RULES)


def title_role(title: str | None) -> str | None:
    """Return the role label the title names, or ``None`` when it names none.

    When a title names two roles ("Project Manager / Product Owner") the phrase
    that comes first in the title wins, as readers weigh it that way.
    """
    if not title:
        return None
    text = title.lower()
    best: tuple[int, int, str] | None = None
    for order, (pattern, role) in enumerate(_COMPILED):
        match = pattern.search(text)
        if match and (best is None or (match.start(), order) < best[:2]):
            best = (match.start(), order, role)
    return best[2] if best else None
