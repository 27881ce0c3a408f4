"""Execute every notebook in notebooks/ on the bundled corpus; a failing cell fails the test.

The notebooks ingest the corpus into a temporary store themselves and assert
their key answers, so passing here means they run in a fresh clone.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PROBE = "import sys; print(sys.prefix)"


def test_the_three_notebooks_are_there():
    assert [p.name for p in NOTEBOOKS] == [
        "01_who_did_we_meet.ipynb", "02_network_analysis.ipynb", "03_sparql_and_export.ipynb"]


def test_notebooks_match_their_generator_and_hold_no_outputs():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_notebooks.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{path.name} holds outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a store named in the environment would replace the notebook's own temporary one
    monkeypatch.delenv("CITYTIES_STORE", raising=False)
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=600,
                                     resources={"metadata": {"path": str(tmp_path)}})
    started = time.monotonic()
    client.execute()  # raises CellExecutionError, naming the cell, on the first failing cell
    elapsed = time.monotonic() - started
    probe = "".join(o.get("text", "") for o in nb.cells[-1].outputs).strip()
    # the kernel must run in this venv, or the notebook tested another cityties
    assert probe == sys.prefix, f"the kernel ran in {probe}, the tests in {sys.prefix}"

    print(f"{path.name}: {elapsed:.1f} s")
