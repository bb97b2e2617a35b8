"""A saved article reaches the page open in the preview within a second."""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import pytest

from pipeline.preview.command import Outcome
from tests.browser.support import require_browser
from tests.preview.support import running

require_browser()
pytestmark = pytest.mark.browser

LIVE_LIMIT_S = 1.0


def _render(root: Path, folder: Path) -> Callable[[Collection[str] | None], Outcome]:
    """A stand-in site: one page per Markdown file of content/demo, its text in a <pre>."""

    def build(only: Collection[str] | None) -> Outcome:
        for source in sorted((root / "content" / "demo").glob("*.md")):
            page = folder / source.stem / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            text = html.escape(source.read_text(encoding="utf-8"))
            page.write_text(f"<!doctype html><title>t</title><pre>{text}</pre>", encoding="utf-8")
        return Outcome(1, ())

    return build


def saved_to_loaded(page: Any, path: Path, text: str) -> float:
    """Write `text` to `path` while `page` is open; seconds from the save to the reloaded
    page's DOMContentLoaded (both on this machine's clock)."""
    with page.expect_event("domcontentloaded", timeout=10_000):
        path.write_text(text, encoding="utf-8")
        saved = time.time()
    loaded_ms = page.evaluate(
        "performance.timeOrigin + performance.getEntriesByType('navigation')[0]"
        ".domContentLoadedEventEnd"
    )
    return float(loaded_ms) / 1000 - saved


def test_an_edit_reaches_the_open_page_within_a_second(tmp_path: Path, visit: Any) -> None:
    article = tmp_path / "content" / "demo" / "01-a.md"
    article.parent.mkdir(parents=True)
    article.write_text("# Bài một\n", encoding="utf-8")
    folder = tmp_path / ".cache" / "preview"
    with running(tmp_path, folder, _render(tmp_path, folder)) as live:
        page = visit().page
        page.goto(f"http://127.0.0.1:{live.port}/01-a/")
        delay = saved_to_loaded(page, article, "# Bài một\n\nĐoạn mới vừa lưu.\n")
        assert "Đoạn mới vừa lưu." in page.inner_text("pre")
    print(f"edit reached the open page {delay * 1000:.0f} ms after the save")
    assert 0 < delay <= LIVE_LIMIT_S
