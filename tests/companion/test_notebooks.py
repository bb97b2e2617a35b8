"""Every notebook is valid, stored without outputs, and runs: its code cells are executed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks" / "vlm"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_each_notebook_is_named_after_an_article() -> None:
    articles = {p.stem for p in (NOTEBOOKS.parents[1] / "content").glob("*/[0-9]*.md")}
    assert PATHS and {p.stem for p in PATHS} <= articles


def _code(path: Path) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    return "\n\n".join("".join(cell["source"]) for cell in cells)


def _run_outside(tmp_path: Path, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """The first notebook's code, copied into a folder outside any checkout and run there
    by a fresh interpreter (as Colab or a notebook saved elsewhere would)."""
    copy = tmp_path / "elsewhere" / PATHS[0].name
    copy.parent.mkdir()
    shutil.copy(PATHS[0], copy)
    script = prelude + _code(copy)
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=copy.parent,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )


def test_a_notebook_runs_outside_the_repository_with_the_package_installed(
    tmp_path: Path,
) -> None:
    done = _run_outside(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Gói vlm:")


def test_without_the_package_the_first_cell_says_what_to_do(tmp_path: Path) -> None:
    done = _run_outside(tmp_path, prelude="import sys\nsys.modules['vlm'] = None\n")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "ModuleNotFoundError: Không tìm thấy gói vlm: clone repo rồi chạy "
        '`pip install -e ".[code]"` ở thư mục gốc của nó, hoặc mở notebook từ trong repo.'
    )


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
