"""Generated regions inside hand-written Markdown, between BEGIN/END GENERATED markers.

    <!-- BEGIN GENERATED reading-box: ... which command regenerates it ... -->
    ...generated text...
    <!-- END GENERATED reading-box -->

Text outside the markers is never touched; regeneration is idempotent. Marker lines
inside a fenced code block are text (an article may show how regions look).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from pipeline.core.document import Region
from pipeline.core.i18n import msg

_BEGIN = re.compile(r"^<!-- BEGIN GENERATED ([\w-]+(?::[\w-]+)?)(?:[: ].*)?-->\s*$")
_END = re.compile(r"^<!-- END GENERATED ([\w:-]+) -->\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


class MarkerProblem(NamedTuple):
    """A BEGIN without END, an END without BEGIN, or a nested or repeated region."""

    line: int
    message: str


def find_regions(text: str) -> tuple[tuple[Region, ...], tuple[MarkerProblem, ...]]:
    """The well-formed regions of `text` (lines split at LF) and the marker problems."""
    if "GENERATED" not in text:
        return (), ()
    lines = text.split("\n")
    regions: list[Region] = []
    problems: list[MarkerProblem] = []
    open_at: tuple[str, int] | None = None
    for index in _marker_lines(text):
        line = lines[index]
        begin, end = _BEGIN.match(line), _END.match(line)
        if begin and open_at:
            problems.append(
                MarkerProblem(
                    index + 1,
                    msg(
                        "region `{name}` begins inside region `{outer}`",
                        name=begin.group(1),
                        outer=open_at[0],
                    ),
                )
            )
        elif begin:
            open_at = (begin.group(1), index)
        elif end and (open_at is None or open_at[0] != end.group(1)):
            problems.append(
                MarkerProblem(
                    index + 1, msg("END of region `{name}` without its BEGIN", name=end.group(1))
                )
            )
        elif end and open_at:
            name, start = open_at
            inner = "\n".join(lines[start + 1 : index])
            regions.append(Region(name, start + 1, inner, start + 1, index))
            open_at = None
    if open_at:
        problems.append(
            MarkerProblem(open_at[1] + 1, msg("region `{name}` is never closed", name=open_at[0]))
        )
    names = [r.name for r in regions]
    problems += [
        MarkerProblem(r.line, msg("region `{name}` appears twice", name=r.name))
        for i, r in enumerate(regions)
        if r.name in names[:i]
    ]
    return tuple(regions), tuple(problems)


def _marker_lines(text: str) -> list[int]:
    """Indexes of the lines that start with a marker and lie outside fenced code blocks
    (CommonMark: up to 3 spaces, 3 or more backticks or tildes, closed by at least as
    many of the same character). Only lines starting a fence or a marker are looked at."""
    found: list[int] = []
    fence: str | None = None
    index, offset = 0, 0
    for start in _candidates(text):
        index += text.count("\n", offset, start)
        offset = start
        line = text[start : text.find("\n", start) % (len(text) + 1)]
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1).startswith(fence) and not opening.group(2).strip():
                fence = None
        elif opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = opening.group(1)
        elif not opening:
            found.append(index)
    return found


def _candidates(text: str) -> list[int]:
    """Offsets of the line starts of lines that may open or close a fence or hold a marker,
    in order (found with str.find, much faster than a regex over every line)."""
    starts: set[int] = set()
    for needle in ("```", "~~~", "<!-- BEGIN GENERATED", "<!-- END GENERATED"):
        at = text.find(needle)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            if not text[start:at].strip(" ") and (needle[0] != "<" or start == at):
                starts.add(start)
            at = text.find(needle, at + len(needle))
    return sorted(starts)


def blank_regions(text: str, regions: tuple[Region, ...]) -> str:
    """`text` with the inner lines of each region emptied, so line numbers stay put."""
    if not regions:
        return text
    lines = text.split("\n")
    for region in regions:
        for index in range(region.first, region.stop):
            lines[index] = ""
    return "\n".join(lines)


def fill_regions(text: str, rendered: Mapping[str, str], newline: str = "\n") -> str:
    """`text` with each named region's inner text replaced by `rendered[name]`, its lines
    ended by `newline` (lines are split at LF: with CRLF the CR stays on each line)."""
    regions, problems = find_regions(text)
    if problems:
        return text
    lines = text.split("\n")
    end = newline.removesuffix("\n")
    for region in sorted(regions, key=lambda r: r.first, reverse=True):
        if region.name in rendered:
            inner = rendered[region.name].rstrip("\n").split("\n")
            lines[region.first : region.stop] = [line + end for line in inner]
    return "\n".join(lines)


def newline_of(text: str) -> str:
    """A file's own line break: CRLF when most of its line breaks are CRLF, else LF."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 > text.count("\n") else "\n"


def refill(raw: str, rendered: Mapping[str, str]) -> str:
    """`fill_regions` on text as stored: the BOM and every byte outside the regions are kept,
    and the new lines take the file's own line break."""
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    return bom + fill_regions(raw.removeprefix(bom), rendered, newline_of(raw))
