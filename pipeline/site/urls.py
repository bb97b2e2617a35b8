"""Where each page of the site lives, and relative links between pages."""

from __future__ import annotations

import posixpath

INDEX = "index.html"


def article_page(series: str, slug: str) -> str:
    """Output path of an article's page."""
    return f"{series}/{slug}/{INDEX}"


def home_page(series: str) -> str:
    """Output path of a series' home page (its roadmap)."""
    return f"{series}/{INDEX}"


def group_page(series: str, kind: str, key: str) -> str:
    """Output path of the page of one tag, era or tier (`kind`: tags, eras, tiers)."""
    return f"{series}/{kind}/{key}/{INDEX}"


def source_page(path: str) -> str:
    """Output path of the page showing a companion file (code, notebook)."""
    return f"source/{path}.html"


def relative_url(page: str, target: str) -> str:
    """The link from the page at output path `page` to the output path `target`;
    folder pages are linked as `folder/`."""
    folder = posixpath.dirname(page) or "."
    if target.endswith(INDEX) and (target == INDEX or target.endswith("/" + INDEX)):
        bare = target[: -len(INDEX)].rstrip("/") or "."
        rel = posixpath.relpath(bare, folder)
        return "./" if rel == "." else rel + "/"
    return posixpath.relpath(target, folder)


def root_of(page: str) -> str:
    """The relative link from `page` to the site's root folder, ending in `/`."""
    depth = page.count("/")
    return "../" * depth if depth else "./"
