"""The prerequisite graph of a series (networkx), and the orders derived from it."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from pipeline.model import Article


def prerequisite_graph(articles: Iterable[Article]) -> nx.DiGraph:
    """Directed graph prerequisite -> dependent over articles with valid front matter.

    Unknown slugs and self-references are left out (the checks report them).
    """
    graph = nx.DiGraph()
    valid = [a for a in articles if a.front is not None]
    for article in valid:
        assert article.front is not None
        graph.add_node(article.slug, order=article.front.order, path=article.path)
    for article in valid:
        assert article.front is not None
        for slug in article.front.prerequisites:
            if slug in graph and slug != article.slug:
                graph.add_edge(slug, article.slug)
    return graph


def _by_order(graph: nx.DiGraph) -> dict[str, tuple[int, str]]:
    return {node: (data["order"], node) for node, data in graph.nodes(data=True)}


def reading_order(graph: nx.DiGraph) -> list[str]:
    """A topological order of the graph, ties broken by `order` (requires a DAG)."""
    key = _by_order(graph)
    return list(nx.lexicographical_topological_sort(graph, key=key.__getitem__))


def reading_path(graph: nx.DiGraph, slug: str) -> list[str]:
    """Every transitive prerequisite of `slug`, in a valid reading order."""
    return reading_order(graph.subgraph(nx.ancestors(graph, slug)))


def dependents(graph: nx.DiGraph, slug: str) -> list[str]:
    """Articles that list `slug` directly as a prerequisite, by order."""
    key = _by_order(graph)
    return sorted(graph.successors(slug), key=key.__getitem__)


def redundant_edges(graph: nx.DiGraph) -> set[tuple[str, str]]:
    """Edges implied by a longer path (not in the transitive reduction); DAGs only."""
    reduced = nx.transitive_reduction(graph)
    return {edge for edge in graph.edges if not reduced.has_edge(*edge)}
