"""FM006: the declared reading time agrees with the text."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.core.codes import diag
from pipeline.core.corpus import Corpus
from pipeline.core.diagnostics import Diagnostic
from pipeline.domain.readingtime import estimate_minutes, far_from


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """A warning for each article whose `readingTime` is far from the estimate."""
    for series in corpus.series:
        for article in series.valid_articles():
            assert article.front is not None
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
                    f"`readingTime: {article.front.reading_time}` but the text reads in about "
                    f"{estimate} minute{'' if estimate == 1 else 's'} "
                    f"({article.markdown.words} words, "
                    f"{article.markdown.code_lines} code lines, {article.markdown.math_blocks} "
                    "formulas)",
                    f"set `readingTime: {estimate}` (or `auto`, to publish the estimate)",
                )
