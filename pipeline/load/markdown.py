"""CommonMark parsing with exact source positions (pyromark, bindings to pulldown-cmark)."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterator
from typing import Any

from pipeline.core.document import (
    BrokenReference,
    CodeLine,
    Heading,
    Link,
    ParsedMarkdown,
    Prose,
)
from pipeline.domain.anchors import Slugger
from pipeline.domain.orthography import keeps
from pipeline.domain.text import ARTICLE_REFERENCE, ByteLines, nfc

_OPTIONS = (  # pyromark.Options, by name: pyromark is imported on the first parse
    "ENABLE_TABLES",
    "ENABLE_FOOTNOTES",
    "ENABLE_STRIKETHROUGH",
    "ENABLE_TASKLISTS",
    "ENABLE_HEADING_ATTRIBUTES",
    "ENABLE_MATH",
)
_HTML_ID = re.compile(r"""\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_LEVELS = {"H1": 1, "H2": 2, "H3": 3, "H4": 4, "H5": 5, "H6": 6}
_BREAKS = frozenset({"SoftBreak", "HardBreak"})
_BLOCK_ENDS = {"Paragraph", "Heading", "Item", "TableCell", "BlockQuote", "FootnoteDefinition"}
PYTHON_LANGUAGES = frozenset({"python", "py", "python3"})  # a fence's first info word, any case


def parse_markdown(text: str, spelling: tuple[str, ...] = ()) -> ParsedMarkdown:
    """Parse Markdown once and collect headings, links, anchors, prose and word count
    (`spelling`: the series' orthography settings, see `orthography.spelling_of`)."""
    lines = ByteLines(text)
    broken: list[BrokenReference] = []

    def on_broken(info: Any) -> tuple[str, str] | None:
        if info["link_type"] in ("Reference", "Collapsed"):
            line, column = lines.position(info["span"]["start"])
            broken.append(BrokenReference(info["reference"], line, column))
        return None

    events = _pyromark().events_with_range(text, options=_options(), broken_link_callback=on_broken)
    walk = _Walk(lines, keeps(spelling))
    walk.run(events)
    return walk.result(tuple(broken))


def _pyromark() -> Any:
    import pyromark

    return pyromark


@functools.cache
def _options() -> Any:
    return functools.reduce(operator.or_, (_pyromark().Options[n] for n in _OPTIONS))


class _Walk:
    """One pass over the event stream; the loop is flat because it is the hot path."""

    def __init__(self, lines: ByteLines, keep: Callable[[str], object] | None = None) -> None:
        self.lines = lines
        self.keep = keep
        self.headings: list[tuple[int, str, str | None, int]] = []
        self.links: list[Link] = []
        self.html_ids: set[str] = set()
        self.prose: list[tuple[int, list[str]]] = []
        self.words: list[str] = []
        self.code_lines = 0
        self.math_blocks = 0
        self.python_blocks: list[tuple[CodeLine, ...]] = []

    # One loop over every Markdown event of every article, the hot path of a cold run: kept
    # whole, with locals bound once, rather than a method call per event.
    def run(self, events: Any) -> None:  # noqa: C901
        words, prose, links = self.words, self.prose, self.links
        heading: list[str] | None = None
        alts: list[tuple[int, list[str]]] = []  # open images: link index, alt text so far
        code_depth, prose_end = 0, -1
        python: list[CodeLine] | None = None  # the lines of an open Python block
        for event, span in events:
            if type(event) is str:
                if event in _BREAKS:
                    words.append("\n")
                    if heading is not None:
                        heading.append(" ")
                    for _, alt in alts:
                        alt.append(" ")
                continue
            ((kind, value),) = event.items()
            if kind == "Text":
                if code_depth:
                    self.code_lines += value.count("\n")
                    if python is not None:
                        python.extend(self._code_lines(value, span["start"]))
                    continue
                if heading is not None:
                    heading.append(value)
                for _, alt in alts:
                    alt.append(value)
                words.append(value)
                start = span["start"]
                if prose and prose_end == start:
                    prose[-1][1].append(value)
                else:
                    prose.append((start, [value]))
                end = span["end"]
                # text that is not its source (`&amp;`, `\*`) ends the run: the columns
                # of what follows could not be counted from the run's first character
                verbatim = end - start == len(value) or end - start == len(value.encode())
                prose_end = end if verbatim else -1
            elif kind == "Start":
                if type(value) is dict:
                    ((tag, attrs),) = value.items()
                    if tag == "Link" or tag == "Image":
                        line, column = self.lines.position(span["start"])
                        links.append(Link(attrs["dest_url"], tag == "Image", line, column))
                        if tag == "Image":
                            alts.append((len(links) - 1, []))
                    elif tag == "Heading":
                        heading = []
                        self.headings.append(
                            (_LEVELS[attrs["level"]], "", attrs["id"], span["start"])
                        )
                    elif tag == "CodeBlock":
                        code_depth += 1
                        python = [] if _is_python(attrs) else None
            elif kind == "End":
                tag = next(iter(value)) if type(value) is dict else value
                if tag == "CodeBlock":
                    code_depth -= 1
                    if python:
                        self.python_blocks.append(tuple(python))
                    python = None
                elif tag == "Image" and alts:
                    index, alt = alts.pop()
                    links[index] = links[index]._replace(alt=nfc(" ".join("".join(alt).split())))
                elif tag == "Heading" and heading is not None:
                    level, _, explicit, start = self.headings[-1]
                    self.headings[-1] = (level, "".join(heading).strip(), explicit, start)
                    heading = None
                if tag in _BLOCK_ENDS:
                    words.append("\n")
            elif kind == "Code" or kind == "InlineMath":
                if heading is not None:
                    heading.append(value)
                for _, alt in alts:
                    alt.append(value)
                words.append(value)
            elif kind == "DisplayMath":
                self.math_blocks += 1
            elif (kind == "Html" or kind == "InlineHtml") and ("id" in value or "name" in value):
                self.html_ids.update(a or b for a, b in _HTML_ID.findall(value))

    def _code_lines(self, text: str, start: int) -> Iterator[CodeLine]:
        """The lines of a code block's text event; text after a newline in one event is
        verbatim source, so its lines start at column 1."""
        line, column = self.lines.position(start)
        for index, part in enumerate(text.removesuffix("\n").split("\n")):
            yield CodeLine(part, line + index, column if index == 0 else 1)

    def _prose(self) -> Iterator[Prose]:
        keep = self.keep
        for offset, parts in self.prose:
            text = "".join(parts)
            if ("ài" in text and ARTICLE_REFERENCE.search(text)) or (  # "ài": a cheap filter
                keep is not None and keep(text)
            ):
                line, column = self.lines.position(offset)
                yield Prose(text, line, column)

    def result(self, broken: tuple[BrokenReference, ...]) -> ParsedMarkdown:
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
            broken,
            tuple(self._prose()),
            len("".join(self.words).split()),
            self.code_lines,
            self.math_blocks,
            tuple(self.python_blocks),
        )


def _is_python(attrs: Any) -> bool:
    """Whether a code block's start attributes name a fence of `PYTHON_LANGUAGES`."""
    info = attrs.get("Fenced", "") if type(attrs) is dict else ""
    words = info.split(maxsplit=1)
    return bool(words) and words[0].lower() in PYTHON_LANGUAGES
