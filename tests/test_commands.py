"""The commands: explicit dispatch, one validation per `new`, `schema --check` as diagnostics."""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline import cli
from pipeline.commands import new
from pipeline.core.diagnostics import UsageError
from tests.conftest import REPO, run_cli

Sample = Callable[[str, str], Path]


def test_an_unknown_command_is_a_usage_error_not_a_default() -> None:
    with pytest.raises(UsageError, match="unknown command 'nope'"):
        cli._dispatch(argparse.Namespace(command="nope", root=Path("."), lang=None))


def test_new_validates_the_series_once(sample: Sample, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    original = new.validate_root

    def counted(root: Path, *args: Any, **kwargs: Any) -> Any:
        calls.append(root)
        return original(root, *args, **kwargs)

    monkeypatch.setattr(new, "validate_root", counted)
    root = sample("GEN003", "pass")
    result = run_cli("new", "--title", "Bài mới", "--date", "2025-02-01", "--root", str(root))
    assert result.code == 0, result
    assert len(calls) == 1
    assert run_cli("build", "--check", "--root", str(root)).code == 0


def test_schema_check_prints_diagnostics_like_every_command(tmp_path: Path) -> None:
    shutil.copy(REPO / "README.md", tmp_path / "README.md")
    assert run_cli("schema", "--no-cache", "--root", str(tmp_path)).code == 0
    assert run_cli("schema", "--check", "--no-cache", "--root", str(tmp_path)).out == ""
    (tmp_path / "docs/diagnostics.md").write_text("stale\n", encoding="utf-8")
    result = run_cli("schema", "--check", "--no-cache", "--root", str(tmp_path))
    assert result.code == 1
    assert result.out == (
        "docs/diagnostics.md:1:1: error GEN001 docs/diagnostics.md is out of date\n"
        "    hint: run `make schema` and commit the result\n"
        f"1 error, 0 warnings in {len(list(tmp_path.glob('schema/*.json'))) + 3} files\n"
    )
