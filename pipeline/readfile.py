"""Reading one file as text: every failure becomes a diagnostic, never an exception."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pipeline.codes import diag
from pipeline.diagnostics import Diagnostic
from pipeline.text import DecodeError, decode_source

DEFAULT_MAX_BYTES = 1_000_000


def read_text(root: Path, rel: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str | Diagnostic:
    """Read `root/rel` as UTF-8 text with LF newlines, or return the diagnostic why not.

    Files reached through a symbolic link outside the root, and anything that is not a
    regular file (a folder, a FIFO, a device), are refused before they are opened.
    """
    refused = _refuse(root, rel)
    if refused:
        return diag(
            "ENC003", rel, 1, 1, refused, "replace it with a regular file inside the repository"
        )
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


def _refuse(root: Path, rel: str) -> str | None:
    """Why `root/rel` must not be opened, or None."""
    path = root / rel
    try:
        real = path.resolve(strict=True)
        status = real.stat()
    except (OSError, RuntimeError):
        return None  # open() reports the precise error
    if not real.is_relative_to(root.resolve()):
        return "file is a symbolic link to a place outside the repository"
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file"
    return None
