"""Content that once crashed a run or cascaded into unrelated errors: each is a diagnostic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, copy_tree, run_cli


def _codes(root: Path) -> list[tuple[str, int, int, str]]:
    result = run_cli("validate", "--format", "json", "--root", str(root))
    assert result.code in (0, 1), result
    data = json.loads(result.out)
    return [(d["path"], d["line"], d["column"], d["code"]) for d in data["diagnostics"]]


def _sample(tmp_path: Path, code: str, kind: str) -> Path:
    return copy_tree(FIXTURES / code / kind, tmp_path / "repo")


# Two articles with one slug -------------------------------------------------------------


def test_a_copied_article_is_one_error_naming_both_files(tmp_path: Path) -> None:
    root = _sample(tmp_path, "SER013", "fail")
    result = run_cli("validate", "--root", str(root))
    assert result.code == 1, result
    assert "content/demo/03-hai.md:1:1: error SER013" in result.out
    assert "content/demo/02-hai.md" in result.out
    assert "Traceback" not in result.err


def test_every_graph_format_renders_with_a_shared_slug(tmp_path: Path) -> None:
    root = _sample(tmp_path, "SER013", "fail")
    for fmt in ("json", "mermaid", "dot"):
        result = run_cli("graph", "--root", str(root), "--format", fmt)
        assert result.code == 0, result
    nodes = json.loads(run_cli("graph", "--root", str(root), "--format", "json").out)["nodes"]
    assert [n["slug"] for n in nodes] == ["mot", "hai"]


# One broken article, one diagnostic -----------------------------------------------------

BREAKAGES = {
    "invalid value": lambda text: text.replace("readingTime: 1", 'readingTime: "abc"'),
    "YAML syntax": lambda text: text.replace('title: "', 'title: ["', 1),
    "missing front matter": lambda text: text.split("---\n", 2)[2],
}


@pytest.mark.parametrize("kind", [*BREAKAGES, "not UTF-8"])
def test_a_broken_article_is_reported_on_itself_only(tmp_path: Path, kind: str) -> None:
    root = _sample(tmp_path, "SER009", "pass")  # tiers name both articles; 02 cites bài 1
    article = root / "content/demo/01-mot.md"
    if kind == "not UTF-8":
        article.write_bytes(article.read_bytes() + b"\xff")
    else:
        article.write_text(BREAKAGES[kind](article.read_text(encoding="utf-8")), encoding="utf-8")
    found = _codes(root)
    assert found, kind
    assert {path for path, *_ in found} == {"content/demo/01-mot.md"}, found
