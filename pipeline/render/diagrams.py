"""Pictures of a series' prerequisite graph: Mermaid (`domain/mermaid.py`), Graphviz DOT
and JSON, and the graph page."""

from __future__ import annotations

import json
from collections.abc import Callable

from pipeline.core.corpus import Series
from pipeline.domain.mermaid import edges, label, ordered, render_mermaid


def render_dot(series: Series) -> str:
    """A Graphviz digraph: eras as clusters, edges prerequisite -> dependent."""
    articles, graph = ordered(series)
    lines = [f"digraph {_dot_id(series.id)} {{", "  rankdir=TB;", "  node [shape=box];"]
    for index, phase in enumerate(series.config.phases if series.config else ()):
        members = [a for a in articles if a.front.phase == phase.id]
        if not members:
            continue
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f"    label={_dot_id(f'{phase.title} ({phase.years})')};")
        lines += [f"    {_dot_id(a.slug)} [label={_dot_id(label(a))}];" for a in members]
        lines.append("  }")
    lines += [f"  {_dot_id(u)} -> {_dot_id(v)};" for u, v in edges(graph, articles)]
    return "\n".join([*lines, "}"]) + "\n"


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_json(series: Series) -> str:
    """Nodes, edges and reading order as JSON."""
    articles, graph = ordered(series)
    document = {
        "series": series.id,
        "nodes": [
            {"slug": a.slug, "order": a.front.order, "title": a.front.title, "phase": a.front.phase}
            for a in articles
        ],
        "edges": [list(edge) for edge in edges(graph, articles)],
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
