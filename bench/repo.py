"""Copies of the repository to measure: the working tree, or a git revision.

Both include the package modules that git ignores or ignored (before 9f2c5b3, `.gitignore`'s
`build/` also matched `pipeline/build/`), because the pipeline cannot run without them.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from bench.measure import REPO

PACKAGES = ("pipeline", "schema")
_SKIP = (".git", ".venv", ".cache", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache")


def _git_files(repo: Path, *args: str) -> list[str] | None:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", *args], cwd=repo, check=True, capture_output=True
        ).stdout.decode("utf-8")
    except (OSError, subprocess.CalledProcessError):
        return None
    return sorted({name for name in listed.split("\0") if name and (repo / name).is_file()})


def _walk(repo: Path) -> list[str]:
    return sorted(
        p.relative_to(repo).as_posix()
        for p in repo.rglob("*")
        if p.is_file() and not any(part in _SKIP for part in p.relative_to(repo).parts)
    )


def ignored_package_files(repo: Path = REPO) -> list[str]:
    """Python files and compiled message catalogues inside the packages that git ignores
    (so neither commits nor archives hold them)."""
    found = _git_files(repo, "--others", "--ignored", "--exclude-standard", *PACKAGES) or []
    return [name for name in found if name.endswith((".py", ".mo"))]


def repository_files(repo: Path = REPO) -> list[str]:
    """Tracked files, untracked files that are not ignored, and ignored package modules."""
    listed = _git_files(repo, "--cached", "--others", "--exclude-standard")
    if listed is None:
        return _walk(repo)
    return sorted({*listed, *ignored_package_files(repo)})


def copy_repository(target: Path, repo: Path = REPO) -> Path:
    """Copy the repository's files (see `repository_files`) into `target`."""
    for name in repository_files(repo):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo / name, destination)
    return target


def stage_in_git(root: Path, exclude: tuple[str, ...] = ()) -> None:
    """Make `root` a git repository with every file staged, as an author's clone is: the
    pipeline asks git which existing link targets it ignores, and that costs time."""
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, capture_output=True)
    if exclude:
        (root / ".git/info/exclude").write_text("".join(f"{e}\n" for e in exclude), "utf-8")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, capture_output=True)


def extract_ref(ref: str, target: Path, repo: Path = REPO) -> Path:
    """The repository as of the git revision `ref` (`git archive`; git's state is not touched).

    Package modules that the revision's own `.gitignore` ignored are missing from it; each
    is taken from the first commit that tracks it (else the working tree), with a warning,
    so that the revision can run at all.
    """
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref], cwd=repo, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    for name in _ignored_by_snapshot(target, _package_modules(repo)):
        commit, data = _first_tracked(repo, name)
        print(f"warning: {name} is ignored at {ref}; taken from {commit}", file=sys.stderr)
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(data)
    return target


def _first_tracked(repo: Path, name: str) -> tuple[str, bytes]:
    """The first commit that adds `name` and the file's bytes there (else the working tree)."""
    added = subprocess.run(
        ["git", "log", "--diff-filter=A", "--reverse", "--format=%h", "--", name],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    if not added:
        return "the working tree", (repo / name).read_bytes()
    shown = subprocess.run(
        ["git", "show", f"{added[0]}:{name}"], cwd=repo, capture_output=True, check=True
    )
    return added[0], shown.stdout


def _package_modules(repo: Path) -> list[str]:
    return sorted(
        p.relative_to(repo).as_posix()
        for package in PACKAGES
        for p in (repo / package).rglob("*.py")
        if "__pycache__" not in p.parts
    )


def _ignored_by_snapshot(snapshot: Path, names: list[str]) -> list[str]:
    """The names missing from `snapshot` that its own `.gitignore` ignores."""
    missing = [name for name in names if not (snapshot / name).exists()]
    if not missing:
        return []
    subprocess.run(["git", "init", "-q"], cwd=snapshot, check=True, capture_output=True)
    try:
        listed = subprocess.run(
            ["git", "check-ignore", "--stdin"],
            cwd=snapshot,
            input="\n".join(missing),
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    finally:
        shutil.rmtree(snapshot / ".git")
    return listed.split()
