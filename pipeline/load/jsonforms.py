"""Loaded articles as plain JSON values, for the cache (JSON: loading it never runs code)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.core.corpus import Article, ArticleOf, PythonFacts
from pipeline.core.diagnostics import Diagnostic, Severity
from pipeline.core.document import (
    BrokenReference,
    CodeLine,
    Heading,
    Kind,
    Link,
    ParsedMarkdown,
    Prose,
    Region,
    Target,
)
from pipeline.core.i18n import Text
from pipeline.core.records import front_matter_from_json, record_to_json
from pipeline.load.found import Found
from pipeline.load.yamlparse import YamlResult


def diagnostics_to_json(diagnostics: Sequence[Diagnostic]) -> list[list[Any]]:
    """Diagnostics as lists (messages and hints as their templates and arguments)."""
    return [
        [d.path, d.line, d.column, d.code, d.severity.value, text_to_json(d.message)]
        + ([] if d.hint is None else [text_to_json(d.hint)])
        for d in diagnostics
    ]


def diagnostics_from_json(data: list[list[Any]]) -> list[Diagnostic]:
    """The inverse of `diagnostics_to_json`."""
    return [
        Diagnostic(
            p, line, col, code, Severity(sev), text_from_json(msg), *map(text_from_json, hint)
        )
        for p, line, col, code, sev, msg, *hint in data
    ]


def text_to_json(value: Any) -> Any:
    """A translatable Text as `{"t": template, "a": arguments}`; other values as they are."""
    if isinstance(value, Text):
        return {"t": value.template, "a": {k: text_to_json(v) for k, v in value.args.items()}}
    return value


def text_from_json(value: Any) -> Any:
    """The inverse of `text_to_json`."""
    if isinstance(value, dict):
        return Text(value["t"], {k: text_from_json(v) for k, v in value["a"].items()})
    return value


def markdown_to_json(md: ParsedMarkdown) -> list[Any]:
    """A parsed Markdown body as JSON values (anchor ids of headings are not repeated)."""
    headings = {h.id for h in md.headings}
    return [
        md.headings,
        md.links,
        sorted(md.anchor_ids - headings),
        md.broken_references,
        md.prose,
        [md.words, md.code_lines, md.math_blocks],
        md.python_blocks,
    ]


def markdown_from_json(data: list[Any]) -> ParsedMarkdown:
    """The inverse of `markdown_to_json`."""
    headings, links, ids, broken, prose, (words, code_lines, math_blocks), python = data
    new = tuple.__new__  # NamedTuples from lists, without their Python-level __new__
    heading_tuples = tuple(new(Heading, h) for h in headings)
    return ParsedMarkdown(
        heading_tuples,
        tuple(new(Link, k) for k in links),
        frozenset(ids).union(h.id for h in heading_tuples),
        tuple(new(BrokenReference, b) for b in broken),
        tuple(new(Prose, p) for p in prose),
        words,
        code_lines,
        math_blocks,
        tuple(tuple(new(CodeLine, c) for c in block) for block in python),
    )


def article_to_json(article: Article, diagnostics: Sequence[Diagnostic]) -> dict[str, Any]:
    """What loading one article produced, including its diagnostics."""
    return {
        "front": None if article.front is None else record_to_json(article.front),
        "readable": article.readable,
        "yaml": None if article.yaml is None else list(article.yaml.source),
        "markdown": markdown_to_json(article.markdown),
        "regions": [[r.name, r.line, r.inner, r.first, r.stop] for r in article.regions],
        "targets": [[t.kind.name, t.path, t.fragment, t.scheme] for t in article.targets],
        "diagnostics": diagnostics_to_json(diagnostics),
    }


def article_from_json(
    rel: str, slug: str, file_order: int | None, data: dict[str, Any]
) -> Found[Article]:
    """The inverse of `article_to_json` (front matter is not validated again: it was)."""
    new = tuple.__new__
    yaml = None if data["yaml"] is None else YamlResult.positions_later(*data["yaml"])
    front = None if data["front"] is None else front_matter_from_json(data["front"])
    article = ArticleOf(
        rel,
        slug,
        file_order,
        front,
        yaml,
        markdown_from_json(data["markdown"]),
        readable=data["readable"],
        regions=tuple(Region(*r) for r in data["regions"]),
        targets=tuple(new(Target, (Kind[k], p, f, s)) for k, p, f, s in data["targets"]),
    )
    stored = data["diagnostics"]
    return Found(article, tuple(diagnostics_from_json(stored)) if stored else ())


def python_to_json(facts: PythonFacts) -> dict[str, Any]:
    """Names defined by a Python file, or its syntax error, and its stripped lines."""
    return {
        "names": sorted(facts.names),
        "error": list(facts.error) if facts.error else None,
        "lines": None if facts.lines is None else sorted(facts.lines),
    }


def python_from_json(data: dict[str, Any]) -> PythonFacts:
    """The inverse of `python_to_json`."""
    error, lines = data["error"], data["lines"]
    return PythonFacts(
        frozenset(data["names"]),
        (error[0], error[1], error[2]) if error else None,
        None if lines is None else frozenset(lines),
    )
