"""FIG: images have alt text that is a sentence; images are used; figures are up to date.

Alt text counts as a sentence when it has at least `MIN_WORDS` words and ends with `.`, `!`,
`?` or `…` (a closing quote or bracket may follow). Generated figures are checked against
the manifest that `python -m vlm.figures` writes (see pipeline/images.py).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from pipeline.core.codes import diag
from pipeline.core.corpus import Corpus
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.document import Kind
from pipeline.core.images import ImageFolder

MIN_WORDS = 4
_ENDS = (".", "!", "?", "…")
_CLOSERS = "\"')]»”’"


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every FIG diagnostic: alt text in the articles, then each series' images folder."""
    used: set[str] = set()
    for series in corpus.series:
        for article in series.articles:
            for link, target in article.links():
                if target.kind is Kind.LOCAL and target.path:
                    used.add(target.path)
                if link.image:
                    yield from _alt(article.path, link.dest, link.alt, link.line, link.column)
    for folder in corpus.images:
        yield from _unused(folder, used)
        yield from _manifest(folder)


def is_sentence(text: str) -> bool:
    """At least `MIN_WORDS` words, ending with sentence punctuation (then maybe a closer)."""
    return len(text.split()) >= MIN_WORDS and text.rstrip().rstrip(_CLOSERS).endswith(_ENDS)


def _alt(path: str, dest: str, alt: str, line: int, column: int) -> Iterator[Diagnostic]:
    if not alt.strip():
        yield diag(
            "FIG001",
            path,
            line,
            column,
            f"image `{dest}` has no alt text",
            "say in one sentence what the image shows: `![Sơ đồ … .](path)`",
        )
    elif not is_sentence(alt):
        yield diag(
            "FIG002",
            path,
            line,
            column,
            f"alt text of image `{dest}` is not a sentence: `{alt}`",
            f"write at least {MIN_WORDS} words ending with `.`, `!` or `?` "
            "that say what the image shows",
        )


def _unused(folder: ImageFolder, used: set[str]) -> Iterator[Diagnostic]:
    here = posixpath.dirname(folder.folder)
    for path in folder.files:
        if path not in used:
            yield diag(
                "FIG003",
                path,
                1,
                1,
                f"image `{path}` is not used by any article",
                f"show it with `![alt](images/{posixpath.relpath(path, folder.folder)})` "
                f"in an article of {here}, or delete it",
            )


def _manifest(folder: ImageFolder) -> Iterator[Diagnostic]:
    command = f"`{folder.generator}`" if folder.generator else "the command that makes the figures"
    regenerate = f"run {command} and commit the figures and figures.json"
    if folder.error:
        why, line, column = folder.error
        yield diag(
            "FIG006",
            folder.manifest,
            line,
            column,
            f"figure manifest is invalid: {why}",
            regenerate,
        )
    for figure in folder.figures:
        if figure.actual is None:
            yield diag(
                "FIG006",
                folder.manifest,
                figure.line,
                1,
                f"figure manifest lists `{figure.path}`, which does not exist",
                regenerate,
            )
            continue
        if figure.actual != figure.recorded:
            yield diag(
                "FIG004",
                figure.path,
                1,
                1,
                "figure differs from the one its code made (SHA-256 in figures.json): "
                "edited by hand?",
                regenerate + "; change the code that draws it, not the file",
            )
        for source in figure.sources:
            if source.actual != source.recorded:
                what = "was removed" if source.actual is None else "changed"
                yield diag(
                    "FIG005",
                    figure.path,
                    1,
                    1,
                    f"`{source.path}`, which makes this figure, {what} since it was made",
                    regenerate,
                )
