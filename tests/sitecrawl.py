"""A crawler over a built site folder: every internal link and `#anchor` must resolve."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINKING = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(str(values[key]))
        wanted = LINKING.get(tag)
        if wanted and values.get(wanted):
            self.links.append(str(values[wanted]))


def parse(path: Path) -> _Page:
    """The ids and links of one HTML page."""
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(out: Path, page: str, href: str) -> tuple[str, str | None] | None:
    """The output path and fragment a relative link points at; None for other sites."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    fragment = unquote(parts.fragment) if "#" in href else None
    if not parts.path:
        return page, fragment
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if href.split("#")[0].endswith("/") or (out / joined).is_dir():
        joined = posixpath.normpath(posixpath.join(joined, "index.html"))
    return joined, fragment


def broken_links(out: Path) -> list[str]:
    """`page -> href (why)` for each internal link or anchor that does not resolve."""
    pages = {p.relative_to(out).as_posix(): parse(p) for p in sorted(out.rglob("*.html"))}
    broken = []
    for name, page in pages.items():
        for href in page.links:
            found = _target(out, name, href)
            if found is None:
                continue
            target, fragment = found
            if target.startswith("../") or not (out / target).is_file():
                broken.append(f"{name} -> {href} (no file {target})")
            elif fragment and target in pages and fragment not in pages[target].ids:
                broken.append(f"{name} -> {href} (no id {fragment!r} in {target})")
    return broken
