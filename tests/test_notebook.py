"""notebooks/explore.ipynb: committed without outputs, and runs top to bottom."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def test_notebook_is_committed_without_outputs():
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "the notebook has no code cells"
    for cell in code:
        assert cell.outputs == [], "strip outputs before committing (jupyter nbconvert " \
                                   "--clear-output --inplace notebooks/explore.ipynb)"
        assert cell.execution_count is None


def test_notebook_uses_only_the_public_api():
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "import geoconflict as gc" in source
    assert "from geoconflict." not in source and "gc._" not in source


@pytest.mark.skipif(
    any(importlib.util.find_spec(f"geoconflict.{m}") is None for m in ("extract", "maps")),
    reason="extraction or maps not available yet",
)
def test_notebook_runs_top_to_bottom(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    # The kernel is this interpreter (jupyter_client maps the "python3" kernel to
    # sys.executable); put its folder first on PATH for any other lookups.
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep
                       + os.environ.get("PATH", ""))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("<table" in h for h in html), "the incidents table is not shown"
    assert any("leaflet" in h.lower() or "iframe" in h.lower() for h in html), "no map shown"
    assert any("image/png" in o.get("data", {}) for o in outputs), "no chart drawn"
