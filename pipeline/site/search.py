"""Search that fits Vietnamese readers: a query typed without diacritics finds words
written with them, and matches with the exact diacritics come first.

`fold` is the pipeline's own (anchors.fold: lowercase, `đ` to `d`, NFD, combining marks
dropped). The page's script folds queries with `fold_table`, generated from `fold`, so
both sides agree; `rank` is the ranking the script implements (tested here).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from pipeline.domain.anchors import fold

# Latin letters with diacritics (Latin-1 Supplement to Latin Extended-B, Latin Extended
# Additional with Vietnamese's stacked marks) and the combining marks themselves.
FOLDED_RANGES = ((0x00C0, 0x024F), (0x0300, 0x036F), (0x1E00, 0x1EFF))
FIELDS = (("title", 8), ("headings", 3), ("tags", 3), ("excerpt", 2), ("text", 1))
TEXT_CHARS = 20_000  # of an article's prose in the index at most ...
TEXT_BUDGET = 10_000_000  # ... and of all articles together (10,000 articles: 1,000 each)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?^ {0,3}\1[`~]*[ \t]*$", re.M | re.S)
_NOISE = re.compile(r"<!--.*?-->|<[^>]*>|\]\([^)]*\)|\$\$.*?\$\$|[#*_>|`\[\]!]", re.S)


class Entry(NamedTuple):
    """One searchable page: its link (relative to the site's root) and texts."""

    url: str
    title: str
    excerpt: str
    headings: tuple[str, ...]
    tags: tuple[str, ...]
    text: str = ""


def text_limit(articles: int) -> int:
    """How much of each article's prose the index of a site of `articles` holds."""
    return min(TEXT_CHARS, TEXT_BUDGET // max(1, articles))


def plain_text(markdown: str, limit: int = TEXT_CHARS) -> str:
    """An article's prose for the index: code blocks, HTML, link targets, display math
    and Markdown punctuation removed, whitespace collapsed, at most `limit` characters."""
    text = _NOISE.sub(" ", _FENCE.sub(" ", markdown))
    return " ".join(text.split())[:limit]


@functools.cache  # the same table for every build; callers only read it
def fold_table() -> dict[str, str]:
    """Each character of FOLDED_RANGES that folding changes beyond lowercasing, to its
    folded form (the empty string for a combining mark)."""
    table = {}
    for low, high in FOLDED_RANGES:
        for code in range(low, high + 1):
            char = chr(code)
            if unicodedata.category(char) == "Cn":
                continue
            folded = fold(char)
            if folded != char.lower():
                table[char] = folded
    return table


def words(query: str) -> list[str]:
    """The query's words, NFC and lowercase."""
    return unicodedata.normalize("NFC", query).lower().split()


def _texts(entry: Entry) -> dict[str, str]:
    return {
        "title": entry.title,
        "headings": " ".join(entry.headings),
        "tags": " ".join(entry.tags),
        "excerpt": entry.excerpt,
        "text": entry.text,
    }


def score(entry: Entry, query: str) -> int:
    """0 when a word of the query is missing from the entry (diacritics ignored); else the
    sum over words and fields of field weight, tripled where the diacritics match too."""
    terms = words(query)
    if not terms:
        return 0
    texts = {name: text.lower() for name, text in _texts(entry).items()}
    folded = {name: fold(text) for name, text in texts.items()}
    total = 0
    for term in terms:
        plain, found = fold(term), 0
        for name, weight in FIELDS:
            if term in texts[name]:
                found += 3 * weight
            elif plain in folded[name]:
                found += weight
        if not found:
            return 0
        total += found
    return total


def rank(entries: Sequence[Entry], query: str) -> list[Entry]:
    """Entries matching every word, best first; ties keep the index's order."""
    scored = [(score(e, query), i, e) for i, e in enumerate(entries)]
    return [e for s, _, e in sorted(scored, key=lambda t: (-t[0], t[1])) if s > 0]


def index_json(entries: Iterable[Entry]) -> dict[str, Any]:
    """The client-side index: the folding table, the field weights and the entries."""
    return {
        "fold": fold_table(),
        "fields": [list(f) for f in FIELDS],
        "entries": [
            {
                "url": e.url,
                "title": e.title,
                "excerpt": e.excerpt,
                "headings": list(e.headings),
                "tags": list(e.tags),
                "text": e.text,
            }
            for e in entries
        ],
    }
