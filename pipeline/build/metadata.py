"""`metadata.json`: a pure rendering of one validated series."""

from __future__ import annotations

from pipeline.graph import (
    PrerequisiteGraph,
    Reachability,
    prerequisite_graph,
    reachability,
    reading_order,
    sorted_dependents,
)
from pipeline.model import Article, Series
from pipeline.probe import split_code_ref
from pipeline.reading import estimate_minutes
from schema.article import ArticleFrontMatter
from schema.metadata import (
    SCHEMA_VERSION,
    ArticleInfo,
    CodeInfo,
    HeadingInfo,
    Metadata,
    PhaseInfo,
    SeriesInfo,
    TierInfo,
)
from schema.series import SeriesConfig


def published(series: Series) -> list[Article]:
    """Numbered, non-draft articles with valid front matter, by order."""
    chosen = [
        a for a in series.valid_articles() if a.front and a.front.order > 0 and not a.front.draft
    ]
    return sorted(chosen, key=lambda a: (a.front.order if a.front else 0, a.path))


def build_metadata(series: Series) -> Metadata:
    """The metadata model of a series that validated without errors.

    Built with `model_construct` (no validation): every value comes from validated front
    matter or is computed here, and the tests check the output against the JSON Schema.
    """
    config = series.config
    assert config is not None
    articles = published(series)
    graph = prerequisite_graph(articles)
    order = reading_order(graph)
    assert order is not None, "build_metadata needs an acyclic graph"
    reach = reachability(graph, order)
    infos = [_article_info(a, graph, reach) for a in articles]
    slugs = [a.slug for a in articles]
    return Metadata.model_construct(
        schema_version=SCHEMA_VERSION,
        series=_series_info(config, len(articles)),
        phases=[
            PhaseInfo.model_construct(
                id=p.id,
                title=p.title,
                years=p.years,
                articles=[i.slug for i in infos if i.phase == p.id],
            )
            for p in config.phases
        ],
        tiers=[
            TierInfo.model_construct(
                id=t.id, title=t.title, articles=[s for s in slugs if s in t.articles]
            )
            for t in config.tiers
        ],
        articles=infos,
        reading_order=order,
        tags={
            tag: [i.slug for i in infos if tag in i.tags]
            for tag in sorted({tag for i in infos for tag in i.tags})
        },
    )


def _series_info(config: SeriesConfig, count: int) -> SeriesInfo:
    return SeriesInfo.model_construct(
        id=config.id,
        title=config.title,
        description=config.description,
        roadmap=config.roadmap,
        article_count=count,
    )


def _article_info(article: Article, graph: PrerequisiteGraph, reach: Reachability) -> ArticleInfo:
    front = article.front
    assert isinstance(front, ArticleFrontMatter) and front.phase is not None
    return ArticleInfo.model_construct(
        slug=article.slug,
        order=front.order,
        title=front.title,
        path=article.path,
        date=front.date,
        updated=front.updated,
        excerpt=front.excerpt,
        category=front.category,
        tags=list(front.tags),
        author=front.author,
        featured=front.featured,
        phase=front.phase,
        reading_time=front.reading_time,
        reading_time_estimate=estimate_minutes(article.markdown),
        word_count=article.markdown.words,
        headings=[
            HeadingInfo.model_construct(level=h.level, text=h.text, id=h.id)
            for h in article.markdown.headings
        ],
        prerequisites=list(front.prerequisites),
        dependents=sorted_dependents(graph, article.slug),
        reading_path=reach.reading_path(article.slug),
        code=[
            CodeInfo.model_construct(path=p, symbol=s) for p, s in map(split_code_ref, front.code)
        ],
        notebooks=list(front.notebooks),
        updates=list(front.updates),
    )


def render_metadata(series: Series) -> str:
    """metadata.json text: UTF-8, two-space indent, no build timestamps, trailing newline."""
    # pydantic's Rust serialiser writes the same text as json.dumps(indent=2), much faster
    return build_metadata(series).model_dump_json(by_alias=True, indent=2) + "\n"
