"""The graph algorithms agree with networkx on random graphs."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.domain.prerequisites import (
    PrerequisiteGraph,
    closing_edges,
    cycles,
    reachability,
    reading_order,
    redundant_edges,
)


@st.composite
def graphs(draw: st.DrawFn, acyclic: bool) -> PrerequisiteGraph:
    size = draw(st.integers(1, 12))
    slugs = [f"s{i}" for i in range(size)]
    orders = draw(st.permutations(range(1, size + 1)))
    graph = PrerequisiteGraph()
    for slug, order in zip(slugs, orders, strict=True):
        graph.order[slug] = order
        graph.prerequisites[slug] = []
        graph.dependents[slug] = []
    pairs = draw(st.lists(st.tuples(st.sampled_from(slugs), st.sampled_from(slugs)), max_size=30))
    for a, b in pairs:
        if a == b or a in graph.prerequisites[b]:
            continue
        if acyclic and graph.order[a] > graph.order[b]:
            a, b = b, a
        if a not in graph.prerequisites[b]:
            graph.prerequisites[b].append(a)
            graph.dependents[a].append(b)
    return graph


def _nx(graph: PrerequisiteGraph) -> nx.DiGraph:
    digraph = nx.DiGraph()
    digraph.add_nodes_from(graph.order)
    digraph.add_edges_from(graph.edges)
    return digraph


@settings(max_examples=300, deadline=None)
@given(graphs(acyclic=True))
def test_dag_results_match_networkx(graph: PrerequisiteGraph) -> None:
    digraph = _nx(graph)
    order = reading_order(graph)
    assert order == list(nx.lexicographical_topological_sort(digraph, key=graph.key))
    reach = reachability(graph, order)
    for slug in graph.order:
        expected = nx.ancestors(digraph, slug)
        assert set(reach.reading_path(slug)) == expected
        assert reach.reading_path(slug) == [s for s in order if s in expected]
    reduced = nx.transitive_reduction(digraph)
    implied = {(p, d) for p, d, _ in redundant_edges(graph, reach)}
    assert implied == {e for e in digraph.edges if not reduced.has_edge(*e)}


@settings(max_examples=300, deadline=None)
@given(graphs(acyclic=False))
def test_cycles_match_networkx(graph: PrerequisiteGraph) -> None:
    digraph = _nx(graph)
    acyclic = nx.is_directed_acyclic_graph(digraph)
    assert (reading_order(graph) is not None) == acyclic
    closing = closing_edges(graph)
    assert len(set(closing)) == len(closing)
    assert all(digraph.has_edge(*edge) for edge in closing)
    # every closing edge closes a cycle, and without them all no cycle is left
    assert all(nx.has_path(digraph, v, u) for u, v in closing)
    opened = digraph.copy()
    opened.remove_edges_from(closing)
    assert nx.is_directed_acyclic_graph(opened)
    components = [c for c in nx.strongly_connected_components(digraph) if len(c) > 1]
    found = cycles(graph, limit=len(closing))
    assert len(found) == len(closing) >= len(components)
    for cycle, (u, v) in zip(found, closing, strict=True):
        assert cycle[:2] == [u, v] and len(set(cycle)) == len(cycle)
        assert len(cycle) == 1 + nx.shortest_path_length(digraph, v, u)
        for a, b in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
            assert digraph.has_edge(a, b)
    assert len(cycles(graph, limit=1)) == min(1, len(closing))


def test_each_independent_cycle_of_one_group_is_reported() -> None:
    graph = PrerequisiteGraph()
    edges = [("a", "b"), ("b", "a"), ("b", "c"), ("c", "d"), ("d", "b")]
    for index, slug in enumerate("abcd", start=1):
        graph.order[slug] = index
        graph.prerequisites[slug] = [p for p, d in edges if d == slug]
        graph.dependents[slug] = [d for p, d in edges if p == slug]
    assert len([c for c in nx.strongly_connected_components(_nx(graph)) if len(c) > 1]) == 1
    assert cycles(graph) == [["b", "a"], ["d", "b", "c"]]
