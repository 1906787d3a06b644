"""The evaluation notebook runs from a clean kernel, so it cannot rot unnoticed."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "explore_and_evaluate.ipynb"


def _printed(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def test_notebook_runs_and_reports_metrics() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert not any(cell.get("outputs") for cell in notebook.cells), "commit the notebook without outputs"
    # execute() raises CellExecutionError on any failing cell. The timeout is per cell and
    # generous because training shares the machine with the rest of the suite.
    client = NotebookClient(notebook, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    printed = [_printed(cell) for cell in notebook.cells if cell.cell_type == "code"]
    metrics = next(text for text in printed if "Cross-validated role metrics" in text)
    assert "macro_f1" in metrics and "mismatch_accuracy" in metrics and "title only" in metrics
