"""Printers keep one diagnostic on one line (or one table row), whatever its text holds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.commands.printers import PRINTERS
from pipeline.core.diagnostics import Diagnostic, Report, Severity
from pipeline.load.changes import Change, render_summary

Sample = Callable[[str, str], Path]
_BREAKS = "a\nb\r\nc\rd\x0be\x0cf\x1cg\x85h\u2028i\u2029j"
_NASTY = Diagnostic(
    f"content/x|{_BREAKS}.md", 3, 4, "FM001", Severity.ERROR, f"one | two {_BREAKS}", _BREAKS
)
_REPORT = Report.of([_NASTY], 1)


def test_text_keeps_a_diagnostic_and_its_hint_on_one_line_each() -> None:
    out = PRINTERS["text"](_REPORT)
    lines = out.splitlines()
    assert len(lines) == 3, out
    escaped = r"a\nb\r\nc\rd\x0be\x0cf\x1cg\x85h\u2028i\u2029j"
    assert lines[0] == f"content/x|{escaped}.md:3:4: error FM001 one | two {escaped}"
    assert lines[1] == f"    hint: {escaped}"


def test_github_keeps_one_annotation_per_line() -> None:
    out = PRINTERS["github"](_REPORT)
    assert out.count("\n") == 1 and out.startswith("::error file=content/x|a%0Ab%0D%0Ac")


def test_json_keeps_the_text_as_it_is() -> None:
    document = json.loads(PRINTERS["json"](_REPORT))
    assert document["diagnostics"][0]["message"] == f"one | two {_BREAKS}"


@pytest.mark.parametrize("changes", [[], [Change("M", _NASTY.path, _NASTY.path)]])
def test_summary_keeps_one_table_row_per_diagnostic(changes: list[Change]) -> None:
    out = render_summary(_REPORT, changes, "main")
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert len(rows) == 3 + (3 if changes else 0), out
    problem = rows[-1]
    cells = problem.replace("\\|", "").split("|")
    assert len(cells) == 6, problem
    assert r"one \| two a\nb\r\nc\rd" in problem


def test_summary_keeps_a_broken_link_on_one_list_item() -> None:
    broken = _NASTY._replace(code="LNK001")
    out = render_summary(Report.of([broken], 1), [], "main")
    items = [line for line in out.splitlines() if line.startswith("- ")]
    assert items == [
        r"- `content/x\|a\nb\r\nc\rd\x0be\x0cf\x1cg\x85h\u2028i\u2029j.md:3` one | two "
        r"a\nb\r\nc\rd\x0be\x0cf\x1cg\x85h\u2028i\u2029j"
    ]


def _run_in(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "CI": "true"}
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, env=env, check=False
    )


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_cp1252_console_gets_the_report_without_a_traceback(
    sample: Sample, fmt: str, command: str
) -> None:
    root = str(sample("LNK002", "fail"))
    done = _run_in("cp1252", command, "--root", root, "--format", fmt)
    assert done.returncode == 1 and b"Traceback" not in done.stderr, done.stderr
    same = _run_in("utf-8", command, "--root", root, "--format", fmt)
    if fmt == "text":
        escaped = same.stdout.decode("utf-8").encode("cp1252", "backslashreplace")
        assert done.stdout == escaped and b"\\u1edb" in done.stdout
    else:
        assert done.stdout == same.stdout and "giới".encode() in done.stdout
