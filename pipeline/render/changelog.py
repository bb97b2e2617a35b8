"""`changelog.md`: a generated block inside a hand-written Keep a Changelog file."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from typing import NamedTuple

from pipeline.core.corpus import Series, published
from pipeline.domain.regions import MarkerProblem, find_regions, newline_of, refill
from pipeline.domain.targets import relative_path

DEFAULT_HEADER = (
    "# Changelog\n\n"
    "Mọi thay đổi đáng chú ý của series được ghi tại đây, theo quy ước "
    "[Keep a Changelog](https://keepachangelog.com/vi/1.1.0/): mỗi mục là một ngày, "
    "mới nhất ở trên. Phần nằm giữa hai dấu mốc được sinh tự động từ front matter "
    "của các bài viết; phần còn lại do người viết và được giữ nguyên.\n"
)


class Entry(NamedTuple):
    """One line of the changelog."""

    date: str
    kind: str
    order: int
    text: str


def region_name(series_id: str) -> str:
    """Name of the series' generated region in the changelog."""
    return f"changelog:{series_id}"


def _entries(series: Series, changelog_path: str) -> list[Entry]:
    here = posixpath.dirname(changelog_path) or "."
    entries = []
    articles = published(series)
    roadmap = [a for a in series.valid_articles() if a.front.order == 0]
    for article in roadmap + articles:
        front = article.front
        link = f"[{front.title}]({relative_path(article.path, here)})"
        label = "roadmap" if front.order == 0 else f"bài {front.order}"
        entries.append(Entry(front.date, "Added", front.order, f"{link} ({label})"))
        entries.extend(
            Entry(u.date, "Changed", front.order, f"{link}: {u.summary}") for u in front.updates
        )
    return entries


def render_block(series: Series, changelog_path: str) -> str:
    """The text between the markers: newest date first, LF newlines."""
    by_date: dict[str, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for entry in _entries(series, changelog_path):
        by_date[entry.date][entry.kind].append(entry)
    lines = [
        f"<!-- Sinh tự động từ front matter (date, updates) của content/{series.id}/*.md: "
        "sửa ở đó rồi chạy `make build-metadata`. -->",
    ]
    for day in sorted(by_date, reverse=True):
        lines += ["", f"## {day}"]
        for kind in ("Added", "Changed"):
            items = sorted(by_date[day][kind], key=lambda e: e.order)
            if items:
                lines += ["", f"### {kind}", ""] + [f"- {e.text}" for e in items]
    return "\n".join([*lines, ""])


def render_changelog(
    series: Series, changelog_path: str, existing: str | None
) -> str | MarkerProblem:
    """The whole changelog: `existing` with the series' region refilled (or appended), or the
    marker problem that makes the region unsafe to rewrite."""
    name = region_name(series.id)
    inner = render_block(series, changelog_path)
    block = f"<!-- BEGIN GENERATED {name} -->\n{inner}<!-- END GENERATED {name} -->\n"
    if existing is None:
        return f"{DEFAULT_HEADER}\n{block}"
    plain = existing.removeprefix("\ufeff").replace("\r\n", "\n")
    regions, problems = find_regions(plain)
    mine = [p for p in problems if f"`{name}`" in p.message]
    if mine:
        return mine[0]
    if any(r.name == name for r in regions):
        return refill(existing, {name: inner})
    newline = newline_of(existing)
    separator = (
        ""
        if not existing or existing.endswith(newline * 2)
        else (newline if existing.endswith(newline) else newline * 2)
    )
    return existing + separator + block.replace("\n", newline)
