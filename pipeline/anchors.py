"""Heading anchor ids, generated the way GitHub generates them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from pipeline.text import nfc

_KEEP = frozenset("-_ ")


def slugify_heading(text: str) -> str:
    """GitHub's anchor for a heading text: lowercase, punctuation dropped, spaces to hyphens.

    Unicode letters, marks and digits are kept, so Vietnamese diacritics survive.
    """
    lowered = nfc(text).lower()
    kept = (char for char in lowered if char in _KEEP or unicodedata.category(char)[0] in "LMN")
    return "".join(kept).replace(" ", "-")


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
    decomposed = unicodedata.normalize("NFD", anchor.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
