"""SER019: the roadmap's title, excerpt and headings state the series' real counts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from pipeline.core.codes import diag
from pipeline.core.corpus import Corpus, Series, ValidArticle, published
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.document import Heading
from pipeline.core.i18n import N_, msg

WORDS = {
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}
# A number (digits or a Vietnamese number word) right before the noun it counts; "một"
# is left out, as "một bài" usually means "an article", not a count.
COUNT = re.compile(
    r"(?<![\w.])(\d+|" + "|".join(WORDS) + r")\s+(bài|giai đoạn|tầng)(?!\w)", re.IGNORECASE
)
NOUNS = {"bài": N_("articles"), "giai đoạn": N_("eras"), "tầng": N_("tiers")}


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """An error for each count in the roadmap's title, excerpt or headings that is wrong."""
    for series in corpus.series:
        roadmap = _roadmap(series)
        if roadmap is None or series.config is None:
            continue
        actual = {
            "bài": len(published(series)),
            "giai đoạn": len(series.config.phases),
            "tầng": len(series.config.tiers),
        }
        yield from _stale(series, roadmap, actual)


def _roadmap(series: Series) -> ValidArticle | None:
    wanted = series.config.roadmap if series.config else None
    return next((a for a in series.valid_articles() if a.path == wanted), None)


def _places(article: ValidArticle) -> Iterator[tuple[str, Callable[[int], tuple[int, int]]]]:
    """Each text to check, with a function from a match's offset to its position: a
    heading's exact column, or the front-matter value's own position (it may be quoted;
    looked up only when needed, as a cached run has no parsed YAML at hand)."""
    for key in ("title", "excerpt"):
        yield getattr(article.front, key), _at_value(article, key)
    for heading in article.markdown.headings:
        yield heading.text, _at_heading(heading)


def _at_value(article: ValidArticle, key: str) -> Callable[[int], tuple[int, int]]:
    def where(offset: int) -> tuple[int, int]:
        return article.position(key)

    return where


def _at_heading(heading: Heading) -> Callable[[int], tuple[int, int]]:
    def where(offset: int) -> tuple[int, int]:
        return heading.line, heading.column + heading.level + 1 + offset

    return where


def _stale(series: Series, article: ValidArticle, actual: dict[str, int]) -> Iterator[Diagnostic]:
    for text, where in _places(article):
        for match in COUNT.finditer(text):
            number, noun = match.group(1), match.group(2).lower()
            stated = int(number) if number.isdigit() else WORDS[number.lower()]
            if stated == actual[noun]:
                continue
            yield diag(
                "SER019",
                article.path,
                *where(match.start()),
                msg(
                    "`{stated}` but series `{series}` has {count} {noun}",
                    stated=match.group(0),
                    series=series.id,
                    count=actual[noun],
                    noun=msg(NOUNS[noun]),
                ),
                msg(
                    "write {count}, or move the count into the generated region `series-counts`",
                    count=actual[noun],
                ),
            )
