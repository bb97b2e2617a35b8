"""A saved article reaches the page open in the preview (its delay is printed; the target
is a row of `make bench`)."""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.preview.command import Outcome
from pipeline.preview.script import OVERLAY_ID
from tests.browser.sites import SAMPLE_ARTICLE, SAMPLE_PAGE, site_preview
from tests.browser.support import require_browser
from tests.preview.support import running, wait_for
from tests.sitesample import write_sample

require_browser()
pytestmark = pytest.mark.browser

# How fast an edit arrives is a speed target, measured by `make bench` (the preview's
# reload row, scaled to the run's floor); here a reload must happen, and its delay is printed.
RELOAD_TIMEOUT_MS = 10_000


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
    with page.expect_event("domcontentloaded", timeout=RELOAD_TIMEOUT_MS):
        path.write_text(text, encoding="utf-8")
        saved = time.time()
    loaded_ms = page.evaluate(
        "performance.timeOrigin + performance.getEntriesByType('navigation')[0]"
        ".domContentLoadedEventEnd"
    )
    return float(loaded_ms) / 1000 - saved


def test_an_edit_reaches_the_open_page(tmp_path: Path, visit: Any) -> None:
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
    assert delay > 0


@pytest.fixture(scope="module")
def sample_preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A sample series of its own in the preview (these tests edit it): root and address."""
    root = write_sample(tmp_path_factory.mktemp("live"))
    with site_preview(root) as live:
        yield root, f"http://127.0.0.1:{live.port}/"


def test_an_edit_of_a_sample_article_reaches_its_page(
    sample_preview: tuple[Path, str], visit: Any
) -> None:
    root, site = sample_preview
    article = root / SAMPLE_ARTICLE
    page = visit().page
    page.goto(site + SAMPLE_PAGE, wait_until="load")
    original = article.read_text(encoding="utf-8")
    edited = original + "\nMột câu vừa thêm khi trang đang mở.\n"
    delay = saved_to_loaded(page, article, edited)
    print(f"sample article: saved to reloaded page in {delay * 1000:.0f} ms")
    assert "Một câu vừa thêm khi trang đang mở." in page.inner_text("main")
    assert delay > 0


def test_a_broken_article_shows_its_problems_and_a_fix_clears_them(
    sample_preview: tuple[Path, str], visit: Any
) -> None:
    root, site = sample_preview
    article = root / SAMPLE_ARTICLE
    page = visit().page
    page.goto(site + SAMPLE_PAGE, wait_until="load")
    original = article.read_text(encoding="utf-8")
    broken = original.replace('date: "2025-01-01"', 'date: "2025-02-30"', 1)
    assert broken != original
    saved_to_loaded(page, article, broken)
    box = page.locator(f"#{OVERLAY_ID}")
    box.wait_for(timeout=5_000)
    assert f"{SAMPLE_ARTICLE}:" in box.inner_text() and " error " in box.inner_text()
    assert page.locator("main").is_visible()
    saved_to_loaded(page, article, original)
    assert page.locator(f"#{OVERLAY_ID}").count() == 0


def test_a_hidden_page_lets_go_of_its_stream_and_catches_up_when_shown(
    tmp_path: Path, visit: Any
) -> None:
    article = tmp_path / "content" / "demo" / "01-a.md"
    article.parent.mkdir(parents=True)
    article.write_text("# Một\n", encoding="utf-8")
    folder = tmp_path / ".cache" / "preview"
    with running(tmp_path, folder, _render(tmp_path, folder)) as live:
        page = visit().page
        page.goto(f"http://127.0.0.1:{live.port}/01-a/", wait_until="load")
        hide = "Object.defineProperty(document, 'hidden', {value: %s, configurable: true});"
        page.evaluate(hide % "true" + "document.dispatchEvent(new Event('visibilitychange'))")
        article.write_text("# Một\n\nĐã sửa khi trang bị ẩn.\n", encoding="utf-8")
        wait_for(lambda: live.server.state.version == 2)
        page.wait_for_timeout(500)  # a page still listening would have reloaded by now
        assert "Đã sửa" not in page.inner_text("pre")
        with page.expect_event("domcontentloaded", timeout=5_000):
            page.evaluate(hide % "false" + "document.dispatchEvent(new Event('visibilitychange'))")
        assert "Đã sửa khi trang bị ẩn." in page.inner_text("pre")
