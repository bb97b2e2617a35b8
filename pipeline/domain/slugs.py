"""ASCII kebab-case slugs from Vietnamese titles."""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "ø": "o", "ł": "l"})


def ascii_slug(text: str) -> str:
    """`Khởi nguyên VLM & CLIP` -> `khoi-nguyen-vlm-clip`: ASCII, lowercase, hyphens.

    Letters lose their diacritics; every other character (a dash of any kind, punctuation,
    a letter with no ASCII form) is a word boundary, so `CNN–LSTM` gives `cnn-lstm`."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL).lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", stripped).strip("-")
