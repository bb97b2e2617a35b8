"""Decoding source bytes and mapping offsets to 1-based line and column."""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import NamedTuple

from pipeline.core.i18n import Text, msg

BOM = "\ufeff"


class DecodeError(NamedTuple):
    """Where and why bytes could not be decoded as UTF-8 text (1-based position)."""

    line: int
    column: int
    reason: str
    nul: bool = False


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_source(data: bytes) -> str | DecodeError:
    """Decode UTF-8 (optional BOM), normalise newlines to LF and the text to NFC."""
    if data.startswith(_UTF16_BOMS):
        return DecodeError(1, 1, msg("it is UTF-16 encoded"), nul=True)
    if b"\x00" in data:
        line, column = _byte_position(data, data.index(b"\x00"))
        return DecodeError(line, column, msg("contains NUL bytes (UTF-16 or binary?)"), nul=True)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        return DecodeError(
            line, column, msg("invalid UTF-8 byte {byte}", byte=format(data[exc.start], "#04x"))
        )
    text = text.removeprefix(BOM)
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset in undecodable data."""
    head = data[:offset]
    line_start = head.rfind(b"\n") + 1
    return head.count(b"\n") + 1, len(head[line_start:].decode("utf-8", "replace")) + 1


def nfc(text: str) -> str:
    """Unicode NFC normal form (a no-op on text that is already NFC)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


class ByteLines:
    """Maps UTF-8 byte offsets of a text to 1-based (line, column in characters)."""

    __slots__ = ("_data", "_last", "_starts")

    def __init__(self, text: str) -> None:
        self._data = text.encode("utf-8")
        starts = [0]
        find = self._data.find
        pos = find(b"\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find(b"\n", pos + 1)
        self._starts = starts
        self._last = (0, 0, 1)  # (line index, byte offset, column) of the last answer

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (counted in characters) of a byte offset."""
        index = bisect.bisect_right(self._starts, offset) - 1
        last_index, last_offset, last_column = self._last
        if index == last_index and offset >= last_offset:
            start, column = last_offset, last_column
        else:
            start, column = self._starts[index], 1
        column += len(self._data[start:offset].decode("utf-8", "replace"))
        self._last = (index, offset, column)
        return index + 1, column


# "bài 9", "bài 5, 6 và 7", "bài 9 (LLaVA)": prose that names articles of the series.
ARTICLE_REFERENCE = re.compile(
    r"\b[Bb]ài\s+(\d{1,4})((?:\s*(?:,|&|và|hoặc)\s*\d{1,4})*)(?:\s*\(([^()\n]{1,80})\))?"
)


def plural(count: int, word: str) -> str:
    """`1 error`, `2 errors`."""
    return f"{count} {word}{'' if count == 1 else 's'}"


# every character that str.splitlines (and editors' problem matchers) treat as a line break
_LINE_BREAKS = {ord(c): repr(c)[1:-1] for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def one_line(text: str) -> str:
    """`text` with each line break escaped as Python writes it (`\\n`, `\\u2028`)."""
    return text.translate(_LINE_BREAKS)


def counts(errors: int, warnings: int, files: int) -> Text:
    """`1 error, 2 warnings in 3 files`, translatable."""
    return msg(
        "{errors}, {warnings} in {files}",
        errors=msg("{count} error", count=errors)
        if errors == 1
        else msg("{count} errors", count=errors),
        warnings=msg("{count} warning", count=warnings)
        if warnings == 1
        else msg("{count} warnings", count=warnings),
        files=msg("{count} file", count=files) if files == 1 else msg("{count} files", count=files),
    )
