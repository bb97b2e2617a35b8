"""Reading one file as text: every failure becomes a diagnostic, never an exception."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.codes import diag
from pipeline.diagnostics import Diagnostic
from pipeline.text import DecodeError, decode_source

DEFAULT_MAX_BYTES = 1_000_000


def read_text(root: Path, rel: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str | Diagnostic:
    """Read `root/rel` as UTF-8 text with LF newlines, or return the diagnostic why not."""
    try:
        with open(root / rel, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                return diag(
                    "ENC002",
                    rel,
                    1,
                    1,
                    f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                    "split the file, or raise limits.maxFileBytes",
                )
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return diag(
            "ENC003",
            rel,
            1,
            1,
            f"cannot read file: {exc.strerror or exc}",
            "check the file's permissions and that it is not a broken link",
        )
    if len(data) > max_bytes:
        return diag(
            "ENC002",
            rel,
            1,
            1,
            f"file is over the limit of {max_bytes:,} bytes",
            "split the file, or raise limits.maxFileBytes",
        )
    decoded = decode_source(data)
    if isinstance(decoded, DecodeError):
        code = "ENC004" if decoded.nul else "ENC001"
        return diag(
            code,
            rel,
            decoded.line,
            decoded.column,
            f"file is not UTF-8 text: {decoded.reason}",
            "re-save the file as UTF-8",
        )
    return decoded
