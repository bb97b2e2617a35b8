"""What the metadata gained for a website, and the site's search folding and ranking."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.commands.stages import validate_root
from pipeline.domain.sections import render_reading_box
from pipeline.site.plan import series_metadata
from pipeline.site.search import Entry, fold_table, plain_text, rank, score, text_limit
from tests.conftest import run_cli
from tests.sitesample import write_sample


def _metadata(root: Path) -> dict[str, object]:
    assert run_cli("build", "--root", str(root)).code == 0
    data: dict[str, object] = json.loads((root / "data/demo/metadata.json").read_text("utf-8"))
    return data


def test_permalinks_are_paths_without_a_base_url(tmp_path: Path) -> None:
    meta = _metadata(write_sample(tmp_path / "r"))
    series = meta["series"]
    assert isinstance(series, dict) and series["baseUrl"] is None and series["lang"] == "vi"
    links = {a["slug"]: a["permalink"] for a in meta["articles"]}  # type: ignore[attr-defined]
    assert links == {
        "hoc-tuong-phan": "/demo/hoc-tuong-phan/",
        "hai": "/demo/hai/",
        "ba": "/demo/ba/",
    }
    assert meta["roadmap"]["permalink"] == "/demo/"  # type: ignore[index]


def test_permalinks_start_with_the_base_url(tmp_path: Path) -> None:
    meta = _metadata(write_sample(tmp_path / "r", base_url="https://example.org/s"))
    first = meta["articles"][0]  # type: ignore[index]
    assert first["permalink"] == "https://example.org/s/demo/hoc-tuong-phan/"


def test_a_base_url_with_a_trailing_slash_is_reported(tmp_path: Path) -> None:
    root = write_sample(tmp_path / "r", base_url="https://example.org/s/")
    result = run_cli("validate", "--root", str(root))
    assert result.code == 1 and "baseUrl" in result.out


def test_last_modified_is_the_newest_content_date(tmp_path: Path) -> None:
    meta = _metadata(write_sample(tmp_path / "r"))
    dates = {a["slug"]: a["lastModified"] for a in meta["articles"]}  # type: ignore[attr-defined]
    # `hai`: date 2025-02-01, updated 2025-03-01, an `updates` entry of 2025-04-01
    assert dates == {"hoc-tuong-phan": "2025-01-01", "hai": "2025-04-01", "ba": "2025-01-01"}


def test_eras_tiers_and_the_roadmap_carry_their_descriptions(tmp_path: Path) -> None:
    meta = _metadata(write_sample(tmp_path / "r"))
    assert [p["description"] for p in meta["phases"]] == ["Những bài đầu tiên.", None]  # type: ignore[attr-defined]
    assert [t["description"] for t in meta["tiers"]] == ["Kiến thức gốc.", None]  # type: ignore[attr-defined]
    roadmap = meta["roadmap"]
    assert isinstance(roadmap, dict)
    assert roadmap["path"] == "content/demo/00-roadmap.md" and roadmap["wordCount"] > 0
    assert roadmap["headings"][0]["id"] == "lộ-trình-demo"


def test_previous_and_next_are_the_reading_box_lists(tmp_path: Path) -> None:
    root = write_sample(tmp_path / "r")
    series = validate_root(root).corpus.series[0]
    meta = series_metadata(series)
    assert meta is not None
    paths = {a["path"]: a["slug"] for a in meta["articles"]} | {"content/demo/00-roadmap.md": ""}
    for article in series.articles:
        info = next((a for a in meta["articles"] if a["path"] == article.path), None)
        if info is None:
            continue
        box = render_reading_box(series, meta, article).split("\n>\n")
        linked = [
            [paths[f"content/demo/{t}"] for t in re.findall(r"\]\(([^)]+)\)", part)] for part in box
        ]
        before, after = linked[0], [s for s in linked[1] if s]
        assert (before, after) == (info["previous"], info["next"]), article.path
    assert any(a["next"] for a in meta["articles"]) and any(a["previous"] for a in meta["articles"])


ENTRIES = [
    Entry("a/", "Hoc tuong phan khong dau", "", (), ()),
    Entry("b/", "Học tương phản", "Mở đầu.", ("Giới thiệu",), ("contrastive",)),
    Entry("c/", "Hóc tướng phân", "", (), ()),
    Entry("d/", "Đánh giá", "Đo đạc.", (), ()),
]


def test_folding_removes_vietnamese_diacritics_and_d_stroke() -> None:
    table = fold_table()
    assert "".join(table.get(c, c) for c in "học tương phản đánh giá") == "hoc tuong phan danh gia"
    assert table["Đ"] == "d" and table["ệ"] == "e" and table["\u0301"] == ""


def test_a_query_without_diacritics_finds_words_with_them() -> None:
    found = [e.url for e in rank(ENTRIES, "hoc tuong phan")]
    assert set(found) == {"a/", "b/", "c/"}
    assert [e.url for e in rank(ENTRIES, "danh gia")] == ["d/"]


def test_exact_diacritics_rank_first() -> None:
    assert rank(ENTRIES, "học tương phản")[0].url == "b/"
    assert rank(ENTRIES, "hóc tướng phân")[0].url == "c/"
    assert score(ENTRIES[1], "học tương phản") > score(ENTRIES[1], "hoc tuong phan") > 0


@pytest.mark.parametrize("query", ["", "   ", "không có"])
def test_queries_without_a_match_find_nothing(query: str) -> None:
    assert rank(ENTRIES, query) == []


def test_the_index_holds_the_prose_without_code_or_markup() -> None:
    markdown = (
        "# Tiêu đề\n\nMở rộng **học tương phản** lên [hàng tỉ](x.md#a) cặp.\n\n"
        "```python\nmat_khau = 1\n```\n\n$$\n\\frac{a}{b}\n$$\n\n<b>đậm</b>\n"
    )
    text = plain_text(markdown)
    assert text == "Tiêu đề Mở rộng học tương phản lên hàng tỉ cặp. đậm"
    assert plain_text(markdown, text_limit(10**9)) == ""
    assert len(plain_text(markdown, text_limit(10**6))) == 10
    entry = Entry("a/", "Khác", "", (), (), text)
    assert rank([entry], "hoc tuong phan") == [entry]
    assert score(entry, "học tương phản") == 3 * score(entry, "hoc tuong phan")


def test_the_page_script_uses_the_same_table_and_weights(tmp_path: Path) -> None:
    from pipeline.site import build_site

    root = write_sample(tmp_path / "r")
    build_site(root, tmp_path / "site")
    index = json.loads((tmp_path / "site/search.json").read_text("utf-8"))
    assert index["fold"] == fold_table()
    titles = [e["title"] for e in index["entries"]]
    assert titles[:2] == ["Lộ trình demo", "Học tương phản"]
    assert "Công thức" in index["entries"][1]["text"]
    script = (tmp_path / "site/assets/search.js").read_text("utf-8")
    assert "index.fold" in script and "3 * field[1]" in script
