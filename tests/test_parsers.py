"""Parsers: YAML with positions, Markdown with positions, anchors and slugs (with hypothesis)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.document import Kind
from pipeline.domain.anchors import Slugger, fold, slugify_heading
from pipeline.domain.slugs import ascii_slug
from pipeline.domain.targets import classify
from pipeline.domain.text import decode_source, nfc
from pipeline.load.frontmatter import split_front_matter
from pipeline.load.markdown import parse_markdown
from pipeline.load.yamlparse import UnquotedDate, load_yaml_mapping

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_yaml_positions_count_characters_not_bytes() -> None:
    loaded, _ = load_yaml_mapping('tiêu_đề: "Đây"\nkhác: [một, hai]\n', "f.md", first_line=2)
    assert loaded.value == {"tiêu_đề": "Đây", "khác": ["một", "hai"]}
    assert loaded.key_positions[("khác",)] == (3, 1)
    assert loaded.value_positions[("khác", 1)] == (3, 13)


def test_yaml_timestamps_are_marked_unless_quoted_and_plain_numbers_parse() -> None:
    text = 'a: 2025-03-21\nb: 12\nc: 1.5\nd: true\ne: ~\nf: "2025-03-21"\ng: 2025-3-1 9:00:00Z\n'
    loaded, problems = load_yaml_mapping(text, "f", 1)
    assert loaded.value == {
        "a": UnquotedDate("2025-03-21"),
        "b": 12,
        "c": 1.5,
        "d": True,
        "e": None,
        "f": "2025-03-21",
        "g": UnquotedDate("2025-3-1 9:00:00Z"),
    }
    assert problems == ()


def test_yaml_11_surprises_are_reported_not_coerced() -> None:
    loaded, problems = load_yaml_mapping(
        "a: yes\nb: off\nc: 12:30\nd: 1e3\ne: 0x1f\nf: y\n", "f", 1
    )
    assert [(d.line, d.code) for d in problems] == [
        (1, "YML004"),
        (2, "YML004"),
        (3, "YML004"),
        (4, "YML004"),
        (5, "YML004"),
    ]
    assert loaded.value == {"a": "yes", "b": "off", "c": "12:30", "d": "1e3", "e": "0x1f", "f": "y"}


def test_yaml_alias_bomb_is_refused_before_expansion() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    _, problems = load_yaml_mapping(bomb, "f", 1)
    assert [d.code for d in problems] == ["YML006"]


def test_yaml_python_tags_are_never_constructed() -> None:
    loaded, problems = load_yaml_mapping("a: !!python/object/apply:os.system [echo]\n", "f", 1)
    assert loaded.value is None
    assert [d.code for d in problems] == ["YML005"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_yaml_loader_never_raises(text: str) -> None:
    loaded, problems = load_yaml_mapping(text, "f", 1)
    assert loaded.value is not None or problems


def test_front_matter_split_keeps_file_lines() -> None:
    split = split_front_matter("---\na: 1\n---\n# T\n")
    assert split.yaml == "a: 1\n"
    assert split.body.split("\n")[3] == "# T"


def test_decode_accepts_bom_and_crlf_like_plain_lf() -> None:
    assert decode_source("\ufeffa\r\nb\rc\n".encode()) == "a\nb\nc\n"


def test_links_in_code_are_not_links_and_references_resolve() -> None:
    parsed = parse_markdown(
        "Đây là [một](a.md#x) và `[không](b.md)`.\n\n```\n[không](c.md)\n```\n\n"
        "[tham chiếu][r] và ![ảnh](i.png)\n\n[r]: r.md#y\n"
    )
    assert [(link.dest, link.image, link.line, link.column) for link in parsed.links] == [
        ("a.md#x", False, 1, 8),
        ("r.md#y", False, 7, 1),
        ("i.png", True, 7, 20),
    ]


def test_heading_ids_follow_github() -> None:
    parsed = parse_markdown(
        "# Tiêu đề\n\n## 3. Kiến trúc CLIP & ALIGN\n\n## 3. Kiến trúc CLIP & ALIGN\n\n"
        "## Riêng {#rieng}\n\n## `code` và *nhấn*\n"
    )
    assert [h.id for h in parsed.headings] == [
        "tiêu-đề",
        "3-kiến-trúc-clip--align",
        "3-kiến-trúc-clip--align-1",
        "rieng",
        "code-và-nhấn",
    ]


def test_nfd_headings_get_nfc_ids() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "## Đánh giá\n")
    assert parse_markdown(nfd).headings[0].id == "đánh-giá"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_markdown_parser_never_raises_and_positions_are_valid(text: str) -> None:
    parsed = parse_markdown(text)
    lines = text.split("\n")
    for item in (*parsed.links, *parsed.headings):
        assert 1 <= item.line <= len(lines)
        assert item.column >= 1


@given(st.text(max_size=80))
def test_heading_slug_has_no_spaces_or_uppercase(text: str) -> None:
    slug = slugify_heading(text)
    assert " " not in slug
    assert slug == slug.lower()


@given(st.lists(st.text(max_size=10), max_size=20))
def test_slugger_ids_are_unique(texts: list[str]) -> None:
    slugger = Slugger()
    ids = [slugger.unique(text) for text in texts]
    assert len(ids) == len(set(ids))


@given(st.text(max_size=80))
def test_ascii_slug_is_kebab_case_or_empty(text: str) -> None:
    slug = ascii_slug(text)
    assert slug == "" or KEBAB.match(slug)


def test_ascii_slug_of_vietnamese() -> None:
    assert ascii_slug("Đánh giá & Benchmark: VLM 2025") == "danh-gia-benchmark-vlm-2025"
    assert fold("Đánh-Giá") == "danh-gia"


def test_link_classification() -> None:
    assert classify("https://x.org", "content/a.md").kind is Kind.EXTERNAL
    assert classify("JavaScript:alert(1)", "content/a.md").kind is Kind.UNSAFE
    assert classify("data:text/html,x", "content/a.md").kind is Kind.UNSAFE
    assert classify("/etc/passwd", "content/a.md").kind is Kind.ABSOLUTE
    assert classify("../../x.md", "content/a.md").kind is Kind.ESCAPES
    local = classify("b%20c.md#%C4%91", "content/s/a.md")
    assert (local.kind, local.path, local.fragment) == (Kind.LOCAL, "content/s/b c.md", "đ")
    assert classify("#x", "content/a.md").path == ""


def test_did_you_mean_ignores_diacritics_and_case() -> None:
    from pipeline.domain.suggest import closest, did_you_mean

    assert closest("danh-gia", ["đánh-giá", "giới-thiệu"]) == "đánh-giá"
    assert closest("GIOI-THIEU", ["đánh-giá", "giới-thiệu"]) == "giới-thiệu"
    assert did_you_mean("clip-deep-div", ["clip-deep-dive", "blip-blip2"]) == (
        "did you mean `clip-deep-dive`?"
    )
    assert did_you_mean("zzz", ["clip-deep-dive"]) is None


@given(st.text(max_size=40))
def test_fold_drops_exactly_the_combining_marks(text: str) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    expected = "".join(c for c in decomposed if not unicodedata.combining(c))
    assert fold(text) == expected


_SEGMENTS = st.sampled_from(["a", "bài-1.md", ".", "..", "", ".ẩn", "x.md", "b c"])


@given(
    st.lists(_SEGMENTS, min_size=1, max_size=5).map("/".join),
    st.sampled_from(["content/vlm/01-a.md", "content/x.md", "README.md", "a/b/c/d.md"]),
)
def test_relative_destinations_resolve_like_normpath(path: str, source: str) -> None:
    import posixpath

    target = classify(path, source)
    if target.kind in (Kind.LOCAL, Kind.ESCAPES) and target.path:
        expected = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        assert target.path == expected


@given(
    st.lists(st.sampled_from(["a", "b", "docs"]), max_size=3).map("/".join),
    st.sampled_from(["bài-1.md", "a.md", "README.md"]),
    st.lists(st.sampled_from(["a", "b", "docs", "content"]), max_size=3).map("/".join),
)
def test_relative_path_of_a_file_is_posix_relpath(folder: str, name: str, start: str) -> None:
    path = f"{folder}/{name}" if folder else name
    import posixpath

    from pipeline.domain.targets import relative_path

    assert relative_path(path, start) == posixpath.relpath(path, start or ".")


_HEADING_IDS = json.loads((Path(__file__).parent / "data" / "heading_ids.json").read_text("utf-8"))


def test_heading_ids_match_github_slugger_in_sequence() -> None:
    slugger = Slugger()
    got = [(text, slugger.unique(text)) for text, _ in _HEADING_IDS["sequence"]]
    assert got == [(text, nfc(expected)) for text, expected in _HEADING_IDS["sequence"]]


@pytest.mark.parametrize(("text", "expected"), _HEADING_IDS["single"])
def test_heading_id_matches_github_slugger(text: str, expected: str) -> None:
    assert slugify_heading(text) == nfc(expected)
    assert slugify_heading(nfc(text)) == nfc(expected)
