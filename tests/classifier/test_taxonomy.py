import pytest

from classifier.taxonomy import OTHER, ROLE_VALUES, ROLES, SENIORITY_VALUES, describe


def test_labels_follow_the_labelling_guide() -> None:
    assert len(ROLE_VALUES) == 10 and OTHER in ROLE_VALUES
    assert SENIORITY_VALUES == ("entry", "mid", "senior", "leadership")
    assert all(label.name and label.definition.endswith(".") for label in ROLES)


def test_describe_names_the_allowed_labels_when_unknown() -> None:
    assert describe("scrum_master").name == "Scrum Master"
    with pytest.raises(KeyError, match="product_owner"):
        describe("po")
