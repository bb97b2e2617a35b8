"""End-to-end CLI: every subcommand, every output format, every exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

Sample = Callable[[str, str], Path]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate"], 0),
        (["build"], 0),
        (["build", "--check"], 0),
        (["graph", "--format", "json"], 0),
        (["new", "--title", "Bài mới", "--date", "2025-02-01"], 0),
        (["schema", "--check"], 1),
    ],
    ids=["validate", "build", "build-check", "graph", "new", "schema"],
)
def test_every_subcommand_dispatches(args: list[str], code: int, sample: Sample) -> None:
    root = sample("GEN001", "pass")
    result = run_cli(*args, "--root", str(root))
    assert result.code == code, result


def test_text_format_is_exact(sample: Sample) -> None:
    result = run_cli("validate", "--root", str(sample("LNK002", "fail")))
    assert result.code == 1
    assert result.out == (
        "content/demo/02-hai.md:21:5: error LNK002 anchor #gioi-thieu not found in "
        "content/demo/01-mot.md\n"
        "    hint: did you mean `#giới-thiệu`?\n"
        "content/demo/02-hai.md:21:43: error LNK002 anchor #không-có not found in this file\n"
        "    hint: headings of the target: #hai\n"
        "2 errors, 0 warnings in 4 files\n"
    )


def test_json_format_is_exact(sample: Sample) -> None:
    result = run_cli(
        "validate", "--format", "json", "--lang", "en", "--root", str(sample("GR001", "fail"))
    )
    assert result.code == 1
    assert json.loads(result.out) == {
        "version": 1,
        "diagnostics": [
            {
                "path": "content/demo/02-hai.md",
                "line": 12,
                "column": 17,
                "code": "GR001",
                "severity": "error",
                "message": "unknown prerequisite `mott` in series `demo`",
                "hint": "did you mean `mot`?",
                "messageEn": "unknown prerequisite `mott` in series `demo`",
                "hintEn": "did you mean `mot`?",
            }
        ],
        "summary": {"errors": 1, "warnings": 0, "files": 4},
    }


def test_github_format_is_exact(sample: Sample) -> None:
    result = run_cli("validate", "--format", "github", "--root", str(sample("GR005", "fail")))
    assert result.code == 0
    assert result.out == (
        "::warning file=content/demo/03-ba.md,line=12,col=17,title=GR005::prerequisite `mot` "
        "is already implied by `hai`%0Ahint: remove `mot`\n"
    )


def test_strict_turns_warnings_into_errors(sample: Sample) -> None:
    root = str(sample("GR005", "fail"))
    assert run_cli("validate", "--root", root).code == 0
    assert run_cli("validate", "--strict", "--root", root).code == 1


def test_unknown_flag_is_a_usage_error() -> None:
    result = run_cli("validate", "--no-such-flag")
    assert result.code == 2
    assert "unrecognized arguments" in result.err


def test_missing_root_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("validate", "--root", str(tmp_path / "missing"))
    assert result.code == 2
    assert result.err == f"error: root {tmp_path / 'missing'} is not a folder\n"


def test_root_without_series_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("validate", "--root", str(tmp_path))
    assert result.code == 2
    assert "no series found" in result.err


def test_paths_limit_the_report_to_files_and_their_linkers(sample: Sample) -> None:
    root = sample("LNK001", "fail")
    only_roadmap = run_cli(
        "validate", "--root", str(root), str(root / "content/demo/00-roadmap.md")
    )
    assert only_roadmap.code == 0
    assert only_roadmap.out == "0 errors, 0 warnings in 4 files\n"
    own = run_cli("validate", "--root", str(root), str(root / "content/demo/02-hai.md"))
    assert own.code == 1
    assert "LNK001" in own.out


def test_path_outside_root_is_a_usage_error(sample: Sample, tmp_path: Path) -> None:
    result = run_cli("validate", "--root", str(sample("LNK001", "pass")), str(tmp_path))
    assert result.code == 2


def test_graph_formats(sample: Sample) -> None:
    root = str(sample("GR005", "pass"))
    mermaid = run_cli("graph", "--root", root).out
    assert mermaid.splitlines()[0] == "flowchart TD"
    assert "  a01 --> a02" in mermaid and "  a02 --> a03" in mermaid
    dot = run_cli("graph", "--format", "dot", "--root", root).out
    assert dot.startswith('digraph "demo" {') and '"hai" -> "ba";' in dot
    data = json.loads(run_cli("graph", "--format", "json", "--root", root).out)
    assert data["readingOrder"] == ["mot", "hai", "ba"]
    assert data["edges"] == [["mot", "hai"], ["hai", "ba"]]


def test_new_scaffolds_a_valid_article_and_refuses_to_overwrite(sample: Sample) -> None:
    root = sample("LNK001", "pass")
    args = ("new", "--title", "Đánh giá mô hình", "--after", "hai", "--date", "2025-03-01")
    first = run_cli(*args, "--root", str(root))
    assert first.code == 0, first
    created = root / "content/demo/03-danh-gia-mo-hinh.md"
    assert 'prerequisites: ["hai"]' in created.read_text(encoding="utf-8")
    assert "articleCount: 3" in (root / "content/demo/series.yaml").read_text(encoding="utf-8")
    assert run_cli("validate", "--root", str(root)).code == 0
    again = run_cli(*args, "--root", str(root))
    assert again.code == 1
    assert "already exists" in again.err


def test_new_checks_its_arguments_before_writing_anything(sample: Sample) -> None:
    root = sample("GR005", "fail")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    for bad in (
        ("--date", "21/03/2025"),
        ("--date", "2025-02-30"),
        ("--phase", "no-such-era"),
        ("--after", "no-such-article"),
    ):
        result = run_cli("new", "--title", "Bài mới", *bad, "--root", str(root))
        assert result.code == 2, result
        assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before
    date = run_cli("new", "--title", "Bài mới", "--date", "21/03/2025", "--root", str(root))
    assert (
        date.err == "error: --date 21/03/2025 is not a day written YYYY-MM-DD (e.g. 2025-03-21)\n"
    )


def test_new_writes_a_draft_and_prints_what_validate_prints_next(sample: Sample) -> None:
    root = sample("GR005", "fail")  # a warning elsewhere in the series stays in the summary
    made = run_cli("new", "--title", "CNN–LSTM và Show-and-Tell", "--root", str(root))
    assert made.code == 0, made
    text = (root / "content/demo/04-cnn-lstm-va-show-and-tell.md").read_text(encoding="utf-8")
    assert "\ndraft: true\n" in text and "\nTODO: " in text
    after = run_cli("validate", "--root", str(root))
    assert made.out == after.out and "GR005" in after.out
    assert run_cli("build", "--check", "--root", str(root)).code == 0
    path = root / "content/demo/04-cnn-lstm-va-show-and-tell.md"
    path.write_text(text.replace("\ndraft: true\n", "\n"), encoding="utf-8")
    assert (
        "error FM011 `excerpt` is still a placeholder"
        in run_cli("validate", "--root", str(root)).out
    )


@pytest.mark.parametrize(
    ("missing", "args"),
    [("yaml", ["validate", "--no-cache"]), ("pydantic", ["schema", "--check", "--no-cache"])],
)
def test_missing_dependency_is_one_line_and_exit_2(missing: str, args: list[str]) -> None:
    import subprocess
    import sys

    script = (
        f"import runpy, sys; sys.modules[{missing!r}] = None; "
        f"sys.argv = ['pipeline', *{args!r}]; "
        "runpy.run_module('pipeline', run_name='__main__')"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr == (
        f"error: the pipeline's dependency `{missing}` is not installed; run "
        "`make validate` (it creates .venv) and use .venv/bin/python\n"
    )
