"""ASCII kebab-case slugs from Vietnamese titles."""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "ø": "o", "ł": "l"})


def ascii_slug(text: str) -> str:
    """`Khởi nguyên VLM & CLIP` -> `khoi-nguyen-vlm-clip`: ASCII, lowercase, hyphens."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_only = stripped.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
