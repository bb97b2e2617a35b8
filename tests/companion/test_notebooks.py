"""Every notebook is valid, stored without outputs, and runs: its code cells are executed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks" / "vlm"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_one_notebook_per_article() -> None:
    assert [p.name[:2] for p in PATHS] == [f"{n:02d}" for n in range(1, 15)]


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_runs_without_stored_outputs(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    code_cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert 3 <= len(code_cells) <= 8
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code_cells)
    monkeypatch.chdir(NOTEBOOKS)
    monkeypatch.setattr(sys, "path", list(sys.path))
    source = "\n\n".join("".join(cell["source"]) for cell in code_cells)
    exec(compile(source, path.name, "exec"), {"__name__": "__main__"})
    assert capsys.readouterr().out
