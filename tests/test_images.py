"""Alt text, the images folder and the figure manifest (FIG codes) beyond the fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.checks.figures import is_sentence
from pipeline.load.images import load_images
from pipeline.load.markdown import parse_markdown


@pytest.mark.parametrize(
    ("alt", "expected"),
    [
        ("Ma trận tương đồng giữa ảnh và caption.", True),
        ("Bốn ô vuông tô màu!", True),
        ("Đường cong loss có giảm không?", True),
        ("Hình có chú thích “trong ngoặc.”", True),
        ("Bước tiếp theo…", False),  # three words
        ("Một hai ba bốn…", True),
        ("sơ đồ.", False),
        ("Sơ đồ hai nhánh không có dấu chấm", False),
        ("06-similarity-matrix.svg", False),
        ("", False),
    ],
)
def test_a_sentence_has_four_words_and_final_punctuation(alt: str, expected: bool) -> None:
    assert is_sentence(alt) is expected


def test_alt_text_is_the_plain_text_of_the_image_across_lines_and_nesting() -> None:
    links = parse_markdown(
        "Xem ![Một *hình* có `mã` và\nhai dòng.](a.svg) [liên kết](b.md) ![](c.png)\n\n"
        "![a ![b](d.png) c](e.png)\n"
    ).links
    alts = {link.dest: (link.image, link.alt) for link in links}
    assert alts == {
        "a.svg": (True, "Một hình có mã và hai dòng."),
        "b.md": (False, ""),
        "c.png": (True, ""),
        "e.png": (True, "a b c"),
        "d.png": (True, "b"),
    }


def _manifest(root: Path, text: str) -> None:
    folder = root / "content/demo/images"
    folder.mkdir(parents=True)
    (folder / "figures.json").write_text(text, encoding="utf-8")


def test_invalid_json_is_reported_with_its_position(tmp_path: Path) -> None:
    _manifest(tmp_path, '{\n  "figures": {,}\n}\n')
    assert load_images(tmp_path, "content/demo").error == (
        "Expecting property name enclosed in double quotes",
        2,
        15,
    )


@pytest.mark.parametrize(
    ("figures", "why"),
    [
        ({"a.svg": {"sha256": "0", "sources": {"../../etc/passwd": "0"}}}, "leaves the repository"),
        ({"../a.svg": {"sha256": "0", "sources": {}}}, "leaves the repository"),
        ({"a.svg": {"sources": {}}}, "missing key 'sha256'"),
        ({"a.svg": {"sha256": "0", "sources": []}}, "needs a `sha256` string"),
        ([], "object has no attribute 'items'"),
    ],
)
def test_a_malformed_manifest_is_an_error_not_an_exception(
    tmp_path: Path, figures: object, why: str
) -> None:
    _manifest(tmp_path, json.dumps({"version": 1, "figures": figures}))
    error = load_images(tmp_path, "content/demo").error
    assert error is not None and why in error[0]


def test_files_of_the_folder_exclude_the_manifest_and_hidden_files(tmp_path: Path) -> None:
    _manifest(tmp_path, json.dumps({"version": 1, "figures": {}}))
    folder = tmp_path / "content/demo/images"
    (folder / "sub").mkdir()
    for name in ("b.svg", ".a.svg.tmp", "sub/c.png"):
        (folder / name).write_bytes(b"x")
    loaded = load_images(tmp_path, "content/demo")
    assert loaded.files == ("content/demo/images/b.svg", "content/demo/images/sub/c.png")
    assert loaded.error is None and loaded.figures == ()


def test_no_images_folder_is_fine(tmp_path: Path) -> None:
    assert load_images(tmp_path, "content/demo").files == ()
