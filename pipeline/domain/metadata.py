"""The metadata of one validated series as plain JSON values (what `metadata.json` holds,
and what the generated regions in articles read)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pipeline.core.corpus import Article, Series, ValidArticle, published
from pipeline.domain.prerequisites import (
    PrerequisiteGraph,
    Reachability,
    prerequisite_graph,
    reachability,
    reading_order,
    sorted_dependents,
)
from pipeline.domain.readingtime import estimate_minutes
from pipeline.domain.targets import split_code_ref

if TYPE_CHECKING:
    from pipeline.core.records import FrontMatter, SeriesConfig

DEFAULT_LANG = "vi"  # the `lang` of a series whose series.yaml names none

SCHEMA_VERSION = 1  # schema.metadata.SCHEMA_VERSION; a test keeps the two equal


def build_metadata(series: Series) -> dict[str, Any]:
    """The metadata of a series that validated without errors, as JSON values.

    Keys are the aliases of `schema.metadata.Metadata`, in its field order; plain values
    rather than models keep Pydantic out of the build. The tests validate the output with
    that model and against its JSON Schema.
    """
    config = series.config
    assert config is not None
    articles = published(series)
    graph = prerequisite_graph(articles)
    order = reading_order(graph)
    assert order is not None, "build_metadata needs an acyclic graph"
    reach = reachability(graph, order)
    infos = [_article_info(a, graph, reach, config) for a in articles]
    slugs = [a.slug for a in articles]
    by_phase: dict[str, list[str]] = {p.id: [] for p in config.phases}
    by_tag: dict[str, list[str]] = {}
    for info in infos:  # one pass; each list keeps the articles' order
        if info["phase"] in by_phase:
            by_phase[info["phase"]].append(info["slug"])
        for tag in dict.fromkeys(info["tags"]):
            by_tag.setdefault(tag, []).append(info["slug"])
    return {
        "schemaVersion": SCHEMA_VERSION,
        "series": {
            "id": config.id,
            "title": config.title,
            "description": config.description,
            "roadmap": config.roadmap,
            "baseUrl": config.base_url,
            "lang": config.lang or DEFAULT_LANG,
            "articleCount": len(articles),
        },
        "roadmap": _roadmap_info(series),
        "phases": [
            {
                "id": p.id,
                "title": p.title,
                "years": p.years,
                "description": p.description,
                "articles": list(by_phase[p.id]),
            }
            for p in config.phases
        ],
        "tiers": [
            {
                "id": t.id,
                "title": t.title,
                "description": t.description,
                "articles": _in_order(slugs, t.articles),
            }
            for t in config.tiers
        ],
        "articles": infos,
        "readingOrder": order,
        "tags": {tag: by_tag[tag] for tag in sorted(by_tag)},
    }


def _in_order(slugs: list[str], chosen: Iterable[str]) -> list[str]:
    """The `chosen` slugs that are in `slugs`, in the order of `slugs`."""
    wanted = set(chosen)
    return [s for s in slugs if s in wanted]


def permalink(config: SeriesConfig, slug: str | None = None) -> str:
    """The address of a series' page (its roadmap) or of one article's page:
    `baseUrl` + `/<series-id>/[<slug>/]`, or that path alone without a `baseUrl`."""
    path = f"/{config.id}/" + (f"{slug}/" if slug else "")
    return (config.base_url or "").rstrip("/") + path


def last_modified(front: FrontMatter) -> str:
    """The newest of an article's `date`, `updated` and `updates` dates."""
    return max([front.date, front.updated or front.date, *(u.date for u in front.updates)])


def _roadmap_info(series: Series) -> dict[str, Any] | None:
    """The roadmap's own entry, or None when it is missing, invalid or a draft."""
    config = series.config
    assert config is not None
    found = [a for a in series.valid_articles() if a.path == config.roadmap]
    if not found or found[0].front.draft:
        return None
    article, front = found[0], found[0].front
    return {
        "slug": article.slug,
        "title": front.title,
        "path": article.path,
        "permalink": permalink(config),
        "lang": config.lang or DEFAULT_LANG,
        "date": front.date,
        "lastModified": last_modified(front),
        "excerpt": front.excerpt,
        "author": front.author,
        "tags": list(front.tags),
        "wordCount": article.markdown.words,
        "headings": _headings(article),
    }


def _headings(article: Article) -> list[dict[str, Any]]:
    return [{"level": h.level, "text": h.text, "id": h.id} for h in article.markdown.headings]


def _article_info(
    article: ValidArticle, graph: PrerequisiteGraph, reach: Reachability, config: SeriesConfig
) -> dict[str, Any]:
    front = article.front
    assert front.phase is not None
    estimate = estimate_minutes(article.markdown)
    before = list(graph.prerequisites[article.slug])  # published ones only
    after = sorted_dependents(graph, article.slug)
    return {
        "slug": article.slug,
        "order": front.order,
        "title": front.title,
        "path": article.path,
        "permalink": permalink(config, article.slug),
        "lang": config.lang or DEFAULT_LANG,
        "date": front.date,
        "updated": front.updated,
        "lastModified": last_modified(front),
        "excerpt": front.excerpt,
        "category": front.category,
        "tags": list(front.tags),
        "author": front.author,
        "featured": front.featured,
        "phase": front.phase,
        "readingTime": estimate if front.reading_time == "auto" else front.reading_time,
        "readingTimeEstimate": estimate,
        "wordCount": article.markdown.words,
        "headings": _headings(article),
        "prerequisites": before,
        "dependents": after,
        # the reading box's two lists (render_reading_box reads these keys)
        "previous": list(before),
        "next": list(after),
        "readingPath": reach.reading_path(article.slug),
        "code": [{"path": p, "symbol": s} for p, s in map(split_code_ref, front.code)],
        "notebooks": list(front.notebooks),
        "updates": [{"date": u.date, "summary": u.summary} for u in front.updates],
    }
