"""The prerequisite graph of a series as a Mermaid flowchart (the graph page, the roadmap's
generated region and the site draw it), and the ordering every picture of it shares."""

from __future__ import annotations

import re

from pipeline.core.corpus import Series, ValidArticle, by_slug, published
from pipeline.domain.prerequisites import PrerequisiteGraph, prerequisite_graph, reading_order


def ordered(series: Series) -> tuple[list[ValidArticle], PrerequisiteGraph]:
    """The published articles in reading order, and their prerequisite graph."""
    articles = published(series)
    graph = prerequisite_graph(articles)
    unique = by_slug(articles)
    order = reading_order(graph) or list(unique)
    return [unique[s] for s in order], graph


def label(article: ValidArticle) -> str:
    """`<order>. <title>`: an article's node label."""
    return f"{article.front.order}. {article.front.title}"


def edges(graph: PrerequisiteGraph, articles: list[ValidArticle]) -> list[tuple[str, str]]:
    """The graph's edges, ordered by the dependent's then the prerequisite's rank."""
    rank = {a.slug: i for i, a in enumerate(articles)}
    return sorted(graph.edges, key=lambda e: (rank[e[1]], rank[e[0]]))


def render_mermaid(series: Series) -> str:
    """A Mermaid flowchart: eras as subgraphs, edges prerequisite --> dependent."""
    articles, graph = ordered(series)
    node = {a.slug: f"a{a.front.order:02d}" for a in articles}
    lines = ["flowchart TD"]
    for index, phase in enumerate(series.config.phases if series.config else ()):
        members = [a for a in articles if a.front.phase == phase.id]
        if not members:
            continue
        title = _mermaid_text(f"{phase.title} ({phase.years})")
        lines.append(f'  subgraph p{index}["{title}"]')
        lines += [f'    {node[a.slug]}["{_mermaid_text(label(a))}"]' for a in members]
        lines.append("  end")
    lines += [f"  {node[u]} --> {node[v]}" for u, v in edges(graph, articles)]
    return "\n".join(lines) + "\n"


# Mermaid's entity codes: `#quot;` inside a label stands for `"`, `#35;` for `#`, and so on
_MERMAID_NAMED = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;"}
_MERMAID_SPECIAL = re.compile(r'["<>&#`\x00-\x1f\x7f\x85\u2028\u2029]')


def _mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label: characters the label syntax or the HTML it becomes
    would read (quotes, `<`, `>`, `&`, `#`, backticks, line breaks) as entity codes."""
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID_NAMED.get(m[0]) or f"#{ord(m[0])};", text)
