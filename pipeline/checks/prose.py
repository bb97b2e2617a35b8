"""REF: prose references such as "bài 9 (LLaVA)" must name the right article."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from pipeline.core.codes import diag
from pipeline.core.corpus import Article, Corpus
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.i18n import msg
from pipeline.domain.anchors import fold
from pipeline.domain.suggest import quoted
from pipeline.domain.text import ARTICLE_REFERENCE

_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"\w{2,}")


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every REF diagnostic of the series' articles."""
    for series in corpus.series:
        by_order: dict[int, list[Article]] = {}
        for candidate in series.articles:
            if candidate.number is not None:
                by_order.setdefault(candidate.number, []).append(candidate)
        names: dict[str, frozenset[str]] = {}  # folded words of each article's title and slug
        for article in series.articles:
            for prose in article.markdown.prose:
                for match in ARTICLE_REFERENCE.finditer(prose.text):
                    if _plainly_right(match, by_order, names):
                        continue
                    line, column = prose.line, prose.column + match.start()
                    yield from _reference(article, by_order, names, match, line, column)


def _plainly_right(
    match: re.Match[str], by_order: dict[int, list[Article]], names: dict[str, frozenset[str]]
) -> bool:
    """The common case, decided without building any diagnostic: one article that exists,
    named by a word of its title when a label is given (`_reference`'s two decisions)."""
    number, more, label = match.groups()
    if more:
        return False
    candidates = by_order.get(int(number))
    if candidates is None:
        return False
    return not label or _named(label, candidates, names)


def _reference(
    article: Article,
    by_order: dict[int, list[Article]],
    names: dict[str, frozenset[str]],
    match: re.Match[str],
    line: int,
    column: int,
) -> Iterator[Diagnostic]:
    numbers = [int(match.group(1)), *(int(n) for n in _NUMBER.findall(match.group(2)))]
    label = match.group(3)
    for number in numbers:
        if number not in by_order:
            yield diag(
                "REF001",
                article.path,
                line,
                column,
                msg(
                    "`{reference}` refers to article {number}, which does not exist",
                    reference=match.group(0),
                    number=number,
                ),
                msg(
                    "the series has articles {first}–{last}",
                    first=min(by_order, default=0),
                    last=max(by_order, default=0),
                ),
            )
    if label and len(numbers) == 1 and numbers[0] in by_order:
        candidates = by_order[numbers[0]]
        target = candidates[0]
        if not _named(label, candidates, names):
            better = next(
                (n for n, arts in sorted(by_order.items()) if _named(label, arts, names)),
                None,
            )
            hint = (
                msg("did you mean {word}?", word=quoted(f"bài {better} ({label})"))
                if better is not None
                else msg("article {number} is “{title}”", number=numbers[0], title=_title(target))
            )
            yield diag(
                "REF002",
                article.path,
                line,
                column,
                msg(
                    "`{reference}`: “{label}” is not in the title of article {number} (“{title}”)",
                    reference=match.group(0),
                    label=label,
                    number=numbers[0],
                    title=_title(target),
                ),
                hint,
            )


def _title(article: Article) -> str:
    return article.front.title if article.front else article.slug


def _named(label: str, candidates: list[Article], names: dict[str, frozenset[str]]) -> bool:
    """Whether `label` names one of the articles with a given number."""
    return any(_names(label, a, names) for a in candidates)


def _names(label: str, article: Article, names: dict[str, frozenset[str]]) -> bool:
    """Whether a word of `label` occurs in the article's title or slug (folded); true when
    the title is unknown (the article's own front matter error is reported instead)."""
    if article.front is None:
        return True
    haystack = names.get(article.path)
    if haystack is None:
        haystack = _words(f"{_title(article)} {article.slug.replace('-', ' ')}")
        names[article.path] = haystack
    return not haystack.isdisjoint(_label_words(label))


@functools.lru_cache(maxsize=65536)
def _label_words(label: str) -> frozenset[str]:
    return _words(label)


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(fold(text)))
