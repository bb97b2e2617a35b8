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


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def loopback_host(header: str | None) -> bool:
    """Whether a request's Host header names the loopback address (any port). A page of
    another site whose name was made to resolve to 127.0.0.1 (DNS rebinding) sends its
    own name, so the preview does not answer it."""
    name = (header or "").strip().lower()
    bracketed = name.startswith("[")  # an IPv6 address: [::1]:8000
    name = name[1:].partition("]")[0] if bracketed else name.partition(":")[0]
    return name in LOOPBACK_HOSTS
