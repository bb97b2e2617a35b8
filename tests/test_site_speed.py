"""The site's shortcuts give the same results as the plain way."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.site.plan import TEXT_SOURCES
from pipeline.site.source import LEXERS, _lexer_for, definition_lines, symbol_line
from pipeline.site.write import finish, write_file

SOURCE = (
    "class Block:\n"
    "    def forward(self) -> int:\n"
    "        return 1\n"
    "\n"
    "def func_12(x):\n"
    "    pass\n"
    "async  def func_1(x):\n"
    "    pass\n"
    "\tclass  Inner: pass\n"
    "def func_1(): pass\n"
    "x = 'def hidden'\n"
    "def tên_việt(): pass\n"
)


def _searched(text: str, symbol: str) -> int | None:
    name = re.escape(symbol.rsplit(".", 1)[-1])
    pattern = f"^[ \\t]*(?:async[ \\t]+)?(?:def|class)[ \\t]+{name}\\b"
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def test_the_lexer_table_agrees_with_pygments_lookup_by_file_name() -> None:
    from pygments.lexers import get_lexer_for_filename
    from pygments.util import ClassNotFound

    assert set(LEXERS) == TEXT_SOURCES
    for suffix in sorted(TEXT_SOURCES):
        try:
            expected = type(get_lexer_for_filename(f"file{suffix}"))
        except ClassNotFound:
            expected = type(get_lexer_for_filename("file.txt"))
        assert type(_lexer_for(suffix)) is expected, suffix


def test_definition_lines_agree_with_a_search_per_symbol() -> None:
    lines = definition_lines(SOURCE)
    symbols = ["Block", "Block.forward", "func_1", "func_12", "func_", "Inner", "hidden"]
    symbols += ["tên_việt", "missing", "Block.missing"]
    for symbol in symbols:
        assert symbol_line(SOURCE, symbol, lines) == _searched(SOURCE, symbol), symbol
        assert symbol_line(SOURCE, symbol) == _searched(SOURCE, symbol), symbol
    assert lines["func_1"] == 7  # the first definition


def write_site(out: Path, outputs: list[tuple[str, bytes]], clear: bool) -> list[str]:
    return finish(out, ((rel, write_file(out, rel, data)) for rel, data in outputs), clear)


def test_write_site_creates_nested_folders_and_skips_unchanged_files(tmp_path: Path) -> None:
    outputs = [("a/b/index.html", b"1"), ("a/c.html", b"2"), ("a/b/d/e.html", b"3"), ("f", b"4")]
    assert write_site(tmp_path, outputs, clear=True) == sorted(p for p, _ in outputs)
    assert (tmp_path / "a/b/d/e.html").read_bytes() == b"3"
    changed = [("a/b/index.html", b"1"), ("a/c.html", b"X"), ("a/b/d/e.html", b"3")]
    assert write_site(tmp_path, changed, clear=True) == ["a/c.html"]
    assert not (tmp_path / "f").exists()
