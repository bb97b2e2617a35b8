"""Loaded articles as plain JSON values, for the cache (JSON: loading it never runs code)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from pipeline.diagnostics import Diagnostic, Severity
from pipeline.fastvalid import from_record, to_record
from pipeline.markdown import BrokenReference, Heading, Link, ParsedMarkdown, Prose
from pipeline.model import Article, PythonFacts
from pipeline.regions import Region
from pipeline.yamlload import YamlResult

if TYPE_CHECKING:
    from schema.article import ArticleFrontMatter


def diagnostics_to_json(diagnostics: list[Diagnostic]) -> list[list[Any]]:
    """Diagnostics as lists."""
    return [
        [d.path, d.line, d.column, d.code, d.severity.value, d.message, d.hint] for d in diagnostics
    ]


def diagnostics_from_json(data: list[list[Any]]) -> list[Diagnostic]:
    """The inverse of `diagnostics_to_json`."""
    return [
        Diagnostic(p, line, col, code, Severity(sev), msg, hint)
        for p, line, col, code, sev, msg, hint in data
    ]


def _positions(positions: dict[tuple[str | int, ...], tuple[int, int]]) -> list[list[Any]]:
    return [[list(path), line, column] for path, (line, column) in positions.items()]


def markdown_to_json(md: ParsedMarkdown) -> dict[str, Any]:
    """A parsed Markdown body as JSON values."""
    return {
        "headings": [[h.level, h.text, h.id, h.line, h.column] for h in md.headings],
        "links": [[k.dest, k.image, k.line, k.column] for k in md.links],
        "ids": sorted(md.anchor_ids),
        "broken": [[b.label, b.line, b.column] for b in md.broken_references],
        "prose": [[p.text, p.line, p.column] for p in md.prose],
        "counts": [md.words, md.code_lines, md.math_blocks],
    }


def markdown_from_json(data: dict[str, Any]) -> ParsedMarkdown:
    """The inverse of `markdown_to_json`."""
    words, code_lines, math_blocks = data["counts"]
    return ParsedMarkdown(
        tuple(Heading(*h) for h in data["headings"]),
        tuple(Link(*k) for k in data["links"]),
        frozenset(data["ids"]),
        tuple(BrokenReference(*b) for b in data["broken"]),
        tuple(Prose(*p) for p in data["prose"]),
        words,
        code_lines,
        math_blocks,
    )


def article_to_json(article: Article, diagnostics: list[Diagnostic]) -> dict[str, Any]:
    """What loading one article produced, including its diagnostics."""
    yaml = article.yaml
    return {
        "front": None if article.front is None else from_record(article.front),
        "readable": article.readable,
        "yaml": None
        if yaml is None
        else {
            "value": yaml.value,
            "keys": _positions(yaml.key_positions),
            "values": _positions(yaml.value_positions),
        },
        "markdown": markdown_to_json(article.markdown),
        "regions": [[r.name, r.line, r.inner, r.first, r.stop] for r in article.regions],
        "diagnostics": diagnostics_to_json(diagnostics),
    }


def article_from_json(
    rel: str, slug: str, file_order: int | None, data: dict[str, Any]
) -> tuple[Article, list[Diagnostic]]:
    """The inverse of `article_to_json` (front matter re-validated: it was valid before)."""
    yaml = None
    if data["yaml"] is not None:
        yaml = YamlResult(
            data["yaml"]["value"], packed=(data["yaml"]["keys"], data["yaml"]["values"])
        )
    front = None if data["front"] is None else _front(data["front"])
    regions = tuple(Region(*r) for r in data["regions"])
    article = Article(
        rel,
        slug,
        file_order,
        front,
        yaml,
        markdown_from_json(data["markdown"]),
        readable=data["readable"],
        regions=regions,
    )
    return article, diagnostics_from_json(data["diagnostics"])


def _front(fields: dict[str, Any]) -> ArticleFrontMatter:
    """Front matter that validated when it was cached, as its record again."""
    return cast("ArticleFrontMatter", to_record(fields))


def python_to_json(facts: PythonFacts) -> dict[str, Any]:
    """Names defined by a Python file, or its syntax error."""
    return {"names": sorted(facts.names), "error": list(facts.error) if facts.error else None}


def python_from_json(data: dict[str, Any]) -> PythonFacts:
    """The inverse of `python_to_json`."""
    error = data["error"]
    return PythonFacts(frozenset(data["names"]), (error[0], error[1], error[2]) if error else None)
