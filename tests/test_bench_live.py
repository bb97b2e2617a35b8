"""The preview's latency row of `make bench`: which page it edits, and how it is shown."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from bench import live


def _article(root: Path, name: str) -> None:
    path = root / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", encoding="utf-8")


def test_the_middle_numbered_article_is_edited_never_the_roadmap(tmp_path: Path) -> None:
    for name in ("s/00-roadmap.md", "s/01-mot.md", "s/02-hai.md", "s/03-ba.md", "s/notes.txt"):
        _article(tmp_path, name)
    assert live.article_page(tmp_path) == (tmp_path / "content/s/02-hai.md", "/s/hai/")


def test_the_table_shows_median_extremes_rebuild_and_floor_ratio() -> None:
    latency = live.Latency("/s/hai/", (0.2, 0.1, 0.3), (0.05, 0.04, 0.06))
    assert live.table(latency, 0.05).splitlines()[2] == (
        "| edit one article | /s/hai/ | 3 | 200 | 100 | 300 | 50 | 4.0 |"
    )


def test_lines_are_matched_only_after_the_given_index() -> None:
    lines = live._Lines(io.StringIO("preview: built 3 files (a) in 12 ms\nnoise\n"))
    lines.run()
    assert lines.wait_for(live.BUILT, 0, timeout=1).group(1) == "12"
    with pytest.raises(RuntimeError, match=re.escape("printed no")):
        lines.wait_for(live.BUILT, 1, timeout=0.05)


def test_without_a_browser_the_row_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "missing", lambda: "Chromium is not installed at /x")
    assert live.run(tmp_path, tmp_path) == (
        "edit-to-browser latency not measured: Chromium is not installed at /x"
    )
