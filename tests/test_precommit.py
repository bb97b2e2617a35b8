"""The real pre-commit runs our local hooks in a temporary git repository (offline)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO

PRE_COMMIT = REPO / ".venv/bin/pre-commit"
pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None, reason="needs git and the venv"
)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def _pre_commit(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home")}
    env.pop("PRE_COMMIT", None)
    return subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files", "--color", "never"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_hooks_block_broken_links_and_stale_outputs(sample: Callable[[str, str], Path]) -> None:
    root = sample("GEN001", "pass")
    shutil.copy(REPO / ".pre-commit-config.yaml", root)
    (root / ".venv").symlink_to(REPO / ".venv")
    (root / ".gitignore").write_text(".venv\nargs\nexpected.txt\n.cache/\n", encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    clean = _pre_commit(root)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    article = root / "content/demo/02-hai.md"
    original = article.read_text(encoding="utf-8")
    article.write_text(original + "\nXem [bài ba](03-ba.md).\n", encoding="utf-8")
    broken = _pre_commit(root)
    assert broken.returncode == 1
    assert "content/demo/02-hai.md:21:5: error LNK001 link target `03-ba.md` not found" in (
        broken.stdout
    )

    article.write_text(original + "\nThêm một câu.\n", encoding="utf-8")
    stale = _pre_commit(root)
    assert stale.returncode == 1
    assert "files were modified by this hook" in stale.stdout
    assert (
        "0 errors, 0 warnings in 4 files\nbuild: rewrote data/demo/metadata.json; stage them "
        "(`git add data/demo/metadata.json`) and commit again\n"
    ) in stale.stdout
    _git(root, "add", "-A")
    assert _pre_commit(root).returncode == 0


def test_hook_speaks_the_language_of_the_series(sample: Callable[[str, str], Path]) -> None:
    root = sample("GEN001", "pass")
    shutil.copy(REPO / ".pre-commit-config.yaml", root)
    (root / ".venv").symlink_to(REPO / ".venv")
    (root / ".gitignore").write_text(".venv\nargs\nexpected.txt\n.cache/\n", encoding="utf-8")
    config = root / "content/demo/series.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "lang: vi\n", encoding="utf-8")
    article = root / "content/demo/02-hai.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\nXem [bài ba](03-ba.md).\n", encoding="utf-8"
    )
    _git(root, "init", "-q")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    broken = _pre_commit(root)
    assert broken.returncode == 1
    assert (
        "content/demo/02-hai.md:21:5: error LNK001 không tìm thấy đích liên kết `03-ba.md`\n"
        "    gợi ý: ý bạn là `02-hai.md`?\n"
        "1 lỗi, 0 cảnh báo trong 4 tệp\n"
        "build: không ghi gì vì có lỗi ở trên\n"
    ) in broken.stdout, broken.stdout
