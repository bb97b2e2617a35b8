"""Shared fixtures: no network, and running the CLI in process."""

from __future__ import annotations

import contextlib
import io
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.cli import main

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never reach the network."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(autouse=True)
def _locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's locale never decides a test's language: `C` names none, so a
    sample repository gets English and this repository its configured default."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@dataclass(frozen=True)
class Result:
    """What a CLI run printed and returned."""

    code: int
    out: str
    err: str

    def __str__(self) -> str:
        return f"exit {self.code}\n--- stdout\n{self.out}--- stderr\n{self.err}"


def run_cli(*args: str) -> Result:
    """Run `python -m pipeline ARGS` in process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return Result(code, out.getvalue(), err.getvalue())


def run_python(script: str, *args: str) -> str:
    """Run `python -c script args` in a fresh interpreter from the repository; its stdout.

    For what only a new process shows, such as which modules a run imports. The cache is
    allowed (CI unset), as on an author's machine.
    """
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CI": ""},
    )
    return done.stdout


@pytest.fixture
def cli() -> Callable[..., Result]:
    """The in-process CLI runner."""
    return run_cli


def copy_tree(source: Path, target: Path) -> Path:
    """Lay out the sample repository of case folder `source` at `target`: the shared base
    with the case's overlay (tests/samples.py); symbolic links stay links."""
    from tests.samples import materialise

    return materialise(source, target)


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[Callable[[str, str], Path]]:
    """Lay out the sample repository `tests/fixtures/<CODE>/<kind>` (base + overlay) in a
    temporary folder and return it."""

    def make(code: str, kind: str) -> Path:
        return copy_tree(FIXTURES / code / kind, tmp_path / f"{code}-{kind}")

    yield make
