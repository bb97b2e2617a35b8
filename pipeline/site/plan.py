"""What the site holds: each series with its metadata, and where every repository file
goes (pages, copies, companion-file pages); which pages a change touches."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.core.corpus import Corpus, PathKind, Series, by_slug, published
from pipeline.core.document import Kind
from pipeline.domain.metadata import build_metadata
from pipeline.domain.prerequisites import prerequisite_graph, reading_order
from pipeline.site.source import LEXERS
from pipeline.site.urls import article_page, home_page, source_page

TEXT_SOURCES = frozenset(LEXERS)  # companion files shown as pages of their own


class SeriesPlan(NamedTuple):
    """A series and its metadata (None when errors keep the metadata from being built)."""

    series: Series
    metadata: dict[str, Any] | None


class Plan(NamedTuple):
    """Where every repository file goes: pages (repository path -> output path), files
    copied as they are (output -> repository path), and companion-file pages."""

    series: tuple[SeriesPlan, ...]
    pages: dict[str, str]
    copies: dict[str, str]
    sources: dict[str, str]


def series_metadata(series: Series) -> dict[str, Any] | None:
    """The series' metadata, built as `build` builds it, or None when its config is
    invalid or its prerequisite graph has a cycle."""
    if series.config is None:
        return None
    articles = published(series)
    if any(a.front.phase is None for a in articles):
        return None
    if reading_order(prerequisite_graph(articles)) is None:
        return None
    return build_metadata(series)


def plan_site(corpus: Corpus) -> Plan:
    """Every page and copied file of the site."""
    plans = tuple(SeriesPlan(s, series_metadata(s)) for s in corpus.series)
    page_of: dict[str, str] = {}
    for series in corpus.series:
        for article in by_slug(series.articles).values():
            page_of[article.path] = article_page(series.id, article.slug)
        if series.config is not None:
            page_of[series.config.roadmap] = home_page(series.id)
    copies: dict[str, str] = {}
    sources: dict[str, str] = {}
    for path in sorted(_linked_files(corpus)):
        fact = corpus.paths.get(path)
        if path in page_of or fact is None or fact.kind is not PathKind.FILE:
            continue
        folder = f"content/{path.split('/')[1]}/" if path.startswith("content/") else ""
        if folder and not path.endswith(".md"):
            page_of[path] = path[len("content/") :]
            copies[page_of[path]] = path
        elif Path(path).suffix in TEXT_SOURCES:
            page_of[path] = source_page(path)
            sources[page_of[path]] = path
        else:
            page_of[path] = f"files/{path}"
            copies[page_of[path]] = path
    return Plan(plans, page_of, copies, sources)


def _linked_files(corpus: Corpus) -> Iterator[str]:
    """Local files the articles link to, and their companion code and notebooks."""
    for series in corpus.series:
        for article in series.articles:
            for _, target in article.links():
                if target.kind is Kind.LOCAL and target.path:
                    yield target.path
            if article.front is not None:
                yield from (ref.split("::", 1)[0] for ref in article.front.code)
                yield from article.front.notebooks


def neighbours(plan: Plan) -> dict[str, list[str]]:
    """Each article's reading-box neighbours (the paths of its `previous` and `next`)."""
    found: dict[str, list[str]] = {}
    for item in plan.series:
        infos = item.metadata["articles"] if item.metadata else []
        path_of = {a["slug"]: a["path"] for a in infos}
        for a in infos:
            found[a["path"]] = sorted({path_of[s] for s in (*a["previous"], *a["next"])})
    return found


def affected_files(
    plan: Plan, corpus: Corpus, changed: set[str], before: Mapping[str, list[str]]
) -> set[str] | None:
    """Files whose pages a change to `changed` can alter: the changed ones, the articles
    that link to them, and their reading-box neighbours now and `before` the change (an
    earlier build's `neighbours`); None (everything) when a series config or a file the
    site does not know changed."""
    articles = {a.path: a for s in corpus.series for a in s.articles}
    if any(p not in articles and p not in plan.pages for p in changed):
        return None
    touched = set(changed)
    for article in articles.values():
        if any(t.kind is Kind.LOCAL and t.path in changed for _, t in article.links()):
            touched.add(article.path)
    now = neighbours(plan)
    for path in changed:
        touched.update(now.get(path, ()), before.get(path, ()))
    return touched
