"""Probing what articles reference: paths on disk, Python symbols, notebooks, linked docs."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pipeline.core.corpus import (
    Article,
    OutputFact,
    PathFact,
    PathKind,
    PythonFacts,
    Series,
    ValidArticle,
    is_valid,
)
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.document import Kind, ParsedMarkdown
from pipeline.core.i18n import msg
from pipeline.domain.suggest import Candidates
from pipeline.domain.targets import companion_python, split_code_ref
from pipeline.domain.text import nfc
from pipeline.load.cache import LoadCache
from pipeline.load.cachedfile import load_cached
from pipeline.load.found import Found
from pipeline.load.frontmatter import split_front_matter
from pipeline.load.jsonforms import (
    diagnostics_from_json,
    diagnostics_to_json,
    python_from_json,
    python_to_json,
    text_from_json,
    text_to_json,
)
from pipeline.load.markdown import parse_markdown
from pipeline.load.readfile import decode_text, locate, read_text, utf8_name

if TYPE_CHECKING:
    import ast


class Facts(NamedTuple):
    """What probing found, keyed by root-relative path."""

    paths: dict[str, PathFact]
    python: dict[str, PythonFacts]
    notebooks: dict[str, str | None]


def _linked_companion_code(article: Article) -> Iterable[str]:
    return (
        target.path
        for _, target in article.links()
        if target.kind is Kind.LOCAL and companion_python(target.path)
    )


def probe_corpus(
    root: Path,
    series: Iterable[Series],
    documents: dict[str, ParsedMarkdown],
    cache: LoadCache,
) -> Found[Facts]:
    """Probe every referenced path; parse linked Markdown files into `documents`."""
    out: list[Diagnostic] = []
    prober = _Prober(root.resolve())
    # articles already read are regular files inside the root, spelled as on disk
    prober.paths.update(dict.fromkeys(documents, PathFact(PathKind.FILE)))
    python: dict[str, PythonFacts] = {}
    notebooks: dict[str, str | None] = {}
    for s in series:
        if s.config:
            prober.fact(s.config.roadmap)
        for article in s.articles:
            linked, problems = _linked_documents(prober, article, documents)
            documents.update(linked)
            out.extend(problems)
            if not is_valid(article):
                continue
            for path in _python_wanted(prober, article):
                if path not in python:
                    python[path], problems = _python_facts(root, path, cache)
                    out.extend(problems)
            for path in article.front.notebooks:
                if prober.fact(path).kind is PathKind.FILE and path not in notebooks:
                    notebooks[path], problems = _notebook_facts(root, path, cache)
                    out.extend(problems)
    return Found(Facts(_mark_ignored(root, prober.paths), python, notebooks), tuple(out))


def _python_wanted(prober: _Prober, article: ValidArticle) -> Iterator[str]:
    """The existing Python files whose facts an article needs: those it names with a
    symbol, and, when it shows Python blocks (excerpts), the companion code it cites."""
    excerpts = bool(article.markdown.python_blocks)  # they need the lines of the code
    for ref in article.front.code:
        path, symbol = split_code_ref(ref)
        fact = prober.fact(path)
        if (symbol or (excerpts and companion_python(path))) and fact.kind is PathKind.FILE:
            yield path
    for path in _linked_companion_code(article) if excerpts else ():
        if prober.fact(path).kind is PathKind.FILE:
            yield path


def _linked_documents(
    prober: _Prober, article: Article, documents: dict[str, ParsedMarkdown]
) -> Found[dict[str, ParsedMarkdown]]:
    """The Markdown files an article links to that are not in `documents` yet, parsed."""
    linked: dict[str, ParsedMarkdown] = {}
    out: list[Diagnostic] = []
    for _, target in article.links():
        if target.kind is not Kind.LOCAL or not target.path:
            continue
        fact = prober.fact(target.path)
        if (
            target.path.endswith(".md")
            and fact.kind is PathKind.FILE
            and target.path not in documents
            and target.path not in linked
        ):
            text, unread = read_text(prober.root, target.path)
            out.extend(unread)
            if text is not None:
                linked[target.path] = parse_markdown(split_front_matter(text).body)
    return Found(linked, tuple(out))


OUTPUT_KEYS = ("metadata", "changelog", "graph")


def probe_outputs(root: Path, series: Iterable[Series]) -> tuple[OutputFact, ...]:
    """Where each configured output path really lands (symbolic links followed)."""
    base = os.path.realpath(root)
    return tuple(
        _output_fact(base, s.id, key, path)
        for s in series
        if s.config is not None
        for key in OUTPUT_KEYS
        if (path := getattr(s.config.outputs, key)) is not None
    )


def _output_fact(base: str, series: str, key: str, path: str) -> OutputFact:
    real = os.path.realpath(os.path.join(base, path))
    if real == base:
        return OutputFact(series, key, path, PathKind.DIR, ".")
    if not real.startswith(base.rstrip(os.sep) + os.sep):
        return OutputFact(series, key, path, PathKind.OUTSIDE, None)
    kind = PathKind.DIR if os.path.isdir(real) else PathKind.FILE
    if kind is PathKind.FILE and not os.path.lexists(real):
        kind = PathKind.MISSING
    return OutputFact(series, key, path, kind, os.path.relpath(real, base).replace(os.sep, "/"))


class _Prober:
    """Caches directory listings so that each folder is listed once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.paths: dict[str, PathFact] = {}
        self._base = os.fspath(root)
        self._listings: dict[str, dict[str, str]] = {}
        self._indexes: dict[str, Candidates] = {}

    def fact(self, rel: str) -> PathFact:
        if rel not in self.paths:
            self.paths[rel] = self._probe(rel)
        return self.paths[rel]

    def _listing(self, folder: str) -> dict[str, str]:
        if folder not in self._listings:
            try:
                names = os.listdir(folder)
            except OSError:
                names = []
            self._listings[folder] = {nfc(n): n for n in names if n.isascii() or utf8_name(n)}
        return self._listings[folder]

    def _candidates(self, folder: str) -> Candidates:
        """The names of `folder` indexed by letter case folded (for hints and for names
        that differ only in case), once per folder."""
        if folder not in self._indexes:
            self._indexes[folder] = Candidates(self._listing(folder), str.casefold)
        return self._indexes[folder]

    def _probe(self, rel: str) -> PathFact:
        if rel in ("", "."):
            return PathFact(PathKind.DIR)
        current, case_differs = self._base, False
        actual: list[str] = []
        for part in nfc(rel).split("/"):
            names = self._listing(current)
            if part in names:
                name = names[part]
            else:
                index = self._candidates(current)
                other_case = index.same_key(part)
                if other_case is None:
                    close = index.closest(part, n=3)
                    prefix = "/".join(actual)
                    siblings = tuple(f"{prefix}/{c}" if prefix else c for c in close)
                    return PathFact(PathKind.MISSING, siblings=siblings)
                name, case_differs = names[other_case], True
            actual.append(nfc(name))
            current = os.path.join(current, name)
        return self._kind(current, "/".join(actual) if case_differs else None)

    def _kind(self, full: str, case_actual: str | None) -> PathFact:
        found = locate(self.root, full)
        if found is None:
            return PathFact(PathKind.MISSING)
        inside, status = found
        if not inside:
            return PathFact(PathKind.OUTSIDE)
        if case_actual is not None:
            return PathFact(PathKind.MISSING, case_actual=case_actual)
        return PathFact(PathKind.DIR if stat.S_ISDIR(status.st_mode) else PathKind.FILE)


