"""Every diagnostic code has a failing and a passing sample repository with exact output.

A case folder holds only what differs from the shared base (tests/samples.py,
tests/fixtures/README.md). Set UPDATE_FIXTURES=1 to rewrite the expected files (then review
the diff).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.core.codes import RULES
from tests.conftest import FIXTURES, run_cli

CASES = sorted(
    (folder.parent.name, folder.name)
    for folder in FIXTURES.glob("*/*")
    if folder.is_dir() and folder.name in ("fail", "pass")
)


def _prepare(root: Path) -> None:
    """`setup` lists steps beyond the files: `git` makes a repository (a `gitignore` file
    becomes its `.gitignore`: stored under another name so that this repository's git does
    not apply it), `commit` commits everything, after which the files under `apply/` are laid
    over the tree (the change)."""
    if (root / "gitignore").exists():
        (root / "gitignore").rename(root / ".gitignore")
    renames = root / "rename"  # `path -> name with \xNN escapes`: a name git cannot hold portably
    if renames.exists():
        import codecs

        for line in renames.read_text(encoding="utf-8").splitlines():
            source, target = line.split(" -> ")
            name = codecs.escape_decode(target.encode("ascii"))[0]
            os.rename(root / source, os.path.join(os.fsencode(root), name))
        renames.unlink()
    setup = root / "setup"
    steps = setup.read_text(encoding="utf-8").split() if setup.exists() else []
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    if "git" in steps:
        subprocess.run([*git, "init", "-q"], cwd=root, check=True, capture_output=True)
    if "commit" in steps:
        subprocess.run([*git, "add", "-A"], cwd=root, check=True, capture_output=True)
        subprocess.run([*git, "commit", "-qm", "base"], cwd=root, check=True, capture_output=True)
        shutil.copytree(root / "apply", root, dirs_exist_ok=True)


def _observed(root: Path) -> str:
    _prepare(root)
    args = shlex.split((root / "args").read_text(encoding="utf-8"))
    result = run_cli(*args, "--root", str(root), "--lang", "en")
    return f"exit: {result.code}\n{result.out}"


@pytest.mark.parametrize(("code", "kind"), CASES, ids=[f"{c}-{k}" for c, k in CASES])
def test_sample_repository(code: str, kind: str, sample: Callable[[str, str], Path]) -> None:
    root = sample(code, kind)
    observed = _observed(root)
    expected_file = FIXTURES / code / kind / "expected.txt"
    if os.environ.get("UPDATE_FIXTURES"):
        expected_file.write_text(observed, encoding="utf-8")
    assert expected_file.exists(), f"missing {expected_file}"
    assert observed == expected_file.read_text(encoding="utf-8")
    if kind == "fail":
        assert f" {code} " in observed
        assert not observed.startswith("exit: 0")
    else:
        assert observed.startswith("exit: 0\n")
        assert f" {code} " not in observed


def test_every_code_has_both_samples() -> None:
    have = {code for code, _ in CASES}
    assert set(RULES) == have
    for code in RULES:
        assert (FIXTURES / code / "fail").is_dir() and (FIXTURES / code / "pass").is_dir()
