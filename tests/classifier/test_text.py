import numpy as np
import pytest

from classifier.text import TextCleaner, clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Job descriptionA leading insurer", "Job description A leading insurer"),
        ("work in sprints.Requirements5+ years", "work in sprints. Requirements 5+ years"),
        ("<ul><li>Backlog</li><li>Roadmap</li></ul>", "Backlog Roadmap"),
        ("R&amp;D &nbsp;team", "R&D team"),
        ("JavaScript, PowerPoint and LinkedIn stay whole", "JavaScript, PowerPoint and LinkedIn stay whole"),
        ("oneTwoThree and sprintsRequirements", "one Two Three and sprints Requirements"),
        ("apply at https://example.com/jobs/1 or jobs@example.com", "apply at or"),
        ("  many\n\n\tspaces  ", "many spaces"),
        ("e.g. Node.js in the U.S.", "e.g. Node.js in the U.S."),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize("value", [None, float("nan"), 3])
def test_non_text_cleans_to_empty(value: object) -> None:
    assert clean_text(value) == ""


def test_cleaner_accepts_series_lists_and_columns() -> None:
    cleaner = TextCleaner().fit(["x"])
    assert list(cleaner.transform(["a<b>b</b>"])) == ["a b"]
    assert list(cleaner.transform(np.array([["oneTwo"], ["x"]], dtype=object))) == ["one Two", "x"]
