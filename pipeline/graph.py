"""The prerequisite graph of a series and the orders derived from it.

The hot path uses plain dictionaries, a heap and integer bitsets (reachability in one pass
over a topological order), so a run never pays networkx's import time; networkx is loaded
only to explain a cycle (strongly connected components), and the tests check every result
here against networkx on random graphs.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from itertools import compress
from typing import NamedTuple

from pipeline.model import Article, by_slug


class PrerequisiteGraph:
    """Edges prerequisite -> dependent between articles with valid front matter."""

    __slots__ = ("dependents", "order", "prerequisites")

    def __init__(self) -> None:
        self.order: dict[str, int] = {}
        self.prerequisites: dict[str, list[str]] = {}
        self.dependents: dict[str, list[str]] = {}

    @property
    def edges(self) -> list[tuple[str, str]]:
        """Every edge (prerequisite, dependent), sorted."""
        return sorted((p, d) for d, ps in self.prerequisites.items() for p in ps)

    def key(self, slug: str) -> tuple[int, str]:
        """Tie-break key: the article's order, then its slug."""
        return (self.order[slug], slug)


def prerequisite_graph(articles: Iterable[Article]) -> PrerequisiteGraph:
    """The graph over articles with valid front matter; unknown slugs, self-references,
    repeated entries and a second article with the same slug are left out (the checks
    report them)."""
    graph = PrerequisiteGraph()
    valid = list(by_slug(a for a in articles if a.front is not None).values())
    for article in valid:
        assert article.front is not None
        graph.order[article.slug] = article.front.order
        graph.prerequisites[article.slug] = []
        graph.dependents[article.slug] = []
    for article in valid:
        assert article.front is not None
        for slug in dict.fromkeys(article.front.prerequisites):
            if slug in graph.order and slug != article.slug:
                graph.prerequisites[article.slug].append(slug)
                graph.dependents[slug].append(article.slug)
    return graph


def reading_order(graph: PrerequisiteGraph) -> list[str] | None:
    """Topological order, ties broken by `order` then slug; None when there is a cycle."""
    waiting = {slug: len(ps) for slug, ps in graph.prerequisites.items()}
    ready = [graph.key(slug) for slug, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    result: list[str] = []
    while ready:
        _, slug = heapq.heappop(ready)
        result.append(slug)
        for dependent in graph.dependents[slug]:
            waiting[dependent] -= 1
            if waiting[dependent] == 0:
                heapq.heappush(ready, graph.key(dependent))
    return result if len(result) == len(waiting) else None


_BIT_BYTES = bytes.maketrans(b"01", b"\x00\x01")


class Reachability(NamedTuple):
    """Transitive prerequisites as bitsets over positions in a reading order."""

    order: list[str]
    position: dict[str, int]
    ancestors: dict[str, int]

    def has_path(self, source: str, target: str) -> bool:
        """Whether `source` is a transitive prerequisite of `target`."""
        return bool(self.ancestors[target] >> self.position[source] & 1)

    def reading_path(self, slug: str) -> list[str]:
        """Every transitive prerequisite of `slug`, in reading order."""
        # byte i of the selector is bit i of the bitset: itertools.compress does the rest
        digits = format(self.ancestors[slug], "b")[::-1].encode("ascii")
        return list(compress(self.order, digits.translate(_BIT_BYTES)))


def reachability(graph: PrerequisiteGraph, order: list[str]) -> Reachability:
    """Ancestor bitsets computed in one pass over a topological `order`."""
    position = {slug: index for index, slug in enumerate(order)}
    ancestors: dict[str, int] = {}
    for slug in order:
        bits = 0
        for prerequisite in graph.prerequisites[slug]:
            bits |= ancestors[prerequisite] | (1 << position[prerequisite])
        ancestors[slug] = bits
    return Reachability(order, position, ancestors)


def redundant_edges(graph: PrerequisiteGraph, reach: Reachability) -> list[tuple[str, str, str]]:
    """(prerequisite, dependent, via): edges implied by the path through another prerequisite."""
    found = []
    for dependent, prerequisites in graph.prerequisites.items():
        for prerequisite in prerequisites:
            via = next(
                (q for q in prerequisites if q != prerequisite and reach.has_path(prerequisite, q)),
                None,
            )
            if via is not None:
                found.append((prerequisite, dependent, via))
    return sorted(found)


def cycles(graph: PrerequisiteGraph) -> list[list[str]]:
    """One cycle per strongly connected component, each starting at its first article."""
    import networkx as nx  # only on the error path: a cycle exists

    digraph = nx.DiGraph(graph.edges)
    found = []
    components = [c for c in nx.strongly_connected_components(digraph) if len(c) > 1]
    for component in sorted(components, key=lambda c: min(map(graph.key, c))):
        if len(component) > 1:
            start = min(component, key=graph.key)
            found.append([u for u, _ in nx.find_cycle(digraph.subgraph(component), source=start)])
    return found


def sorted_dependents(graph: PrerequisiteGraph, slug: str) -> list[str]:
    """Articles that list `slug` directly as a prerequisite, by order."""
    return sorted(graph.dependents[slug], key=graph.key)