def _python_facts(root: Path, rel: str, cache: LoadCache) -> Found[PythonFacts]:
    """Top-level names (and `Class.member`) of a Python file, parsed with ast, never run."""

    def parse(data: bytes) -> dict[str, Any]:
        text, unread = decode_text(rel, data)
        if text is None:
            facts = PythonFacts(error=(1, 1, unread[0].message))
            return {**python_to_json(facts), "diagnostics": diagnostics_to_json(unread)}
        lines = frozenset(filter(None, (line.strip() for line in text.split("\n"))))
        return {**python_to_json(_parse_python(rel, text)._replace(lines=lines)), "diagnostics": []}

    entry, unread = load_cached(root, rel, "python", cache, parse, max_bytes=5_000_000)
    if entry is None:
        return Found(PythonFacts(error=(1, 1, unread[0].message)), unread)
    return Found(python_from_json(entry), tuple(diagnostics_from_json(entry["diagnostics"])))


def _parse_python(rel: str, text: str) -> PythonFacts:
    import ast  # only when a code file changed

    try:
        tree = ast.parse(text, filename=rel)
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None) or 1
        column = getattr(exc, "offset", None) or 1
        return PythonFacts(error=(line, column, getattr(exc, "msg", str(exc))))
    except (RecursionError, MemoryError):  # what Python's own compiler would hit too
        return PythonFacts(error=(1, 1, "expressions nested too deeply for Python's parser"))
    return PythonFacts(names=frozenset(_defined_names(tree.body)))


