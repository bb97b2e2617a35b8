"""Real-browser tests: Debian's Chromium driven by Playwright for Python.

One browser per session; each built site once per session. Without Playwright or Chromium
every test module here is skipped by `tests.browser.support.require_browser`, reported in
one line naming what is missing.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.browser import launch
from pipeline.preview.command import bind
from pipeline.preview.server import LiveState
from tests.browser.crawl import Crawl, crawl
from tests.browser.sites import SAMPLE_PAGE, site_preview
from tests.conftest import REPO
from tests.preview.support import loopback_only
from tests.sitesample import write_sample

SCREENSHOTS = REPO / ".cache" / "test-results" / "screenshots"
WRITTEN: list[Path] = []  # screenshots of this session, printed at its end


def pytest_configure(config: pytest.Config) -> None:
    """Register the `browser` marker (select with `-m browser`, leave out with `-m "not browser"`)."""
    config.addinivalue_line("markers", "browser: runs in headless Chromium through Playwright")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print where the screenshots went."""
    if WRITTEN:
        terminalreporter.write_sep("-", "screenshots")
        for path in WRITTEN:
            terminalreporter.write_line(str(path))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Connections reach only the loopback address (the servers under test)."""
    loopback_only(monkeypatch, socket)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


class Visit:
    """A page opened in a fresh context, with the console errors and failed requests it had."""

    def __init__(self, browser: Any, width: int = 1280, height: int = 800) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("requestfailed", self._failed)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url')})")

    def _failed(self, request: Any) -> None:
        if not request.url.endswith("/__events"):  # a stream cut by the next navigation
            self.errors.append(f"request failed: {request.url} {request.failure}")

    def close(self) -> None:
        """Close the page's context."""
        self.context.close()


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    """Open pages at a size: `visit(width, height)` (each closed after the test)."""
    opened: list[Visit] = []

    def make(width: int = 1280, height: int = 800) -> Visit:
        opened.append(Visit(browser, width, height))
        return opened[-1]

    yield make
    for each in opened:
        each.close()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample series in the preview, for the whole session: its address."""
    root = write_sample(tmp_path_factory.mktemp("sample"))
    with site_preview(root) as live:
        yield f"http://127.0.0.1:{live.port}/"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real series built once (without watching it) and served: its address."""
    from pipeline.site import build_site

    folder = tmp_path_factory.mktemp("real-site") / "site"
    build_site(REPO, folder)
    server = bind("127.0.0.1", 0, folder, LiveState())
    thread = threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.state.close()
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def sample_crawl(browser: Any, sample_site: str) -> Crawl:
    """Every page of the sample site, crawled once."""
    return crawl(browser, sample_site, [sample_site])


@pytest.fixture(scope="session")
def real_crawl(browser: Any, real_site: str) -> Crawl:
    """Every page of the real series' site, crawled once."""
    return crawl(browser, real_site, [real_site])


@pytest.fixture
def sample_article(visit: Any, sample_site: str) -> Any:
    """The sample's first article (math, code, a diagram) open at desktop size."""
    page = visit().page
    page.goto(sample_site + SAMPLE_PAGE, wait_until="load")
    return page


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    """Save a screenshot of a page as SCREENSHOTS/NAME.png (listed at the session's end)."""

    def take(page: Any, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path))
        WRITTEN.append(path)
        return path

    return take
