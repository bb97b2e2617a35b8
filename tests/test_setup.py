"""The Makefile's setup: the Python version is checked first, a broken .venv is rebuilt,
and the pipeline's targets install no companion-code dependency."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _project(tmp_path: Path) -> Path:
    for name in ("Makefile", "pyproject.toml", "package.json", "package-lock.json"):
        shutil.copy(REPO / name, tmp_path / name)
    return tmp_path


def _fake_python(path: Path, version: str) -> Path:
    """An interpreter that says it is `version` and fails every check."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'#!/bin/sh\n[ "$1" = -V ] && {{ echo "Python {version}"; exit 0; }}\nexit 1\n')
    path.chmod(0o755)
    return path


def _make(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_an_old_python_gets_one_clear_message(tmp_path: Path) -> None:
    root = _project(tmp_path)
    old = _fake_python(tmp_path / "bin/python3.10", "3.10.12")
    done = _make(root, "validate", f"PYTHON={old}")
    assert done.returncode == 2
    assert done.stderr.startswith(
        f"error: this project needs Python 3.11 or newer, but {old} is Python 3.10.12;"
    )
    assert "make PYTHON=python3.11 validate" in done.stderr
    assert not (root / ".venv").exists()


def test_a_broken_venv_is_rebuilt(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _fake_python(root / ".venv/bin/python", "3.10.12")
    (root / ".venv/.stamp-pipeline").touch()
    plan = _make(root, "-n", "validate", f"PYTHON={sys.executable}").stdout.splitlines()
    rebuild = plan.index("rm -rf .venv")
    assert plan[rebuild + 1] == f"{sys.executable} -m venv .venv"


def test_a_working_venv_is_kept(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / ".venv/bin").mkdir(parents=True)
    (root / ".venv/bin/python").symlink_to(sys.executable)
    for group in ("pipeline", "dev", "code"):
        (root / f".venv/.stamp-{group}").touch()
    plan = _make(root, "-n", "validate").stdout.splitlines()
    assert plan == [".venv/bin/python -m pipeline validate"]


@pytest.mark.parametrize("target", ["build-metadata", "validate", "schema", "hooks"])
def test_pipeline_targets_install_no_companion_code(target: str, tmp_path: Path) -> None:
    root = _project(tmp_path)
    plan = _make(root, "-n", target, f"PYTHON={sys.executable}").stdout
    assert "pip install" in plan
    assert "[code]" not in plan and "torch" not in plan


def test_make_test_installs_the_cpu_build_of_pytorch(tmp_path: Path) -> None:
    plan = _make(_project(tmp_path), "-n", "test", f"PYTHON={sys.executable}").stdout
    assert "--extra-index-url https://download.pytorch.org/whl/cpu -e '.[code]'" in plan
    assert plan.rstrip().splitlines()[-2:] == [
        ".venv/bin/python -m pipeline validate",
        ".venv/bin/python -m pytest -q",
    ]
