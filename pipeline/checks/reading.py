"""FM006: the declared reading time agrees with the text."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.core.codes import diag
from pipeline.core.corpus import Corpus
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.i18n import msg
from pipeline.domain.readingtime import estimate_minutes, far_from


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """A warning for each article whose `readingTime` is far from the estimate."""
    for series in corpus.series:
        for article in series.valid_articles():
            declared = article.front.reading_time
            if declared == "auto":
                continue  # `build` publishes the estimate itself
            estimate = estimate_minutes(article.markdown)
            if far_from(declared, estimate):
                line, column = article.position("readingTime")
                yield diag(
                    "FM006",
                    article.path,
                    line,
                    column,
                    msg(
                        "`readingTime: {declared}` but the text reads in about {minutes} "
                        "({words} words, {code} code lines, {formulas} formulas)",
                        declared=declared,
                        minutes=msg("{count} minute", count=estimate)
                        if estimate == 1
                        else msg("{count} minutes", count=estimate),
                        words=article.markdown.words,
                        code=article.markdown.code_lines,
                        formulas=article.markdown.math_blocks,
                    ),
                    msg(
                        "set `readingTime: {minutes}` (or `auto`, to publish the estimate)",
                        minutes=estimate,
                    ),
                )
