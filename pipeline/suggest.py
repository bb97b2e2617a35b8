"""Did-you-mean hints that ignore case and Vietnamese diacritics."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.anchors import fold


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate closest to `word`, comparing case- and diacritic-folded forms."""
    options = list(candidates)
    folded: dict[str, str] = {}
    for option in options:
        folded.setdefault(fold(option), option)
    key = fold(word)
    if key in folded:
        return folded[key]
    import difflib  # only when a diagnostic wants a suggestion

    match = difflib.get_close_matches(key, list(folded), n=1, cutoff=cutoff)
    return folded[match[0]] if match else None


def did_you_mean(word: str, candidates: Iterable[str], quote: str = "`") -> str | None:
    """A `did you mean X?` hint, or None when nothing is close."""
    found = closest(word, candidates)
    return f"did you mean {quote}{found}{quote}?" if found else None
