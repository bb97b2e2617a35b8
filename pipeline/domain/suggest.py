"""Did-you-mean hints that ignore case and Vietnamese diacritics.

A hint compares the missing word with candidates by difflib's ratio. With many candidates
(a folder of 1,000 files, a series of 1,000 slugs) comparing each missing word with each
candidate is quadratic, so candidates are indexed once by their character trigrams and a
query scores only the few that share the most trigrams with it.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable

from pipeline.core.i18n import Text, msg
from pipeline.domain.anchors import fold

SMALL = 64  # up to this many candidates, difflib compares the word with each of them
SHORTLIST = 8  # candidates sharing the most trigrams with the word, compared by difflib


def _trigrams(text: str) -> list[str]:
    """The distinct character trigrams of `text` (padded at both ends), sorted."""
    padded = f"\0{text}\0"
    return sorted({padded[i : i + 3] for i in range(len(padded) - 2)})


class Candidates:
    """Candidate words indexed once; `closest` ranks them against a word by difflib's
    ratio over their `key` forms (by default the same words), never all of them when
    there are many."""

    def __init__(self, words: Iterable[str], key: Callable[[str], str] = str) -> None:
        self.key = key
        self.words: dict[str, str] = {}  # key form -> the first word with it
        for word in words:
            self.words.setdefault(key(word), word)
        self.keys = list(self.words)
        self.postings: dict[str, list[int]] = {}
        if len(self.keys) > SMALL:
            for index, form in enumerate(self.keys):
                for gram in _trigrams(form):
                    self.postings.setdefault(gram, []).append(index)

    def same_key(self, word: str) -> str | None:
        """The first candidate whose key form is that of `word`, if any."""
        return self.words.get(self.key(word))

    def closest(self, word: str, n: int = 1, cutoff: float = 0.6) -> list[str]:
        """Up to `n` candidates close to `word`, best first (an exact key match alone)."""
        form = self.key(word)
        if form in self.words:
            return [self.words[form]]
        import difflib  # only when a diagnostic wants a suggestion

        matches = difflib.get_close_matches(form, self._shortlist(form), n=n, cutoff=cutoff)
        return [self.words[m] for m in matches]

    def _shortlist(self, form: str) -> list[str]:
        if len(self.keys) <= SMALL:
            return self.keys
        shared: Counter[int] = Counter()
        for gram in _trigrams(form):
            shared.update(self.postings.get(gram, ()))
        # most_common keeps the first counted of equal counts: trigrams and postings are
        # visited in a fixed order, so the shortlist is the same on every run
        return [self.keys[index] for index, _ in shared.most_common(SHORTLIST)]


@functools.lru_cache(maxsize=16)
def _folded(words: tuple[str, ...]) -> Candidates:
    return Candidates(words, fold)


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate closest to `word`, comparing case- and diacritic-folded forms (the
    index of the same candidates is reused across calls)."""
    found = _folded(tuple(candidates)).closest(word, cutoff=cutoff)
    return found[0] if found else None


def quoted(text: str) -> str:
    """`text` as a code span."""
    return "`" + text + "`"


def did_you_mean(word: str, candidates: Iterable[str], quote: str = "`") -> Text | None:
    """A `did you mean X?` hint, or None when nothing is close."""
    found = closest(word, candidates)
    return msg("did you mean {word}?", word=quote + found + quote) if found else None
