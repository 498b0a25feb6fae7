"""The example notebook runs end to end (a short day), so it cannot rot."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "rumour_analysis.ipynb"


@pytest.mark.slow
def test_rumour_notebook_runs_a_sweep_and_plots_the_spread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIMVERSE_NOTEBOOK_STEPS", "6")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(NOTEBOOK.parents[1]),
                                                                  os.environ.get("PYTHONPATH")])))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "9 cells finished, 0 failed" in text
    final = notebook.cells[-1].outputs[0]["data"]["text/plain"]
    assert "0.2" in final and "0.8" in final
