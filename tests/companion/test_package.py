"""Consistency of the companion package: article table, docstring style, one vision encoder."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import vlm
from vlm.clip.model import TinyVisionTransformer
from vlm.llava import train

PACKAGE = Path(vlm.__file__).parent
# `vlm.figures` draws the figures of every article, so it has no row of its own.
SUBPACKAGES = sorted(
    p.parent.name for p in PACKAGE.glob("*/__init__.py") if p.parent.name != "figures"
)


def _table() -> dict[str, str]:
    assert vlm.__doc__
    return dict(re.findall(r"^\s+(\d\d)\s+vlm\.(\w+)\s", vlm.__doc__, re.MULTILINE))


def test_article_table_lists_every_subpackage_once() -> None:
    table = _table()
    assert sorted(table.values()) == SUBPACKAGES


def test_subpackage_docstrings_name_their_article() -> None:
    for number, name in _table().items():
        doc = importlib.import_module(f"vlm.{name}").__doc__ or ""
        assert doc.startswith(f"Article {number}: "), name


def test_docstrings_use_inline_shapes_not_sections() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
                doc = ast.get_docstring(node) or ""
                assert not re.search(r"^\s*(Args|Returns):\s*$", doc, re.MULTILINE), path.name


def test_llava_reuses_the_series_vision_encoder() -> None:
    model = train.TinyLlava()
    assert isinstance(model.vision_encoder, TinyVisionTransformer)
    assert not [
        name
        for name, value in vars(train).items()
        if isinstance(value, type) and "Vision" in name and value.__module__ == train.__name__
    ]


def test_mypy_checks_the_companion_code() -> None:
    import tomllib

    config = tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    mypy = config["tool"]["mypy"]
    assert mypy["strict"] is True  # schema/ and pipeline/ stay strict
    assert {"schema", "pipeline", "code/vlm"} <= set(mypy["files"])
