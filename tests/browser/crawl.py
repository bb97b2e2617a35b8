"""A crawler over a served site in the browser: console errors of every page, and every
internal link and `#anchor` checked against the pages and element ids it finds."""

from __future__ import annotations

import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# ids (and old-style `<a name>`) of the page, and the absolute address of each link
PAGE_FACTS = """() => ({
  ids: [...document.querySelectorAll("[id]")].map((e) => e.id)
    .concat([...document.querySelectorAll("a[name]")].map((e) => e.name)),
  links: [...document.querySelectorAll("a[href]")].map((a) => a.href),
})"""
SETTLED = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


@dataclass
class Crawl:
    """What the crawl found: ids per page, links per page, errors per page, broken links."""

    ids: dict[str, set[str]] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)  # other addresses -> HTTP status

    def broken(self) -> list[str]:
        """`page -> link: why` for each internal link whose page or anchor is missing."""
        found = []
        for page, links in sorted(self.links.items()):
            for link in links:
                why = self._why(link)
                if why:
                    found.append(f"{page} -> {link}: {why}")
        return found

    def _why(self, link: str) -> str | None:
        address, fragment = urllib.parse.urldefrag(link)
        if address in self.files:
            status = self.files[address]
            if status != 200:
                return f"HTTP {status}"
            return "an anchor into a file that is not a page" if fragment else None
        if address not in self.ids:
            return "not crawled"
        anchor = urllib.parse.unquote(fragment)
        if anchor and anchor not in self.ids[address]:
            return f"no element with id {anchor!r}"
        return None


def page_addresses(base: str, folder: Path) -> list[str]:
    """The address of every built HTML page (a folder's index.html as the folder)."""
    found = []
    for path in sorted(folder.rglob("*.html")):
        relative = path.relative_to(folder).as_posix()
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative.removesuffix("index.html")
        found.append(base + urllib.parse.quote(relative))
    return found


def _looks_like_a_page(address: str) -> bool:
    """Folders and `.html` files are opened as pages; other files are only fetched (a
    browser would download a notebook, not show it)."""
    name = urllib.parse.urlsplit(address).path.rsplit("/", 1)[-1]
    return name == "" or name.endswith(".html") or "." not in name


class _Tab:
    """One page of the crawl's browser context, with the errors of what it shows now."""

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url')})")

    def open(self, address: str) -> Any:
        """Start loading `address`; its response once the browser has it."""
        self.errors.clear()
        return self.page.goto(address, wait_until="commit")


def _record(result: Crawl, tab: _Tab, address: str, response: Any, base: str) -> list[str]:
    """Wait for the page in `tab` to load; record it; its internal links."""
    kind = response.headers.get("content-type", "") if response else ""
    if response is None or response.status != 200 or not kind.startswith("text/html"):
        result.files[address] = response.status if response else 0
        return []
    tab.page.wait_for_load_state("load")
    tab.page.evaluate(SETTLED)
    facts = tab.page.evaluate(PAGE_FACTS)
    result.ids[address] = set(facts["ids"])
    result.links[address] = [x for x in facts["links"] if x.startswith(base)]
    result.errors[address] = list(tab.errors)
    return result.links[address]


def crawl(browser: Any, base: str, starts: list[str], tabs: int = 2) -> Crawl:
    """Open every page reachable from `starts` within `base`, `tabs` pages at a time,
    recording what `Crawl` holds."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    opened = [_Tab(context) for _ in range(tabs)]
    result, queue, seen = Crawl(), deque(starts), set[str]()
    try:
        while queue:
            batch: list[str] = []
            while queue and len(batch) < tabs:
                address = urllib.parse.urldefrag(queue.popleft())[0]
                if address in seen or not address.startswith(base):
                    continue
                seen.add(address)
                if _looks_like_a_page(address):
                    batch.append(address)
                else:
                    result.files[address] = context.request.get(address).status
            started = [(tab, a, tab.open(a)) for tab, a in zip(opened, batch, strict=False)]
            for tab, address, response in started:
                queue.extend(_record(result, tab, address, response, base))
    finally:
        context.close()
    return result
