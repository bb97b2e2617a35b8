"""What loading finds in one Markdown file: headings, links and their targets, prose,
generated regions; the records checks and renderers read."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Heading(NamedTuple):
    """A heading: level, plain text, anchor id, 1-based position."""

    level: int
    text: str
    id: str
    line: int
    column: int


class Link(NamedTuple):
    """A link or image destination as written, with its 1-based position; for an image,
    its alt text (the plain text between `![` and `]`)."""

    dest: str
    image: bool
    line: int
    column: int
    alt: str = ""


class BrokenReference(NamedTuple):
    """A `[text][label]` reference whose label is not defined."""

    label: str
    line: int
    column: int


class Prose(NamedTuple):
    """A run of paragraph text outside code that names an article (`ARTICLE_REFERENCE`)
    or that the series' spelling check wants to see, with the 1-based position of its
    first character.

    Runs do not cross line breaks, so a character `i` of `text` is at column `column + i`.
    """

    text: str
    line: int
    column: int


class CodeLine(NamedTuple):
    """One line of a fenced code block (without its newline) and the 1-based position of
    its first character in the source, after any container prefix such as `> `."""

    text: str
    line: int
    column: int


class ParsedMarkdown(NamedTuple):
    """Everything the checks need from one Markdown body."""

    headings: tuple[Heading, ...]
    links: tuple[Link, ...]
    anchor_ids: frozenset[str]
    broken_references: tuple[BrokenReference, ...]
    prose: tuple[Prose, ...]
    words: int
    code_lines: int = 0
    math_blocks: int = 0
    python_blocks: tuple[tuple[CodeLine, ...], ...] = ()  # fenced blocks of a Python language


class Kind(Enum):
    """What a destination is."""

    EXTERNAL = "external"
    UNSAFE = "unsafe"
    ABSOLUTE = "absolute"
    ESCAPES = "escapes"
    LOCAL = "local"


class Target(NamedTuple):
    """A classified destination; for LOCAL, `path` is relative to the root ('' = same file)."""

    kind: Kind
    path: str = ""
    fragment: str | None = None
    scheme: str = ""


class Region(NamedTuple):
    """A generated region: name, 1-based line of its BEGIN marker, and its inner text."""

    name: str
    line: int
    inner: str
    first: int  # 0-based index of the first inner line
    stop: int  # 0-based index of the END marker line
