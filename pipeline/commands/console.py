"""Writing to the console without a UnicodeEncodeError, whatever the stream's encoding.

A Windows console (or `PYTHONIOENCODING=cp1252`) cannot encode Vietnamese text. Text output
goes through the stream and escapes what it cannot write (`\\u1ea1`); the formats read by
programs (`json`, `github`, the pictures of `graph`) are always written as UTF-8 bytes.
"""

from __future__ import annotations

import sys

_TEXT_FORMATS = frozenset({"text"})


def tolerate_encodings() -> None:
    """Make stdout and stderr escape the characters their encoding lacks instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def emit(text: str, fmt: str = "text") -> None:
    """Print `text` to stdout: format `text` through the stream, any other as UTF-8 bytes."""
    buffer = getattr(sys.stdout, "buffer", None)
    if fmt in _TEXT_FORMATS or buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()
