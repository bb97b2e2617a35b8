"""`changelog.md`: a generated block inside a hand-written Keep a Changelog file."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass

from pipeline.build.metadata import published
from pipeline.model import Series

DEFAULT_HEADER = (
    "# Changelog\n\n"
    "Mọi thay đổi đáng chú ý của series được ghi tại đây, theo quy ước "
    "[Keep a Changelog](https://keepachangelog.com/vi/1.1.0/): mỗi mục là một ngày, "
    "mới nhất ở trên. Phần nằm giữa hai dấu mốc được sinh tự động từ front matter "
    "của các bài viết; phần còn lại do người viết và được giữ nguyên.\n"
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the changelog."""

    date: str
    kind: str
    order: int
    text: str


def begin_marker(series_id: str) -> str:
    """First line of the generated block of a series."""
    return f"<!-- BEGIN GENERATED changelog:{series_id} -->"


def end_marker(series_id: str) -> str:
    """Last line of the generated block of a series."""
    return f"<!-- END GENERATED changelog:{series_id} -->"


def _entries(series: Series, changelog_path: str) -> list[Entry]:
    here = posixpath.dirname(changelog_path) or "."
    entries = []
    articles = published(series)
    roadmap = [a for a in series.valid_articles() if a.front and a.front.order == 0]
    for article in roadmap + articles:
        front = article.front
        assert front is not None
        link = f"[{front.title}]({posixpath.relpath(article.path, here)})"
        label = "roadmap" if front.order == 0 else f"bài {front.order}"
        entries.append(Entry(front.date, "Added", front.order, f"{link} ({label})"))
        entries.extend(
            Entry(u.date, "Changed", front.order, f"{link}: {u.summary}") for u in front.updates
        )
    return entries


def render_block(series: Series, changelog_path: str) -> str:
    """The generated block (markers included), newest date first, LF newlines."""
    by_date: dict[str, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for entry in _entries(series, changelog_path):
        by_date[entry.date][entry.kind].append(entry)
    lines = [
        begin_marker(series.id),
        f"<!-- Sinh tự động từ front matter (date, updates) của content/{series.id}/*.md: "
        "sửa ở đó rồi chạy `make build-metadata`. -->",
    ]
    for day in sorted(by_date, reverse=True):
        lines += ["", f"## {day}"]
        for kind in ("Added", "Changed"):
            items = sorted(by_date[day][kind], key=lambda e: e.order)
            if items:
                lines += ["", f"### {kind}", ""] + [f"- {e.text}" for e in items]
    lines += ["", end_marker(series.id)]
    return "\n".join(lines) + "\n"


def render_changelog(series: Series, changelog_path: str, existing: str | None) -> str:
    """The whole changelog: `existing` with its block replaced (or appended)."""
    block = render_block(series, changelog_path)
    if existing is None:
        return f"{DEFAULT_HEADER}\n{block}"
    newline = "\r\n" if "\r\n" in existing else "\n"
    block = block.replace("\n", newline)
    begin, end = begin_marker(series.id), end_marker(series.id)
    start = existing.find(begin)
    stop = existing.find(end, start) if start != -1 else -1
    if start == -1 or stop == -1:
        separator = (
            ""
            if existing.endswith(newline * 2) or not existing
            else (newline if existing.endswith(newline) else newline * 2)
        )
        return existing + separator + block
    after = stop + len(end)
    if existing.startswith(newline, after):
        after += len(newline)
    return existing[:start] + block + existing[after:]
