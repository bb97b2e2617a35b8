"""Text building blocks of the synthetic corpus: sentences, anchors, slugs, folding.

Everything here is a pure function of its arguments (randomness comes from the caller's
seeded `random.Random`), written independently of `pipeline/` so that the benchmark checks
the pipeline instead of repeating it.
"""

from __future__ import annotations

import random
import re
import unicodedata

from bench import words

_SENTENCE_SHAPES = (
    ("D", "N", "A", "V", "N", "P", "N"),
    ("N", "Adv", "V", "D", "N", "A", "C", "N", "V", "N"),
    ("O", "D", "N", "V", "N", "P", "D", "N", "A"),
    ("N", "P", "N", "Adv", "A", "C", "D", "N", "V", "N"),
    ("D", "N", "Adv", "V", "N", "P", "N", "C", "N", "Adv", "V"),
    ("O", "N", "A", "Adv", "V", "N", "P", "N"),
)
_POOLS = {
    "N": words.NOUNS,
    "V": words.VERBS,
    "A": words.ADJECTIVES,
    "D": words.DETERMINERS,
    "Adv": words.ADVERBS,
    "P": words.PREPOSITIONS,
    "C": words.CONNECTIVES,
    "O": words.OPENERS,
}
_KEEP = frozenset("-_ ")
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D"})


def sentence(rng: random.Random) -> str:
    """One sentence in Vietnamese: capitalised, ending with a full stop."""
    shape = rng.choice(_SENTENCE_SHAPES)
    text = " ".join(rng.choice(_POOLS[slot]) for slot in shape)
    return text[0].upper() + text[1:] + "."


def sentences(rng: random.Random, count: int) -> list[str]:
    """`count` sentences."""
    return [sentence(rng) for _ in range(count)]


def word_count(text: str) -> int:
    """Whitespace-separated words, the way a reader's word count goes."""
    return len(text.split())


def github_anchor(text: str) -> str:
    """GitHub's heading id: lowercase, keep letters, marks, digits, space, `-`, `_`;
    spaces become hyphens; diacritics are kept."""
    lowered = unicodedata.normalize("NFC", text).lower()
    kept = "".join(
        char for char in lowered if char in _KEEP or unicodedata.category(char)[0] in "LMN"
    )
    return kept.replace(" ", "-")


class AnchorNamer:
    """Unique anchors within one document: a repeated base gets `-1`, `-2`, ..."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def unique(self, text: str) -> str:
        """The anchor of the next heading with this text."""
        base = github_anchor(text)
        candidate, n = base, 0
        while candidate in self._seen:
            n += 1
            candidate = f"{base}-{n}"
        self._seen.add(candidate)
        return candidate


def fold(text: str) -> str:
    """Lowercase without diacritics (`đ` -> `d`), for comparing labels with titles."""
    decomposed = unicodedata.normalize("NFD", text.lower().translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def folded_words(text: str) -> set[str]:
    """The folded words of two or more letters of `text`."""
    return set(re.findall(r"\w{2,}", fold(text)))


def ascii_slug(text: str) -> str:
    """ASCII kebab-case: `Bộ mã hóa thị giác` -> `bo-ma-hoa-thi-giac`."""
    ascii_only = fold(text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
