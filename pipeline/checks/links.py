"""LNK: relative links and images: files, heading anchors, escapes, schemes, letter case."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from pipeline.core.codes import diag
from pipeline.core.corpus import Corpus, PathKind
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.document import Kind, Link, ParsedMarkdown, Target
from pipeline.core.i18n import msg
from pipeline.domain.suggest import closest, quoted
from pipeline.domain.text import nfc


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every LNK diagnostic of the series' articles."""
    for series in corpus.series:
        for article in series.articles:
            markdown = article.markdown
            for link, target in article.links():
                if not _plainly_fine(corpus, article.path, markdown, target):
                    yield from _link(corpus, article.path, markdown, link, target)
            for ref in markdown.broken_references:
                yield diag(
                    "LNK007",
                    article.path,
                    ref.line,
                    ref.column,
                    msg("reference link label [{label}] is not defined", label=ref.label),
                    msg(
                        "add a line `[{label}]: path-or-url` or write an inline link",
                        label=ref.label,
                    ),
                )


def _plainly_fine(corpus: Corpus, source: str, own: ParsedMarkdown, target: Target) -> bool:
    """The common case, decided without building any diagnostic: a link to a file a clone
    has as written (and to a heading it has). The same two decisions as `_local`'s."""
    if target.kind is not Kind.LOCAL:
        return False
    document: ParsedMarkdown | None = own
    if target.path:
        if not _clone_has(corpus, source, target.path):
            return False
        document = corpus.documents.get(target.path)
    return document is None or _has_anchor(document, target.fragment)


def _clone_has(corpus: Corpus, source: str, path: str) -> bool:
    """Whether `path` is a file with the letter case written that a clone of the
    repository holds (seen from `source`: see `Corpus.ignored_target`)."""
    fact = corpus.paths[path]
    return (
        fact.kind is PathKind.FILE
        and fact.case_actual is None
        # `fact.ignored` first only to skip the call for the many files git keeps
        and not (fact.ignored and corpus.ignored_target(source, path))
    )


def _has_anchor(document: ParsedMarkdown, fragment: str | None) -> bool:
    """Whether the link's `#fragment` (if any) names a heading of `document`."""
    return not fragment or nfc(fragment) in document.anchor_ids


def _link(
    corpus: Corpus, source: str, own: ParsedMarkdown, link: Link, target: Target
) -> Iterator[Diagnostic]:
    at = (source, link.line, link.column)
    if target.kind is Kind.UNSAFE:
        yield diag(
            "LNK004",
            *at,
            msg("link uses the `{scheme}:` scheme", scheme=target.scheme),
            msg("link to an https:// URL or a relative path"),
        )
    elif target.kind is Kind.ABSOLUTE:
        yield diag(
            "LNK003",
            *at,
            msg("absolute path `{dest}`", dest=link.dest),
            msg("write the path relative to this file"),
        )
    elif target.kind is Kind.ESCAPES:
        yield diag(
            "LNK003",
            *at,
            msg("link `{dest}` leaves the repository", dest=link.dest),
            msg("link to a file inside the repository"),
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
    if _clone_has(corpus, source, target.path):
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
            msg("`{dest}` resolves outside the repository (symbolic link?)", dest=link.dest),
            msg("link to a real file inside the repository"),
        )
    elif fact.case_actual is not None:
        yield diag(
            "LNK006",
            *at,
            msg(
                "`{dest}` differs in letter case from the file `{actual}`",
                dest=link.dest,
                actual=fact.case_actual,
            ),
            msg("write `{path}`", path=posixpath.relpath(fact.case_actual, here or ".")),
        )
    elif fact.kind is PathKind.MISSING:
        code, message = (
            ("LNK005", msg("image `{dest}` not found", dest=link.dest))
            if link.image
            else ("LNK001", msg("link target `{dest}` not found", dest=link.dest))
        )
        hint = (
            msg(
                "did you mean {word}?",
                word=quoted(posixpath.relpath(fact.siblings[0], here or ".")),
            )
            if fact.siblings
            else msg("check the path, relative to this file")
        )
        yield diag(code, *at, message, hint)
    elif corpus.ignored_target(source, target.path):
        yield diag(
            "LNK008",
            *at,
            msg("`{dest}` is ignored by git, so a fresh clone lacks it", dest=link.dest),
            msg("commit the file (adjust .gitignore) or link to a tracked file"),
        )
    elif link.image and fact.kind is not PathKind.FILE:
        yield diag(
            "LNK005",
            *at,
            msg("image `{dest}` is a folder, not a file", dest=link.dest),
            msg("link to the image file"),
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
    if _has_anchor(document, fragment):
        return
    wanted = nfc(fragment or "")
    suggestion = closest(wanted, sorted(document.anchor_ids))
    hint = (
        msg("did you mean {word}?", word=quoted("#" + suggestion))
        if suggestion
        else msg(
            "headings of the target: {anchors}",
            anchors=", ".join(f"#{h.id}" for h in document.headings[:8]),
        )
    )
    message = (
        msg("anchor #{fragment} not found in this file", fragment=fragment)
        if target_path == source
        else msg("anchor #{fragment} not found in {path}", fragment=fragment, path=target_path)
    )
    yield diag("LNK002", *at, message, hint)
