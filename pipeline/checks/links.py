"""LNK: relative links and images: files, heading anchors, escapes, schemes, letter case."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from pipeline.core.codes import diag
from pipeline.core.corpus import Corpus, PathKind
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.document import Kind, Link, ParsedMarkdown, Target
from pipeline.domain.suggest import closest
from pipeline.domain.text import nfc


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every LNK diagnostic of the series' articles."""
    for series in corpus.series:
        for article in series.articles:
            markdown = article.markdown
            for link, target in article.links():
                if not _plainly_fine(corpus, markdown, target):
                    yield from _link(corpus, article.path, markdown, link, target)
            for ref in markdown.broken_references:
                yield diag(
                    "LNK007",
                    article.path,
                    ref.line,
                    ref.column,
                    f"reference link label [{ref.label}] is not defined",
                    f"add a line `[{ref.label}]: path-or-url` or write an inline link",
                )


def _plainly_fine(corpus: Corpus, own: ParsedMarkdown, target: Target) -> bool:
    """The common case, decided without building any diagnostic: a link to a file that
    exists as written (and to a heading it has)."""
    if target.kind is not Kind.LOCAL:
        return False
    document: ParsedMarkdown | None = own
    if target.path:
        fact = corpus.paths[target.path]
        if fact.kind is not PathKind.FILE or fact.case_actual is not None or fact.ignored:
            return False
        document = corpus.documents.get(target.path)
    fragment = target.fragment
    return document is None or not fragment or nfc(fragment) in document.anchor_ids


def _link(
    corpus: Corpus, source: str, own: ParsedMarkdown, link: Link, target: Target
) -> Iterator[Diagnostic]:
    at = (source, link.line, link.column)
    if target.kind is Kind.UNSAFE:
        yield diag(
            "LNK004",
            *at,
            f"link uses the `{target.scheme}:` scheme",
            "link to an https:// URL or a relative path",
        )
    elif target.kind is Kind.ABSOLUTE:
        yield diag(
            "LNK003", *at, f"absolute path `{link.dest}`", "write the path relative to this file"
        )
    elif target.kind is Kind.ESCAPES:
        yield diag(
            "LNK003",
            *at,
            f"link `{link.dest}` leaves the repository",
            "link to a file inside the repository",
        )
    elif target.kind is Kind.LOCAL:
        yield from _local(corpus, source, own, link, target)


def _local(
    corpus: Corpus, source: str, own: ParsedMarkdown, link: Link, target: Target
) -> Iterator[Diagnostic]:
    at = (source, link.line, link.column)
    if not target.path:
        yield from _anchor(source, own, target.fragment, at, source)
        return
    fact = corpus.paths[target.path]
    ignored = corpus.ignored_target(source, target.path)
    if fact.kind is PathKind.FILE and fact.case_actual is None and not ignored:
        if target.path in corpus.documents:
            yield from _anchor(
                source, corpus.documents[target.path], target.fragment, at, target.path
            )
        return
    here = posixpath.dirname(source)
    if fact.kind is PathKind.OUTSIDE:
        yield diag(
            "LNK003",
            *at,
            f"`{link.dest}` resolves outside the repository (symbolic link?)",
            "link to a real file inside the repository",
        )
    elif fact.case_actual is not None:
        yield diag(
            "LNK006",
            *at,
            f"`{link.dest}` differs in letter case from the file `{fact.case_actual}`",
            f"write `{posixpath.relpath(fact.case_actual, here or '.')}`",
        )
    elif fact.kind is PathKind.MISSING:
        code, what = ("LNK005", "image") if link.image else ("LNK001", "link target")
        hint = (
            f"did you mean `{posixpath.relpath(fact.siblings[0], here or '.')}`?"
            if fact.siblings
            else "check the path, relative to this file"
        )
        yield diag(code, *at, f"{what} `{link.dest}` not found", hint)
    elif ignored:
        yield diag(
            "LNK008",
            *at,
            f"`{link.dest}` is ignored by git, so a fresh clone lacks it",
            "commit the file (adjust .gitignore) or link to a tracked file",
        )
    elif link.image and fact.kind is not PathKind.FILE:
        yield diag(
            "LNK005",
            *at,
            f"image `{link.dest}` is a folder, not a file",
            "link to the image file",
        )
    elif target.path in corpus.documents:
        yield from _anchor(source, corpus.documents[target.path], target.fragment, at, target.path)


def _anchor(
    source: str,
    document: ParsedMarkdown,
    fragment: str | None,
    at: tuple[str, int, int],
    target_path: str,
) -> Iterator[Diagnostic]:
    if not fragment:
        return
    wanted = nfc(fragment)
    if wanted in document.anchor_ids:
        return
    suggestion = closest(wanted, sorted(document.anchor_ids))
    hint = (
        f"did you mean `#{suggestion}`?"
        if suggestion
        else ("headings of the target: " + ", ".join(f"#{h.id}" for h in document.headings[:8]))
    )
    where = "this file" if target_path == source else target_path
    yield diag("LNK002", *at, f"anchor #{fragment} not found in {where}", hint)
