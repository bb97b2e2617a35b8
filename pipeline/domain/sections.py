"""The texts of the generated regions inside articles: the roadmap's timeline and graph, each
reading box, the series' counts. Validation compares them with the articles (GEN003), the
build writes them (`domain/regions.refill`)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from pipeline.core.corpus import Article, Series
from pipeline.domain.mermaid import render_mermaid
from pipeline.domain.metadata import build_metadata
from pipeline.domain.targets import relative_path

Metadata = dict[str, Any]  # what `build_metadata` returns: keys as in metadata.json
Renderer = Callable[[Series, Metadata, Article], str]


def _link(info: dict[str, Any], source: str, numbered: bool = True) -> str:
    target = relative_path(info["path"], posixpath.dirname(source))
    text = f"{info['order']}. {info['title']}" if numbered else info["title"]
    return f"[{text}]({target})"


def render_timeline(series: Series, metadata: Metadata, article: Article) -> str:
    """The table of numbered articles by era, with their tier and prerequisites."""
    phases = {p["id"]: f"{p['title']} ({p['years']})" for p in metadata["phases"]}
    tiers = {slug: t["title"] for t in metadata["tiers"] for slug in t["articles"]}
    order = {a["slug"]: a["order"] for a in metadata["articles"]}
    rows = ["| # | Bài viết | Giai đoạn | Tầng | Tiên quyết |", "|---|---|---|---|---|"]
    for info in metadata["articles"]:
        before = ", ".join(str(order[s]) for s in info["prerequisites"]) or "—"
        link = _link(info, article.path, numbered=False)
        rows.append(
            f"| {info['order']} | {link} | {phases[info['phase']]} "
            f"| {tiers.get(info['slug'], '—')} "
            f"| {before} |"
        )
    return "\n".join(rows)


def render_graph_section(series: Series, metadata: Metadata, article: Article) -> str:
    """A Mermaid diagram of the prerequisite graph (GitHub renders it)."""
    return "```mermaid\n" + render_mermaid(series).rstrip("\n") + "\n```"


def render_reading_box(series: Series, metadata: Metadata, article: Article) -> str:
    """A quote box: what to read before this article and what to read next."""
    by_slug = {a["slug"]: a for a in metadata["articles"]}
    info = by_slug.get(article.slug)
    if info is None:
        return "> Bài này chưa nằm trong series đã xuất bản."
    before = [_link(by_slug[s], article.path) for s in info["previous"]]
    after = [_link(by_slug[s], article.path) for s in info["next"]]
    roadmap = relative_path(metadata["series"]["roadmap"], posixpath.dirname(article.path))
    lines = [
        "> **Đọc trước:** " + (", ".join(before) or "không cần bài nào; đây là điểm bắt đầu."),
        ">",
        "> **Đọc tiếp:** "
        + (", ".join(after) or f"bài cuối của nhánh này; xem [roadmap]({roadmap})."),
    ]
    return "\n".join(lines)


def render_counts(series: Series, metadata: Metadata, article: Article) -> str:
    """One sentence with the series' counts: published articles, eras and tiers."""
    return (
        f"Series hiện có **{len(metadata['articles'])} bài** đã xuất bản, chia theo "
        f"**{len(metadata['phases'])} giai đoạn** lịch sử và **{len(metadata['tiers'])} tầng** "
        "học tập."
    )


RENDERERS: dict[str, Renderer] = {
    "series-counts": render_counts,
    "timeline": render_timeline,
    "prerequisite-graph": render_graph_section,
    "reading-box": render_reading_box,
}


def render_sections(series: Series, metadata: Metadata | None = None) -> dict[str, dict[str, str]]:
    """For each article with known regions: region name -> generated text (`metadata` is
    the series' `build_metadata`, when the caller has it already)."""
    if not any(a.regions for a in series.articles):
        return {}
    if metadata is None:
        metadata = build_metadata(series)
    rendered: dict[str, dict[str, str]] = {}
    for article in series.valid_articles():
        known = {r.name: RENDERERS[r.name] for r in article.regions if r.name in RENDERERS}
        if known:
            rendered[article.path] = {n: f(series, metadata, article) for n, f in known.items()}
    return rendered
