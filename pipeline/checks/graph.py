"""GR: the prerequisite graph: unknown slugs, self-references, cycles, order, redundancy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pipeline.core.codes import diag
from pipeline.core.corpus import Corpus, Series, ValidArticle, by_slug
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.i18n import msg
from pipeline.domain.prerequisites import (
    PrerequisiteGraph,
    cycles,
    prerequisite_graph,
    reachability,
    reading_order,
    redundant_edges,
)
from pipeline.domain.suggest import did_you_mean


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every GR diagnostic of the corpus."""
    for series in corpus.series:
        yield from _entries(series)
        graph = prerequisite_graph(series.articles)
        unique = by_slug(series.valid_articles())
        yield from _ordering(graph, unique)
        order = reading_order(graph)
        if order is None:
            yield from _cycles(graph, unique)
        else:
            yield from _redundant(graph, order, unique)


def _entries(series: Series) -> Iterator[Diagnostic]:
    slugs = [a.slug for a in series.articles]
    known = set(slugs)
    for article in series.valid_articles():
        listed = article.front.prerequisites
        if not listed:
            continue
        counts = Counter(listed) if len(set(listed)) < len(listed) else None
        for index, slug in enumerate(listed):
            if slug == article.slug:
                code, message, hint = (
                    "GR002",
                    msg("`{slug}` lists itself as a prerequisite", slug=slug),
                    msg("remove it"),
                )
            elif slug not in known:
                code = "GR001"
                message = msg(
                    "unknown prerequisite `{slug}` in series `{series}`",
                    slug=slug,
                    series=series.id,
                )
                hint = did_you_mean(slug, slugs) or msg(
                    "use an article's slug (file name without `NN-` and `.md`)"
                )
            elif counts and counts[slug] > 1 and listed.index(slug) != index:
                code, message = "GR006", msg("prerequisite `{slug}` is listed twice", slug=slug)
                hint = msg("remove the duplicate")
            else:
                continue
            line, column = article.position("prerequisites", index)
            yield diag(code, article.path, line, column, message, hint)


def _edge_position(article: ValidArticle, prerequisite: str) -> tuple[int, int]:
    index = article.front.prerequisites.index(prerequisite)
    return article.position("prerequisites", index)


def _cycles(graph: PrerequisiteGraph, articles: dict[str, ValidArticle]) -> Iterator[Diagnostic]:
    for cycle in cycles(graph):
        shown = " -> ".join([*cycle, cycle[0]])
        article = articles[cycle[1]]
        line, column = _edge_position(article, cycle[0])
        yield diag(
            "GR003",
            article.path,
            line,
            column,
            msg("prerequisite cycle: {cycle} (each requires the one before it)", cycle=shown),
            msg("remove `{slug}` here, or another prerequisite of the cycle", slug=cycle[0]),
        )


def _ordering(graph: PrerequisiteGraph, articles: dict[str, ValidArticle]) -> Iterator[Diagnostic]:
    for prerequisite, dependent in graph.edges:
        before, after = articles[prerequisite], articles[dependent]
        if before.front.order >= after.front.order:
            line, column = _edge_position(after, prerequisite)
            yield diag(
                "GR004",
                after.path,
                line,
                column,
                msg(
                    "prerequisite `{slug}` (order {order}) does not come before this article "
                    "(order {own})",
                    slug=prerequisite,
                    order=before.front.order,
                    own=after.front.order,
                ),
                msg("reorder the articles or drop the prerequisite"),
            )


def _redundant(
    graph: PrerequisiteGraph, order: list[str], articles: dict[str, ValidArticle]
) -> Iterator[Diagnostic]:
    for prerequisite, dependent, via in redundant_edges(graph, reachability(graph, order)):
        line, column = _edge_position(articles[dependent], prerequisite)
        yield diag(
            "GR005",
            articles[dependent].path,
            line,
            column,
            msg("prerequisite `{slug}` is already implied by `{via}`", slug=prerequisite, via=via),
            msg("remove `{slug}`", slug=prerequisite),
        )
