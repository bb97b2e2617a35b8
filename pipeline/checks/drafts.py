"""FM011: a published article still holds the placeholders `new` wrote."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.core.codes import diag
from pipeline.core.corpus import Corpus
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.i18n import msg

PLACEHOLDER = "TODO"  # how `new` starts each text the author must write


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """An error for each published article whose title or excerpt is still a placeholder."""
    for series in corpus.series:
        for article in series.valid_articles():
            front = article.front
            if front.draft:
                continue
            for key in ("title", "excerpt"):
                if getattr(front, key).lstrip().startswith(PLACEHOLDER):
                    yield diag(
                        "FM011",
                        article.path,
                        *article.position(key),
                        msg(
                            "`{key}` is still a placeholder (`{placeholder}`) in a published article",
                            key=key,
                            placeholder=PLACEHOLDER,
                        ),
                        msg("write the {key}, or keep `draft: true` until it is written", key=key),
                    )
