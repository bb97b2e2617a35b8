"""Heading anchor ids, generated the way GitHub generates them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from pipeline.domain.text import nfc

# github-slugger deletes these general categories (all but `-` and the plain space) ...
_DROPPED = frozenset(
    [
        "No",
        "Pd",
        "Pe",
        "Pf",
        "Pi",
        "Po",
        "Ps",
        "Sc",
        "Sk",
        "Sm",
        "So",
        "Cc",
        "Cf",
        "Cn",
        "Co",
        "Zl",
        "Zp",
        "Zs",
    ]
)
# ... except characters with the Unicode Alphabetic property; in those categories these
# are the circled and squared Latin letters (Other Symbol). Characters assigned after
# Unicode 13 count as unassigned there; here they follow Python's Unicode database.
_ALPHABETIC_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))


def _kept(code: int) -> bool:
    char = chr(code)
    if char in "- " or unicodedata.category(char) not in _DROPPED:
        return True
    return any(low <= code <= high for low, high in _ALPHABETIC_SYMBOLS)


class _Table(dict[int, int | None]):
    """str.translate table with github-slugger's character classes: keep letters, marks,
    decimal and letter numbers, connector punctuation (`_`), `-` and the space; drop other
    numbers (`₀`, `²`, `½`), other punctuation, symbols, controls, format characters and
    other separators.

    Each distinct character is classified once, then looked up in C.
    """

    def __missing__(self, code: int) -> int | None:
        self[code] = code if _kept(code) else None
        return self[code]


_TABLE = _Table()


def slugify_heading(text: str) -> str:
    """GitHub's anchor for a heading text (github-slugger): lowercase, characters of the
    dropped classes deleted, each space to a hyphen; the id is then put in NFC, the form
    in which the pipeline compares link fragments.

    Unicode letters, marks and digits are kept, so Vietnamese diacritics survive.
    """
    return nfc(text.lower().translate(_TABLE).replace(" ", "-"))


class Slugger:
    """Assigns unique ids within one document: repeats get `-1`, `-2`, ... like GitHub."""

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def reserve(self, ids: Iterable[str]) -> None:
        """Mark explicit ids as taken."""
        self._seen.update(ids)

    def unique(self, text: str) -> str:
        """The next unique id for a heading text."""
        base = slugify_heading(text)
        candidate, n = base, 0
        while candidate in self._seen:
            n += 1
            candidate = f"{base}-{n}"
        self._seen.add(candidate)
        return candidate


def fold(anchor: str) -> str:
    """Anchor without diacritics or case, for did-you-mean suggestions (`đ` folds to `d`)."""
    if anchor.isascii():
        return anchor.lower()
    decomposed = unicodedata.normalize("NFD", anchor.lower().replace("đ", "d"))
    return decomposed.translate(_DROP_COMBINING)


class _DropCombining(dict[int, int | None]):
    """A `str.translate` table that deletes combining marks, filled as characters come."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_DROP_COMBINING = _DropCombining()
