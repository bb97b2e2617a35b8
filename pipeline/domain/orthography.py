"""Vietnamese spelling conventions: where the tone mark goes, and a glossary of preferred forms.

Two conventions place the tone mark of a syllable whose rime is `oa`, `oe` or `uy` with no
final consonant: the old one on the first vowel (hóa, khỏe, thủy), the new one on the
second (hoá, khoẻ, thuỷ). Every other syllable is written alike in both: a final consonant
or a third vowel moves the mark by rule (hoàn, khoái, khuỷu), and in `qu`+`y` the `u`
belongs to the onset (quý). `place_tone` converts one word from its letters alone; the
patterns built here only find the words worth converting (one regex pass over the text,
and one more for the glossary's terms).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from pipeline.core.records import Orthography

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
_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s<>]+")


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


@functools.cache
def tone_pattern(placement: str) -> re.Pattern[str]:
    """The end of a word that may be written in the convention other than `placement`:
    `o` or `u`, then a vowel, one of the two marked as the other convention marks it.
    It starts with a character class, so that the regex engine scans for it quickly;
    `place_tone` decides on the whole word."""
    if placement == NEW:
        return re.compile(f"[{_toned('ou')}][aeyAEY](?!\\w)")
    return re.compile(f"[oOuU][{_toned('aey')}](?!\\w)")


@functools.cache
def term_pattern(avoided: tuple[str, ...]) -> re.Pattern[str] | None:
    """The glossary's avoided forms as whole words in any letter case (longest first)."""
    if not avoided:
        return None
    terms = "|".join(re.escape(t) for t in sorted(avoided, key=lambda t: (-len(t), t)))
    return re.compile(rf"(?<!\w)(?:{terms})(?!\w)", re.IGNORECASE)


def findings(
    text: str,
    placement: str,
    glossary: dict[str, tuple[str, str]],
    avoided: tuple[str, ...],
) -> list[Finding]:
    """Words of `text` against the convention, in text order (`glossary`: see
    `glossary_of`; `avoided`: its keys, in a fixed order). A glossary term written as the
    glossary writes it gets the preferred form as given, in other letter case that case.
    Nothing inside a URL is reported, nor a tone inside a reported glossary term."""
    skipped = [m.span() for m in _URL.finditer(text)] if "://" in text or "www." in text else []
    found: list[Finding] = []
    terms = term_pattern(avoided)
    for match in terms.finditer(text) if terms is not None else ():
        if not _inside(match.start(), skipped):
            found.append(_term(match.start(), match.group(), glossary))
    skipped += [(f.start, f.start + len(f.found)) for f in found]
    for match in tone_pattern(placement).finditer(text):
        start = _word_start(text, match.start())
        word = text[start : match.end()]
        preferred = place_tone(word, placement)
        glued = start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")
        if preferred != word and not glued and not _inside(start, skipped):
            found.append(Finding(start, word, preferred, False))
    return sorted(found)


def _term(start: int, found: str, glossary: dict[str, tuple[str, str]]) -> Finding:
    written, preferred = glossary[found.lower()]
    return Finding(
        start, found, preferred if found == written else same_case(preferred, found), True
    )


def _word_start(text: str, end: int) -> int:
    """Where the word ending before `end` starts (at most a few letters back: an onset)."""
    start = end
    while start > 0 and end - start < 4 and text[start - 1].isalpha():
        start -= 1
    return start


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(low <= position < high for low, high in spans)


def same_case(preferred: str, found: str) -> str:
    """`preferred` in the letter case of `found`: all capitals, a capital first, or as given."""
    if found.isupper() and len(found) > 1:
        return preferred.upper()
    if found[:1].isupper():
        return preferred[:1].upper() + preferred[1:]
    return preferred


def spelling_of(settings: Orthography | None) -> tuple[str, ...]:
    """A series' `orthography` settings as what its articles' parse depends on: the tone
    placement, then every avoided form of the glossary, lowercase and sorted; () without
    settings."""
    if settings is None:
        return ()
    return (settings.tone_placement, *sorted(glossary_of(settings)))


def glossary_of(settings: Orthography) -> dict[str, tuple[str, str]]:
    """Lowercase avoided form -> (that form as written, the preferred form)."""
    return {f.lower(): (f, entry.use) for entry in settings.glossary for f in entry.avoid}


def keeps(spelling: tuple[str, ...]) -> Callable[[str], object] | None:
    """Whether a run of prose may hold a finding under `spelling` (see `spelling_of`):
    None for ()."""
    if not spelling:
        return None
    tone, terms = tone_pattern(spelling[0]).search, term_pattern(spelling[1:])
    if terms is None:
        return tone
    term = terms.search
    return lambda text: tone(text) or term(text)