def _defined_names(body: list[ast.stmt], prefix: str = "") -> Iterable[str]:
    import ast

    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield prefix + node.name
            if isinstance(node, ast.ClassDef) and not prefix:
                yield from _defined_names(node.body, f"{node.name}.")
        elif isinstance(node, ast.Assign):
            yield from (prefix + t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            yield prefix + node.target.id


def _notebook_facts(root: Path, rel: str, cache: LoadCache) -> Found[str | None]:
    """Why a notebook is not valid nbformat 4 JSON, or None. Never executes it."""

    def parse(data: bytes) -> dict[str, Any]:
        text, unread = decode_text(rel, data)
        if text is None:
            return {"problem": None, "diagnostics": diagnostics_to_json(unread)}
        return {"problem": text_to_json(_notebook_problem(text)), "diagnostics": []}

    entry, unread = load_cached(root, rel, "notebook", cache, parse, max_bytes=50_000_000)
    if entry is None:
        return Found(None, unread)
    problem: str | None = text_from_json(entry["problem"])
    return Found(problem, tuple(diagnostics_from_json(entry["diagnostics"])))


def _notebook_problem(text: str) -> str | None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # ValueError: also an integer too long
        return msg("not valid JSON: {error}", error=str(exc))
    return _nbformat_problem(data)


def _nbformat_problem(data: Any) -> str | None:
    if not isinstance(data, dict):
        return msg("top level is not a JSON object")
    if data.get("nbformat") != 4 or not isinstance(data.get("nbformat_minor"), int):
        return msg("`nbformat` must be 4 with an integer `nbformat_minor`")
    if not isinstance(data.get("metadata"), dict) or not isinstance(data.get("cells"), list):
        return msg("`metadata` must be an object and `cells` a list")
    for index, cell in enumerate(data["cells"]):
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
            return msg("cell {index} has no valid `cell_type`", index=index)
        source = cell.get("source")
        if not (
            isinstance(source, str)
            or (isinstance(source, list) and all(isinstance(s, str) for s in source))
        ):
            return msg("cell {index} has no valid `source`", index=index)
    return None


def _mark_ignored(root: Path, paths: dict[str, PathFact]) -> dict[str, PathFact]:
    """Flag existing paths that git ignores: they will be missing from a fresh clone."""
    present = sorted(p for p, f in paths.items() if f.kind in (PathKind.FILE, PathKind.DIR))
    ignored = git_ignored(root, present)
    return {p: f._replace(ignored=True) if p in ignored else f for p, f in paths.items()}


def git_ignored(root: Path, paths: list[str]) -> set[str]:
    """The subset of `paths` that git ignores (and does not track); empty outside git."""
    if not paths:
        return set()
    import subprocess

    try:
        done = subprocess.run(
            ["git", "-C", str(root), "check-ignore", "--stdin", "-z"],
            input="\0".join(paths).encode("utf-8", "surrogateescape"),
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if done.returncode not in (0, 1):
        return set()
    return {p for p in done.stdout.decode("utf-8", "replace").split("\0") if p}
