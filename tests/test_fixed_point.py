"""`build` is a fixed point: after it, `validate`, `build --check` and a second `build` are
clean and change nothing, whatever the text and line breaks of the sources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.domain.regions import find_regions, newline_of, refill
from tests.conftest import run_cli

Sample = Callable[[str, str], Path]
ARTICLE = "content/demo/02-hai.md"


def _tree(root: Path) -> dict[str, bytes]:
    files = (p for p in root.rglob("*") if p.is_file() and ".cache" not in p.parts)
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def _assert_fixed_point(root: Path) -> None:
    """A built tree stays as it is: every later run is clean and writes nothing."""
    built = _tree(root)
    assert run_cli("validate", "--root", str(root)).code == 0
    assert run_cli("build", "--check", "--root", str(root)).code == 0
    assert run_cli("build", "--root", str(root)).code == 0
    assert _tree(root) == built


@pytest.mark.parametrize("control", ["\\r", "\\r\\n", "\\0", "\\t", "\\u2028"])
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('title: "Hai: tiếp theo"', 'title: "Hai:{control}tiếp theo"'),
        (
            'notebooks: ["notebooks/demo/02-hai.ipynb"]',
            'notebooks: ["notebooks/demo/02-hai.ipynb"]\n'
            'updated: "2025-02-01"\n'
            'updates: [{{date: "2025-02-01", summary: "Sửa{control}lỗi."}}]',
        ),
    ],
    ids=["title", "summary"],
)
def test_control_characters_in_one_line_text_stop_the_build(
    sample: Sample, control: str, old: str, new: str
) -> None:
    root = sample("GEN003", "fail")
    path = root / ARTICLE
    path.write_text(path.read_text("utf-8").replace(old, new.format(control=control)), "utf-8")
    before = _tree(root)
    build = run_cli("build", "--root", str(root))
    assert build.code == 1 and " FM005 " in build.out and "must be one line of text" in build.out
    assert _tree(root) == before


def test_one_stray_crlf_does_not_turn_a_file_to_crlf(sample: Sample) -> None:
    root = sample("GEN003", "fail")
    path = root / ARTICLE
    source = path.read_bytes() + b"\n```text\nmot dong Windows\r\n```\n"
    path.write_bytes(source)
    assert run_cli("build", "--root", str(root)).code == 0
    after = path.read_bytes()
    head, _, rest = source.partition(b"> c")
    assert after.startswith(head) and after.endswith(rest.partition(b"\n")[2])
    assert after.count(b"\r\n") == 1
    _assert_fixed_point(root)


def test_a_crlf_file_keeps_crlf_around_a_stray_lf(sample: Sample) -> None:
    root = sample("GEN003", "fail")
    path = root / ARTICLE
    source = path.read_bytes().replace(b"\n", b"\r\n") + b"stray LF line\n"
    path.write_bytes(source)
    assert run_cli("build", "--root", str(root)).code == 0
    after = path.read_bytes()
    assert after.endswith(b"\r\nstray LF line\n")
    assert after.count(b"\n") - after.count(b"\r\n") == 1
    _assert_fixed_point(root)


FENCED = """
Một khối mã minh hoạ vùng sinh tự động:

````markdown
<!-- BEGIN GENERATED reading-box: make build-metadata -->
> chữ mẫu, không phải vùng thật
<!-- END GENERATED reading-box -->
````
"""


def test_markers_inside_a_fenced_code_block_are_text(sample: Sample) -> None:
    root = sample("GEN003", "fail")
    path = root / ARTICLE
    path.write_text(path.read_text("utf-8") + FENCED, "utf-8")
    assert run_cli("build", "--root", str(root)).code == 0
    text = path.read_text("utf-8")
    assert text.endswith(FENCED) and "> cũ" not in text
    _assert_fixed_point(root)


def test_region_finder_skips_fences_of_either_kind_until_they_close() -> None:
    begin, end = "<!-- BEGIN GENERATED a -->", "<!-- END GENERATED a -->"
    text = "\n".join(
        ["~~~", begin, "```", end, "~~~", begin, "x", end, "```` py", begin, "```", end, "````"]
    )
    regions, problems = find_regions(text)
    assert [(r.name, r.line, r.inner) for r in regions] == [("a", 6, "x")] and not problems


@pytest.mark.parametrize(
    ("text", "newline"),
    [
        ("a\nb\nc\r\n", "\n"),
        ("a\r\nb\r\nc\n", "\r\n"),
        ("a\r\nb\n", "\n"),
        ("a", "\n"),
    ],
)
def test_a_files_line_break_is_the_one_most_of_its_lines_use(text: str, newline: str) -> None:
    assert newline_of(text) == newline


def test_refill_touches_only_the_region_lines() -> None:
    raw = "x\r\n<!-- BEGIN GENERATED a -->\nold\n<!-- END GENERATED a -->\r\ny\n"
    assert refill(raw, {"a": "new\nlines\n"}) == (
        "x\r\n<!-- BEGIN GENERATED a -->\nnew\nlines\n<!-- END GENERATED a -->\r\ny\n"
    )
