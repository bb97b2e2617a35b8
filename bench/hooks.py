"""Timing the pre-commit hook set on the real series, in a temporary git repository.

Two numbers are reported: `pre-commit run --all-files` as a whole (pre-commit's own start-up
and file listing included), and each hook's own command run directly, the way pre-commit
runs it; the target applies to the sum of the pipeline hooks' commands.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.measure import REPO, compile_bytecode, run_process, summarise
from bench.repo import copy_repository, repository_files, stage_in_git

PRE_COMMIT = REPO / ".venv/bin/pre-commit"


@dataclass(frozen=True, slots=True)
class HookTimes:
    """Median seconds of the whole pre-commit run and of each hook's own command."""

    total: float
    total_code: int
    hooks: dict[str, float]
    pipeline_hooks: tuple[str, ...]
    exit_codes: dict[str, int]

    @property
    def pipeline_sum(self) -> float:
        """Seconds of the hooks that run `python -m pipeline`, added up."""
        return sum(self.hooks[name] for name in self.pipeline_hooks)


def available() -> bool:
    """Whether pre-commit and git are installed."""
    return PRE_COMMIT.exists() and shutil.which("git") is not None


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def _hooks(root: Path) -> list[dict[str, Any]]:
    config = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def _hook_argv(hook: dict[str, Any], python_files: list[str]) -> list[str]:
    argv = shlex.split(hook["entry"])
    if hook.get("pass_filenames", True) and "python" in hook.get("types", []):
        argv += python_files
    return argv


def time_hooks(repeat: int, source: Path = REPO) -> HookTimes:
    """Median times of the hook set over `repeat` runs (after one untimed run)."""
    with tempfile.TemporaryDirectory(prefix="bench-hooks-") as folder:
        root = copy_repository(Path(folder) / "repo", source)
        (root / ".venv").symlink_to(REPO / ".venv")
        compile_bytecode(root)
        stage_in_git(root, exclude=(".venv",))
        env = {**os.environ, "PRE_COMMIT_HOME": str(Path(folder) / "pre-commit-home")}
        env.pop("PRE_COMMIT", None)
        argv = [str(PRE_COMMIT), "run", "--all-files", "--color", "never"]
        run_process(argv, cwd=root, env=env)
        _git(root, "add", "-A")
        total = summarise([run_process(argv, cwd=root, env=env) for _ in range(repeat)])
        python_files = [name for name in repository_files(root) if name.endswith(".py")]
        hooks: dict[str, float] = {}
        codes: dict[str, int] = {}
        pipeline: list[str] = []
        for hook in _hooks(root):
            command = _hook_argv(hook, python_files)
            samples = [run_process(command, cwd=root) for _ in range(repeat)]
            hooks[hook["id"]] = statistics.median(s.wall for s in samples)
            codes[hook["id"]] = max(s.code for s in samples)
            if "-m pipeline" in hook["entry"]:
                pipeline.append(hook["id"])
        return HookTimes(total.median, max(total.codes), hooks, tuple(pipeline), codes)
