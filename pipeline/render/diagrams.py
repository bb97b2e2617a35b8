"""Pictures of a series' prerequisite graph: Mermaid, Graphviz DOT and JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from pipeline.core.corpus import Corpus, Series, ValidArticle, by_slug, published
from pipeline.core.diagnostics import UsageError
from pipeline.domain.prerequisites import PrerequisiteGraph, prerequisite_graph, reading_order


def pick_series(corpus: Corpus, series_id: str | None) -> Series:
    """The series named `series_id`, or the only one; a UsageError otherwise."""
    ids = [s.id for s in corpus.series]
    if series_id is None and len(ids) == 1:
        return corpus.series[0]
    for series in corpus.series:
        if series.id == series_id:
            return series
    raise UsageError(f"choose a series with --series: one of {', '.join(ids) or '(none)'}")


def _ordered(series: Series) -> tuple[list[ValidArticle], PrerequisiteGraph]:
    articles = published(series)
    graph = prerequisite_graph(articles)
    unique = by_slug(articles)
    order = reading_order(graph) or list(unique)
    return [unique[s] for s in order], graph


def _label(article: ValidArticle) -> str:
    return f"{article.front.order}. {article.front.title}"


def render_mermaid(series: Series) -> str:
    """A Mermaid flowchart: eras as subgraphs, edges prerequisite --> dependent."""
    articles, graph = _ordered(series)
    node = {a.slug: f"a{a.front.order:02d}" for a in articles}
    lines = ["flowchart TD"]
    for index, phase in enumerate(series.config.phases if series.config else ()):
        members = [a for a in articles if a.front.phase == phase.id]
        if not members:
            continue
        title = _mermaid_text(f"{phase.title} ({phase.years})")
        lines.append(f'  subgraph p{index}["{title}"]')
        lines += [f'    {node[a.slug]}["{_mermaid_text(_label(a))}"]' for a in members]
        lines.append("  end")
    lines += [f"  {node[u]} --> {node[v]}" for u, v in _edges(graph, articles)]
    return "\n".join(lines) + "\n"


# Mermaid's entity codes: `#quot;` inside a label stands for `"`, `#35;` for `#`, and so on
_MERMAID_NAMED = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;"}
_MERMAID_SPECIAL = re.compile(r'["<>&#`\x00-\x1f\x7f\x85\u2028\u2029]')


def _mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label: characters the label syntax or the HTML it becomes
    would read (quotes, `<`, `>`, `&`, `#`, backticks, line breaks) as entity codes."""
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID_NAMED.get(m[0]) or f"#{ord(m[0])};", text)


def _edges(graph: PrerequisiteGraph, articles: list[ValidArticle]) -> list[tuple[str, str]]:
    rank = {a.slug: i for i, a in enumerate(articles)}
    return sorted(graph.edges, key=lambda e: (rank[e[1]], rank[e[0]]))


def render_dot(series: Series) -> str:
    """A Graphviz digraph: eras as clusters, edges prerequisite -> dependent."""
    articles, graph = _ordered(series)
    lines = [f"digraph {_dot_id(series.id)} {{", "  rankdir=TB;", "  node [shape=box];"]
    for index, phase in enumerate(series.config.phases if series.config else ()):
        members = [a for a in articles if a.front.phase == phase.id]
        if not members:
            continue
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f"    label={_dot_id(f'{phase.title} ({phase.years})')};")
        lines += [f"    {_dot_id(a.slug)} [label={_dot_id(_label(a))}];" for a in members]
        lines.append("  }")
    lines += [f"  {_dot_id(u)} -> {_dot_id(v)};" for u, v in _edges(graph, articles)]
    return "\n".join([*lines, "}"]) + "\n"


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_json(series: Series) -> str:
    """Nodes, edges and reading order as JSON."""
    articles, graph = _ordered(series)
    document = {
        "series": series.id,
        "nodes": [
            {"slug": a.slug, "order": a.front.order, "title": a.front.title, "phase": a.front.phase}
            for a in articles
        ],
        "edges": [list(edge) for edge in _edges(graph, articles)],
        "readingOrder": [a.slug for a in articles],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_graph_page(series: Series) -> str:
    """A Markdown page with the Mermaid diagram of the series (for docs/)."""
    title = series.config.title if series.config else series.id
    return (
        f"# Đồ thị tiên quyết: {title}\n\n"
        "<!-- Sinh tự động bởi `make build-metadata` từ front matter (prerequisites, phase); "
        "đừng sửa tay. -->\n\n"
        "Mỗi mũi tên đi từ bài cần đọc trước tới bài dựa trên nó; các khung là các giai đoạn.\n\n"
        f"```mermaid\n{render_mermaid(series)}```\n"
    )


RENDERERS: dict[str, Callable[[Series], str]] = {
    "mermaid": render_mermaid,
    "dot": render_dot,
    "json": render_json,
}


def render_graph(corpus: Corpus, series_id: str | None, fmt: str) -> str:
    """The graph of one series in the chosen format."""
    return RENDERERS[fmt](pick_series(corpus, series_id))
