"""The built site in a real browser: the sample series and the real one.

On the sample: pages without console errors, 0 broken links or anchors, math laid out as
MathML, a Mermaid diagram drawn as SVG, the search. On the real series: the crawler, the
console and the screenshots only (its content changes; no count is assumed).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest

from bench.live import article_page
from tests.browser.crawl import Crawl
from tests.browser.sites import SAMPLE_PAGE, SAMPLE_TITLE
from tests.browser.support import require_browser
from tests.conftest import REPO

require_browser()
pytestmark = pytest.mark.browser

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
RAW_MATH = re.compile(r"\$[^$\s][^$]*\$")
# every text node outside code, math and scripts: none may still hold `$…$`
TEXT_OUTSIDE_CODE = """() => {
  const skip = "code, pre, script, style, math, textarea, kbd, samp";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.parentElement.closest(skip)) found.push(node.textContent);
  }
  return found;
}"""
MATH_BOXES = """() => [...document.querySelectorAll("math")].map((m) => {
  const box = m.getBoundingClientRect();
  return {mathml: m instanceof MathMLElement, block: m.getAttribute("display") === "block",
          width: box.width, height: box.height};
})"""
FRACTION = """() => {
  const f = document.querySelector("math mfrac");
  if (!f) return null;
  const [top, bottom] = [...f.children].map((c) => c.getBoundingClientRect());
  return {above: top.bottom <= bottom.top + 1, same_column: Math.abs(
    (top.left + top.right) / 2 - (bottom.left + bottom.right) / 2) < 2};
}"""


def plain(text: str) -> str:
    """`text` in lower case without diacritics, as a reader types it on any keyboard."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@pytest.mark.parametrize("which", ["sample", "real"])
def test_every_page_loads_without_console_errors(
    which: str, request: pytest.FixtureRequest
) -> None:
    crawled: Crawl = request.getfixturevalue(f"{which}_crawl")
    assert crawled.ids, "no page was crawled"
    failed = {page: errors for page, errors in crawled.errors.items() if errors}
    assert failed == {}


@pytest.mark.parametrize("which", ["sample", "real"])
def test_every_internal_link_and_anchor_resolves(
    which: str, request: pytest.FixtureRequest
) -> None:
    crawled: Crawl = request.getfixturevalue(f"{which}_crawl")
    assert sum(len(links) for links in crawled.links.values()) > 0
    assert crawled.broken() == []


def test_math_is_laid_out_as_mathml(sample_article: Any) -> None:
    page = sample_article
    boxes = page.evaluate(MATH_BOXES)
    assert {b["block"] for b in boxes} == {True, False}  # inline and display math
    assert all(b["mathml"] and b["width"] > 0 and b["height"] > 0 for b in boxes)
    assert page.evaluate(FRACTION) == {"above": True, "same_column": True}
    leftovers = [t for t in page.evaluate(TEXT_OUTSIDE_CODE) if RAW_MATH.search(t)]
    assert leftovers == []
    assert "$không phải toán$" in page.inner_text("body")  # code keeps its dollars


def test_a_mermaid_diagram_is_drawn_as_svg(sample_article: Any) -> None:
    page = sample_article
    diagram = page.wait_for_selector("svg[aria-roledescription]", timeout=10_000)
    box = diagram.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0
    labels = diagram.text_content() or ""
    assert "A" in labels and "B" in labels
    assert "graph LR" not in page.inner_text("main")


def test_the_search_finds_a_title_typed_without_diacritics(visit: Any, sample_site: str) -> None:
    page = visit().page
    page.goto(sample_site, wait_until="load")
    query = plain(SAMPLE_TITLE)
    assert query == "hoc tuong phan"
    page.fill("#q", query)
    found = page.locator("#results a").first
    found.wait_for(timeout=5_000)
    assert found.inner_text() == SAMPLE_TITLE
    found.click()
    page.wait_for_load_state("load")
    assert page.url == sample_site + SAMPLE_PAGE


def _pages(which: str, site: str) -> dict[str, str]:
    """The roadmap (the series' home) and one article: the sample's article with math and a
    diagram, or the real series' middle article (the one `make bench` edits)."""
    if which == "sample":
        return {"roadmap": f"{site}demo/", "article": site + SAMPLE_PAGE}
    article, address = article_page(REPO)
    return {"roadmap": f"{site}{article.parent.name}/", "article": site + address.lstrip("/")}


@pytest.mark.parametrize("which", ["sample", "real"])
def test_screenshots_at_desktop_and_phone_widths(
    which: str, browser: Any, screenshot: Any, request: pytest.FixtureRequest
) -> None:
    site: str = request.getfixturevalue(f"{which}_site")
    for name, address in _pages(which, site).items():
        for size, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            response = page.goto(address, wait_until="load")
            assert response is not None and response.status == 200, address
            path = screenshot(page, f"{which}-{name}-{size}")
            sideways = page.evaluate("document.documentElement.scrollWidth")
            context.close()
            assert path.stat().st_size > 1_000
            assert sideways <= width, f"{address} scrolls sideways at {width} px"
