"""Where each page of the site lives, and relative links between pages."""

from __future__ import annotations

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
    """The link from the page at output path `page` to the output path `target` (both
    normalised, relative to the site's root); folder pages are linked as `folder/`."""
    start = page.split("/")[:-1]
    parts = target.split("/")
    folder = target.endswith("/" + INDEX) or target == INDEX
    if folder:
        parts = parts[:-1]
    common = 0
    for a, b in zip(start, parts, strict=False):
        if a != b:
            break
        common += 1
    steps = [".."] * (len(start) - common) + parts[common:]
    if not folder:
        return "/".join(steps)
    return "/".join(steps) + "/" if steps else "./"


def root_of(page: str) -> str:
    """The relative link from `page` to the site's root folder, ending in `/`."""
    depth = page.count("/")
    return "../" * depth if depth else "./"
