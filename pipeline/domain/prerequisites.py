"""The prerequisite graph of a series and the orders derived from it.

The hot path uses plain dictionaries, a heap and integer bitsets (reachability in one pass
over a topological order), so a run never pays networkx's import time; the tests check
every result here against networkx on random graphs.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterable
from itertools import compress
from typing import NamedTuple

from pipeline.core.corpus import Article, by_slug, is_valid


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
    valid = list(by_slug(filter(is_valid, articles)).values())
    for article in valid:
        graph.order[article.slug] = article.front.order
        graph.prerequisites[article.slug] = []
        graph.dependents[article.slug] = []
    for article in valid:
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


MAX_CYCLES = 20  # per series: enough to show every independent cycle of a real mistake


def closing_edges(graph: PrerequisiteGraph) -> list[tuple[str, str]]:
    """Edges (prerequisite, dependent) that close a cycle: the back edges of a depth-first
    search in reading order. Each closes a cycle of its own, and without all of them the
    graph is acyclic, so fixing one leaves the others reported."""
    state: dict[str, bool] = {}  # True while on the search path, False when finished
    found: list[tuple[str, str]] = []
    for start in sorted(graph.order, key=graph.key):
        if start in state:
            continue
        state[start] = True
        path = [(start, iter(sorted_dependents(graph, start)))]
        while path:
            node, successors = path[-1]
            for successor in successors:
                if state.get(successor) is True:
                    found.append((node, successor))
                elif successor not in state:
                    state[successor] = True
                    path.append((successor, iter(sorted_dependents(graph, successor))))
                    break
            else:
                state[node] = False
                path.pop()
    return found


def cycles(graph: PrerequisiteGraph, limit: int = MAX_CYCLES) -> list[list[str]]:
    """One cycle per closing edge (u, v), at most `limit`: [u, v, ..., w], the shortest
    way back from v to u; each article is a prerequisite of the next, the last of the first."""
    return [[u, *_shortest_path(graph, v, u)[:-1]] for u, v in closing_edges(graph)[:limit]]


def _shortest_path(graph: PrerequisiteGraph, source: str, target: str) -> list[str]:
    """Articles from `source` to `target` along prerequisite -> dependent edges (breadth
    first, ties by order); the caller knows that a path exists."""
    came_from: dict[str, str] = {source: source}
    queue = deque([source])
    while target not in came_from:
        slug = queue.popleft()
        for dependent in sorted_dependents(graph, slug):
            if dependent not in came_from:
                came_from[dependent] = slug
                queue.append(dependent)
    way = [target]
    while way[-1] != source:
        way.append(came_from[way[-1]])
    return way[::-1]


def sorted_dependents(graph: PrerequisiteGraph, slug: str) -> list[str]:
    """Articles that list `slug` directly as a prerequisite, by order."""
    return sorted(graph.dependents[slug], key=graph.key)
