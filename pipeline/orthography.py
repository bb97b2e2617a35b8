"""Vietnamese spelling conventions: where the tone mark goes, and a glossary of preferred forms.

Two conventions place the tone mark of a syllable whose rime is `oa`, `oe` or `uy` with no
final consonant: the old one on the first vowel (hóa, khỏe, thủy), the new one on the
second (hoá, khoẻ, thuỷ). Every other syllable is written alike in both: a final consonant
or a third vowel moves the mark by rule (hoàn, khoái, khuỷu), and in `qu`+`y` the `u`
belongs to the onset (quý). `place_tone` converts one word from its letters alone; the
patterns built here only find the words worth converting, in one regex pass over the text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any, NamedTuple

OLD, NEW = "old", "new"
# acute, grave, hook above, tilde, dot below: the five marked tones
TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
ONSETS = frozenset(
    [
        "b",
        "c",
        "ch",
        "d",
        "đ",
        "g",
        "gh",
        "gi",
        "h",
        "k",
        "kh",
        "l",
        "m",
        "n",
        "ng",
        "ngh",
        "nh",
        "p",
        "ph",
        "r",
        "s",
        "t",
        "th",
        "tr",
        "v",
        "x",
    ]
)  # `qu` is absent on purpose: in "quý" the `u` is part of the onset, not of the rime
_ONSET_OR_NONE = ONSETS | {""}
RIMES = ("oa", "oe", "uy")
_TONE_SET = frozenset(TONES)
# a URL written in the text: skipped whole, so that no word inside it is reported
_URL = r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s<>]+"


class Finding(NamedTuple):
    """A word written against the convention: where it starts in the text, what it is,
    what to write instead, and whether the glossary (not the tone rule) asks for it."""

    start: int
    found: str
    preferred: str
    glossary: bool


def place_tone(word: str, placement: str) -> str:
    """`word` with its tone mark where `placement` (`old` or `new`) puts it; any other word,
    and any word this does not apply to, comes back unchanged (letter case is kept)."""
    letters, tone = _letters(word)
    if tone is None:
        return word
    bases = "".join(letter[0] for letter in letters).lower()
    if bases[-2:] not in RIMES or bases[:-2] not in _ONSET_OR_NONE:
        return word
    if any(len(letter) > 1 for letter in letters[-2:]):  # ô, ơ, ă, â, ê, ư: another rime
        return word
    target = len(letters) - (2 if placement == OLD else 1)
    marked = [letter + tone if i == target else letter for i, letter in enumerate(letters)]
    return unicodedata.normalize("NFC", "".join(marked))


def _letters(word: str) -> tuple[list[str], str | None]:
    """The letters of `word` (each a base with its vowel marks, tone removed) and its one
    tone mark (None when it has none, or more than one)."""
    letters: list[str] = []
    tones: list[str] = []
    for char in unicodedata.normalize("NFD", word):
        if char in _TONE_SET:
            tones.append(char)
        elif unicodedata.combining(char) and letters:
            letters[-1] += char
        else:
            letters.append(char)
    return letters, tones[0] if len(tones) == 1 else None


def _toned(vowels: str) -> str:
    """Every vowel of `vowels` with each tone mark, lower and upper case (NFC)."""
    forms = (unicodedata.normalize("NFC", v + t) for v in vowels for t in TONES)
    return "".join(f + f.upper() for f in forms)


def _candidates(placement: str) -> str:
    """Words that may be written in the convention other than `placement`: an onset of up to
    three letters, then `oa`, `oe` or `uy` with the tone where the other convention puts it."""
    if placement == NEW:
        rime = f"(?:[{_toned('o')}][aAeE]|[{_toned('u')}][yY])"
    else:
        rime = f"(?:[oO][{_toned('ae')}]|[uU][{_toned('y')}])"
    return rf"(?<!\w)[^\W\d_]{{0,3}}{rime}(?!\w)"


@functools.cache
def pattern(placement: str, avoided: tuple[str, ...] = ()) -> re.Pattern[str]:
    """One regex for a text: URLs (skipped), then glossary terms to avoid (longest first),
    then words that may be in the other tone convention."""
    parts = [f"(?P<url>{_URL})"]
    if avoided:
        terms = "|".join(re.escape(t) for t in sorted(avoided, key=lambda t: (-len(t), t)))
        parts.append(rf"(?P<term>(?<!\w)(?:{terms})(?!\w))")
    parts.append(f"(?P<tone>{_candidates(placement)})")
    return re.compile("|".join(parts), re.IGNORECASE)


def findings(
    text: str,
    placement: str,
    glossary: dict[str, tuple[str, str]],
    avoided: tuple[str, ...],
) -> Iterator[Finding]:
    """Words of `text` against the convention (`glossary`: see `glossary_of`; `avoided`:
    its keys, in a fixed order). A glossary term written as the glossary writes it gets
    the preferred form as given, in other letter case that case."""
    for match in pattern(placement, avoided).finditer(text):
        kind, found = match.lastgroup, match.group()
        if kind == "term":
            written, preferred = glossary[found.lower()]
            if found != written:
                preferred = same_case(preferred, found)
            yield Finding(match.start(), found, preferred, True)
        elif kind == "tone":
            preferred = place_tone(found, placement)
            if preferred != found:
                yield Finding(match.start(), found, preferred, False)


def same_case(preferred: str, found: str) -> str:
    """`preferred` in the letter case of `found`: all capitals, a capital first, or as given."""
    if found.isupper() and len(found) > 1:
        return preferred.upper()
    if found[:1].isupper():
        return preferred[:1].upper() + preferred[1:]
    return preferred


def spelling_of(settings: Any) -> tuple[str, ...]:
    """A series' `orthography` settings as what its articles' parse depends on: the tone
    placement, then every avoided form of the glossary, lowercase and sorted; () without
    settings."""
    if settings is None:
        return ()
    return (settings.tone_placement, *sorted(glossary_of(settings)))


def glossary_of(settings: Any) -> dict[str, tuple[str, str]]:
    """Lowercase avoided form -> (that form as written, the preferred form)."""
    return {f.lower(): (f, entry.use) for entry in settings.glossary for f in entry.avoid}


def keeps(spelling: tuple[str, ...]) -> re.Pattern[str] | None:
    """The pattern of `spelling` (see `spelling_of`), None for ()."""
    return pattern(spelling[0], spelling[1:]) if spelling else None
