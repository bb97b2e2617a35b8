"""Heading anchor ids, generated the way GitHub generates them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from pipeline.text import nfc


class _Table(dict[int, int | None]):
    """str.translate table: keep letters, marks, digits, `-`, `_` and space; drop the rest.

    Each distinct character is classified once, then looked up in C.
    """

    def __missing__(self, code: int) -> int | None:
        char = chr(code)
        kept = char in "-_ " or unicodedata.category(char)[0] in "LMN"
        self[code] = code if kept else None
        return self[code]


_TABLE = _Table()


def slugify_heading(text: str) -> str:
    """GitHub's anchor for a heading text: lowercase, punctuation dropped, spaces to hyphens.

    Unicode letters, marks and digits are kept, so Vietnamese diacritics survive.
    """
    return nfc(text).lower().translate(_TABLE).replace(" ", "-")


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
