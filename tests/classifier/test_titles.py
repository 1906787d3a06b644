import pytest

from classifier.titles import title_role


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Senior Product Owner", "product_owner"),
        ("Product Marketing Manager", "product_marketing_manager"),
        ("Senior Product Manager, Payments", "product_manager"),
        ("IT Project Manager (Contract)", "project_manager"),
        ("Programme Manager", "program_manager"),
        ("Commercial Banking Portfolio Manager II", "program_manager"),
        ("Scrum Master", "scrum_master"),
        ("ScrumMaster / Agile Coach", "scrum_master"),
        ("Release Train Engineer", "agile_coach"),
        ("Sr. Business Systems Analyst", "business_analyst"),
        ("UX/UI Designer", "ux_designer"),
        ("Project Manager / Product Owner", "project_manager"),
        ("Product Owner / Project Manager", "product_owner"),
        ("Digital Lead", None),
        ("Product Director", None),
        ("Systems Analyst", None),
        ("", None),
        (None, None),
    ],
)
def test_title_role(title: str | None, role: str | None) -> None:
    assert title_role(title) == role
