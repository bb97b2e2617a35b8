"""Content that once crashed a run or cascaded into unrelated errors: each is a diagnostic."""

from __future__ import annotations

import json
import os
import shutil
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


# Content that crashed a run -------------------------------------------------------------

TIMELINE = "\n<!-- BEGIN GENERATED timeline -->\n<!-- END GENERATED timeline -->\n"
BOX = "\n<!-- BEGIN GENERATED reading-box -->\n<!-- END GENERATED reading-box -->\n"


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("kind", ["draft", "roadmap"])
def test_a_prerequisite_that_is_not_published_is_left_out(tmp_path: Path, kind: str) -> None:
    root = _sample(tmp_path, "LNK001", "pass")  # 02-hai requires mot
    _edit(root, "content/demo/00-roadmap.md", "# Lộ trình demo\n", "# Lộ trình demo\n" + TIMELINE)
    _edit(root, "content/demo/02-hai.md", "# Hai\n", "# Hai\n" + BOX)
    if kind == "draft":
        _edit(root, "content/demo/01-mot.md", "order: 1\n", "order: 1\ndraft: true\n")
    else:
        _edit(root, "content/demo/02-hai.md", '["mot"]', '["mot", "roadmap"]')
    assert run_cli("build", "--root", str(root)).code == 0
    assert run_cli("validate", "--root", str(root)).code == 0
    assert run_cli("build", "--check", "--root", str(root)).code == 0
    metadata = json.loads((root / "data/demo/metadata.json").read_text(encoding="utf-8"))
    published = {a["slug"] for a in metadata["articles"]}
    hai = next(a for a in metadata["articles"] if a["slug"] == "hai")
    assert set(hai["prerequisites"]) <= published
    assert hai["prerequisites"] == ([] if kind == "draft" else ["mot"])


def test_deeply_nested_code_is_a_parse_error(tmp_path: Path) -> None:
    root = _sample(tmp_path, "LNK001", "pass")  # 02-hai lists code/demo/model.py::Model
    nested = "x = " + "-" * 300_000 + "1\n"
    (root / "code/demo/model.py").write_text("class Model:\n    pass\n" + nested, encoding="utf-8")
    assert _codes(root) == [("content/demo/02-hai.md", 13, 8, "CODE005")]


def test_a_notebook_with_a_huge_integer_is_invalid(tmp_path: Path) -> None:
    root = _sample(tmp_path, "LNK001", "pass")
    notebook = root / "notebooks/demo/02-hai.ipynb"
    data = notebook.read_text(encoding="utf-8")
    notebook.write_text(data.replace('"nbformat": 4', '"nbformat": 4' + "0" * 5000, 1), "utf-8")
    assert [code for *_, code in _codes(root)] == ["CODE004"]


def test_a_code_file_name_that_is_not_utf8_is_never_offered(tmp_path: Path) -> None:
    root = _sample(tmp_path, "LNK001", "pass")
    os.rename(
        root / "code/demo/model.py", os.path.join(os.fsencode(root), b"code/demo/mod\xe9l.py")
    )
    result = run_cli("validate", "--format", "json", "--root", str(root))
    assert result.code == 1, result
    assert [d["code"] for d in json.loads(result.out)["diagnostics"]] == ["CODE001"]
    result.out.encode("utf-8")  # no hint offers the name: it could not be printed


def test_a_series_folder_name_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    root = _sample(tmp_path, "LNK001", "pass")
    shutil.copytree(root / "content/demo", root / "content" / os.fsdecode(b"d\xe9mo"))
    assert _codes(root) == [("content/d\\xe9mo", 1, 1, "ENC005")]
