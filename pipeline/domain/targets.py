"""Classifying a link destination: external, unsafe, absolute, escaping, or a local path."""

from __future__ import annotations

import functools
import posixpath
import re

from pipeline.core.document import Kind, Target

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def classify(dest: str, source: str) -> Target:
    """Resolve `dest`, written in the file `source` (root-relative, `/`), to a Target."""
    return _classify(dest, folder_of(source))


def _unquote(text: str) -> str:
    """Percent-decoding; urllib is imported only for destinations that need it."""
    if "%" not in text:
        return text
    from urllib.parse import unquote

    return unquote(text)


def relative_path(path: str, start: str) -> str:
    """`posixpath.relpath(path, start)` for root-relative, normalized paths, with the
    folders' part computed once per pair of folders (it resolves both against the
    current directory each time)."""
    folder, name = posixpath.split(path)
    prefix = _relative_folder(folder or ".", start or ".")
    return name if prefix == "." else f"{prefix}/{name}"


@functools.cache
def _relative_folder(folder: str, start: str) -> str:
    return posixpath.relpath(folder, start)


@functools.cache
def folder_of(path: str) -> str:
    """`posixpath.dirname`, remembered: every link of a file asks for its folder."""
    return posixpath.dirname(path)


@functools.cache  # the same destinations recur from every file of a folder
def _classify(dest: str, folder: str) -> Target:
    stripped = dest.strip()
    scheme = _SCHEME.match(stripped)
    if scheme:
        name = scheme.group(1).lower()
        kind = Kind.EXTERNAL if name in SAFE_SCHEMES else Kind.UNSAFE
        return Target(kind, scheme=name)
    if stripped.startswith("//"):
        return Target(Kind.EXTERNAL, scheme="//")
    raw_path, _, fragment = stripped.partition("#")
    raw_path = raw_path.split("?", 1)[0]
    frag = _unquote(fragment) if "#" in stripped else None
    path = _unquote(raw_path)
    if not path:
        return Target(Kind.LOCAL, "", frag)
    if path.startswith(("/", "\\")) or _DRIVE.match(path):
        return Target(Kind.ABSOLUTE, path, frag)
    if folder and not path.startswith(".") and not path.endswith("/") and "/." not in path:
        joined = f"{folder}/{path}" if "//" not in path else posixpath.normpath(f"{folder}/{path}")
    else:
        joined = posixpath.normpath(posixpath.join(folder, path))
    if joined == ".." or joined.startswith("../"):
        return Target(Kind.ESCAPES, joined, frag)
    return Target(Kind.LOCAL, joined, frag)


def split_code_ref(ref: str) -> tuple[str, str | None]:
    """`path.py::Symbol` -> (`path.py`, `Symbol`); a bare path -> (path, None)."""
    path, sep, symbol = ref.partition("::")
    return path.rstrip("/"), (symbol if sep else None)


def companion_python(path: str) -> bool:
    """Whether a root-relative path names a Python file of the companion code (code/)."""
    return path.startswith("code/") and path.endswith(".py")
