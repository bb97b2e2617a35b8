"""Git-ignored targets are reported from tracked articles only (LNK008, CODE006)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli

Sample = Callable[[str, str], Path]


def _git_init(top: Path, ignore: str) -> None:
    (top / ".gitignore").write_text(ignore, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=top, check=True, capture_output=True)


def _sample(sample: Sample) -> Path:
    root = sample("LNK008", "fail")
    (root / "gitignore").unlink()
    (root / "setup").unlink()
    return root


def test_articles_in_an_ignored_folder_report_no_ignored_targets(sample: Sample) -> None:
    root = _sample(sample)
    _git_init(root, "content/\ncode/\n")
    result = run_cli("validate", "--root", str(root))
    assert result.code == 0, result
    assert "LNK008" not in result.out and "CODE006" not in result.out


def test_a_series_inside_an_ignored_folder_of_the_repository(sample: Sample) -> None:
    top = _sample(sample).parent
    _git_init(top, "/LNK008-fail/\n")
    result = run_cli("validate", "--root", str(top / "LNK008-fail"))
    assert result.code == 0, result


def test_a_tracked_article_still_reports_ignored_targets(sample: Sample) -> None:
    root = _sample(sample)
    _git_init(root, "build/\ncode/\n")
    out = run_cli("validate", "--root", str(root)).out
    assert "02-hai.md:21:1: error LNK008 `build/hinh.png` is ignored by git" in out
    assert "02-hai.md:13:8: error CODE006 `code/demo/model.py` is ignored by git" in out
