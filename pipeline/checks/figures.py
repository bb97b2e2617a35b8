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
from pipeline.core.i18n import msg
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
            msg("image `{dest}` has no alt text", dest=dest),
            msg("say in one sentence what the image shows: `![Sơ đồ … .](path)`"),
        )
    elif not is_sentence(alt):
        yield diag(
            "FIG002",
            path,
            line,
            column,
            msg("alt text of image `{dest}` is not a sentence: `{alt}`", dest=dest, alt=alt),
            msg(
                "write at least {count} words ending with `.`, `!` or `?` "
                "that say what the image shows",
                count=MIN_WORDS,
            ),
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
                msg("image `{path}` is not used by any article", path=path),
                msg(
                    "show it with `![alt](images/{name})` in an article of {folder}, or delete it",
                    name=posixpath.relpath(path, folder.folder),
                    folder=here,
                ),
            )


def _manifest(folder: ImageFolder) -> Iterator[Diagnostic]:
    regenerate = (
        msg("run `{command}` and commit the figures and figures.json", command=folder.generator)
        if folder.generator
        else msg("run the command that makes the figures and commit the figures and figures.json")
    )
    if folder.error:
        why, line, column = folder.error
        yield diag(
            "FIG006",
            folder.manifest,
            line,
            column,
            msg("figure manifest is invalid: {reason}", reason=why),
            regenerate,
        )
    for figure in folder.figures:
        if figure.actual is None:
            yield diag(
                "FIG006",
                folder.manifest,
                figure.line,
                1,
                msg("figure manifest lists `{path}`, which does not exist", path=figure.path),
                regenerate,
            )
            continue
        if figure.actual != figure.recorded:
            yield diag(
                "FIG004",
                figure.path,
                1,
                1,
                msg(
                    "figure differs from the one its code made (SHA-256 in figures.json): "
                    "edited by hand?"
                ),
                msg(
                    "{regenerate}; change the code that draws it, not the file",
                    regenerate=regenerate,
                ),
            )
        for source in figure.sources:
            if source.actual != source.recorded:
                message = (
                    msg(
                        "`{path}`, which makes this figure, was removed since it was made",
                        path=source.path,
                    )
                    if source.actual is None
                    else msg(
                        "`{path}`, which makes this figure, changed since it was made",
                        path=source.path,
                    )
                )
                yield diag(
                    "FIG005",
                    figure.path,
                    1,
                    1,
                    message,
                    regenerate,
                )
