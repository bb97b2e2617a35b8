"""CommonMark parsing with exact source positions (pyromark, bindings to pulldown-cmark)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyromark

from pipeline.anchors import Slugger
from pipeline.text import ByteLines, nfc

_OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_HEADING_ATTRIBUTES
    | pyromark.Options.ENABLE_MATH
)
_HTML_ID = re.compile(r"""\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_LEVELS = {"H1": 1, "H2": 2, "H3": 3, "H4": 4, "H5": 5, "H6": 6}
_BLOCK_ENDS = {"Paragraph", "Heading", "Item", "TableCell", "BlockQuote", "FootnoteDefinition"}


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: level, plain text, anchor id, 1-based position."""

    level: int
    text: str
    id: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Link:
    """A link or image destination as written, with its 1-based position."""

    dest: str
    image: bool
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class BrokenReference:
    """A `[text][label]` reference whose label is not defined."""

    label: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Prose:
    """A run of paragraph text outside code, with the position of its first character."""

    text: str
    offset: int


@dataclass(frozen=True, slots=True)
class ParsedMarkdown:
    """Everything the checks need from one Markdown body."""

    headings: tuple[Heading, ...]
    links: tuple[Link, ...]
    anchor_ids: frozenset[str]
    broken_references: tuple[BrokenReference, ...]
    prose: tuple[Prose, ...]
    words: int
    lines: ByteLines
    code_lines: int = 0
    math_blocks: int = 0


def parse_markdown(text: str) -> ParsedMarkdown:
    """Parse Markdown once and collect headings, links, anchors, prose and word count."""
    state = _State(ByteLines(text))

    def on_broken(info: Any) -> tuple[str, str] | None:
        if info["link_type"] in ("Reference", "Collapsed"):
            line, column = state.lines.position(info["span"]["start"])
            state.broken.append(BrokenReference(info["reference"], line, column))
        return None

    for event, span in pyromark.events_with_range(
        text, options=_OPTIONS, broken_link_callback=on_broken
    ):
        state.feed(event, span["start"], span["end"])
    return state.result()


class _State:
    """Accumulates parse results while walking the event stream."""

    def __init__(self, lines: ByteLines) -> None:
        self.lines = lines
        self.headings: list[tuple[int, str, str | None, int]] = []
        self.links: list[Link] = []
        self.html_ids: set[str] = set()
        self.broken: list[BrokenReference] = []
        self.prose: list[tuple[int, list[str]]] = []
        self.words: list[str] = []
        self.heading: list[str] | None = None
        self.code_depth = 0
        self.prose_end = -1
        self.code_lines = 0
        self.math_blocks = 0

    def feed(self, event: Any, start: int, end: int) -> None:
        if isinstance(event, dict):
            kind, value = next(iter(event.items()))
            self._tagged(kind, value, start, end)
        elif event in ("SoftBreak", "HardBreak"):
            self.words.append("\n")
            if self.heading is not None:
                self.heading.append(" ")

    def _tagged(self, kind: str, value: Any, start: int, end: int) -> None:
        if kind == "Start":
            self._start(value, start)
        elif kind == "End":
            self._end(value)
        elif kind in ("Text", "Code", "InlineMath"):
            self._text(kind, value, start, end)
        elif kind == "DisplayMath":
            self.math_blocks += 1
        elif kind in ("Html", "InlineHtml"):
            self.html_ids.update(a or b for a, b in _HTML_ID.findall(value))

    def _start(self, value: Any, start: int) -> None:
        if isinstance(value, dict):
            tag, attrs = next(iter(value.items()))
            if tag == "Heading":
                self.heading = []
                self.headings.append((_LEVELS[attrs["level"]], "", attrs["id"], start))
            elif tag in ("Link", "Image"):
                line, column = self.lines.position(start)
                self.links.append(Link(attrs["dest_url"], tag == "Image", line, column))
            elif tag == "CodeBlock":
                self.code_depth += 1

    def _end(self, value: Any) -> None:
        tag = next(iter(value)) if isinstance(value, dict) else value
        if tag == "CodeBlock":
            self.code_depth -= 1
        elif tag == "Heading" and self.heading is not None:
            level, _, explicit, start = self.headings[-1]
            self.headings[-1] = (level, "".join(self.heading).strip(), explicit, start)
            self.heading = None
        if tag in _BLOCK_ENDS:
            self.words.append("\n")

    def _text(self, kind: str, value: str, start: int, end: int) -> None:
        if self.code_depth:
            self.code_lines += value.count("\n")
            return
        if self.heading is not None:
            self.heading.append(value)
        self.words.append(value)
        if kind != "Text":
            return
        if self.prose and self.prose_end == start:
            self.prose[-1][1].append(value)
        else:
            self.prose.append((start, [value]))
        self.prose_end = end

    def result(self) -> ParsedMarkdown:
        slugger = Slugger()
        slugger.reserve(explicit for _, _, explicit, _ in self.headings if explicit)
        headings = []
        for level, text, explicit, start in self.headings:
            line, column = self.lines.position(start)
            anchor = nfc(explicit) if explicit else slugger.unique(text)
            headings.append(Heading(level, nfc(text), anchor, line, column))
        ids = frozenset(h.id for h in headings) | {nfc(i) for i in self.html_ids}
        return ParsedMarkdown(
            tuple(headings),
            tuple(self.links),
            ids,
            tuple(self.broken),
            tuple(Prose("".join(parts), offset) for offset, parts in self.prose),
            len("".join(self.words).split()),
            self.lines,
            self.code_lines,
            self.math_blocks,
        )
