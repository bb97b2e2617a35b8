"""Which file of the served folder a request names; nothing outside it, ever."""

from __future__ import annotations

import urllib.parse
from pathlib import Path


def request_parts(target: str) -> tuple[str, ...] | None:
    """The path segments of a request target (query and fragment dropped, percent-decoded),
    or None when it cannot name a file of the folder: a `..` segment (also encoded as
    `%2e%2e` or `..%2f`), a backslash, a NUL byte or bytes that are not UTF-8."""
    path = urllib.parse.urlsplit(target).path
    try:
        text = urllib.parse.unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\x00" in text or "\\" in text:
        return None
    parts = tuple(part for part in text.split("/") if part not in ("", "."))
    return None if ".." in parts else parts


def served_path(folder: Path, target: str) -> Path | None:
    """The existing file or folder that `target` names inside `folder` (a resolved path),
    with symbolic links followed; None when it is missing or resolves outside `folder`."""
    parts = request_parts(target)
    if parts is None:
        return None
    try:
        found = folder.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a loop of links, a name too long
        return None
    return found if found.is_relative_to(folder) else None
