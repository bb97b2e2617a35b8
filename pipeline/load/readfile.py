"""Reading one file as text: every failure becomes a diagnostic, never an exception."""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path

from pipeline.core.codes import diag
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.i18n import msg
from pipeline.domain.text import DecodeError, decode_source
from pipeline.load.found import Found

DEFAULT_MAX_BYTES = 1_000_000


def read_text(root: Path, rel: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Found[str | None]:
    """`root/rel` as UTF-8 text with LF newlines, or None and the diagnostic why not."""
    data, problems = read_bytes(root, rel, max_bytes)
    return Found(None, problems) if data is None else decode_text(rel, data)


def read_bytes(root: Path, rel: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Found[bytes | None]:
    """The bytes of `root/rel`, or None and the diagnostic why they cannot be read.

    Files reached through a symbolic link outside the root, and anything that is not a
    regular file (a folder, a FIFO, a device), are refused before they are opened.
    """
    refused = _refuse(root, rel)
    if refused:
        return _failed(
            "ENC003",
            rel,
            1,
            1,
            refused,
            msg("replace it with a regular file inside the repository"),
        )
    try:
        with open(root / rel, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                return _failed(
                    "ENC002",
                    rel,
                    1,
                    1,
                    msg(
                        "file is {size:,} bytes, over the limit of {limit:,}",
                        size=size,
                        limit=max_bytes,
                    ),
                    msg("split the file, or raise limits.maxFileBytes"),
                )
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return _failed(
            "ENC003",
            rel,
            1,
            1,
            msg("cannot read file: {reason}", reason=str(exc.strerror or exc)),
            msg("check the file's permissions and that it is not a broken link"),
        )
    if len(data) > max_bytes:
        return _failed(
            "ENC002",
            rel,
            1,
            1,
            msg("file is over the limit of {limit:,} bytes", limit=max_bytes),
            msg("split the file, or raise limits.maxFileBytes"),
        )
    return Found(data)


def _failed(code: str, rel: str, line: int, column: int, message: str, hint: str) -> Found[None]:
    return Found(None, (diag(code, rel, line, column, message, hint),))


def decode_text(rel: str, data: bytes) -> Found[str | None]:
    """UTF-8 text with LF newlines in NFC, or None and the ENC001/ENC004 diagnostic."""
    decoded = decode_source(data)
    if isinstance(decoded, DecodeError):
        code = "ENC004" if decoded.nul else "ENC001"
        return _failed(
            code,
            rel,
            decoded.line,
            decoded.column,
            msg("file is not UTF-8 text: {reason}", reason=decoded.reason),
            msg("re-save the file as UTF-8"),
        )
    return Found(decoded)


def locate(root: Path, path: Path | str) -> tuple[bool, os.stat_result] | None:
    """Whether an existing `path` really lies inside `root` (links followed), and its stat;
    None when it does not exist. Folders are resolved once and cached; a final link is
    resolved each time."""
    try:
        status = os.lstat(path)
        if stat.S_ISLNK(status.st_mode):
            real = os.path.realpath(path)
            return _within(os.path.realpath(root), real), os.stat(real)
    except OSError:
        return None
    return _folder_inside(os.fspath(root), os.path.dirname(path)), status


def inside_root(root: Path, full: str) -> bool:
    """Whether the folder holding `full` lies inside `root` once links are resolved."""
    return _folder_inside(os.fspath(root), os.path.dirname(full))


@functools.lru_cache(maxsize=4096)
def _folder_inside(root: str, folder: str) -> bool:
    return _within(os.path.realpath(root), os.path.realpath(folder))


def _within(root: str, real: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _refuse(root: Path, rel: str) -> str | None:
    """Why `root/rel` must not be opened, or None."""
    found = locate(root, root / rel)
    if found is None:
        return None  # open() reports the precise error
    inside, status = found
    if not inside:
        return msg("file is a symbolic link to a place outside the repository")
    if not stat.S_ISREG(status.st_mode):
        return msg("not a regular file")
    return None


def utf8_name(name: str) -> bool:
    """Whether a name from the file system is valid UTF-8 (Python holds other bytes as
    surrogates, which no report, JSON document or git command can carry)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def undecodable_name(rel: str, name: str) -> Diagnostic | None:
    """ENC005 for a file or folder name in `rel` that is not valid UTF-8, else None."""
    if utf8_name(name):
        return None
    shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return diag(
        "ENC005",
        f"{rel}/{shown}",
        1,
        1,
        msg("file name is not valid UTF-8, so the file is skipped"),
        msg("rename it with UTF-8 characters (articles: `NN-ascii-kebab-case.md`)"),
    )
