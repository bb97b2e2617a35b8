"""One file's parse result through the cache: by status, then by content hash, then parsed."""

from __future__ import annotations

import os
from collections.abc import Callable
from hashlib import blake2b
from pathlib import Path
from typing import Any

from pipeline.load.cache import LoadCache, digest
from pipeline.load.found import Found
from pipeline.load.readfile import DEFAULT_MAX_BYTES, inside_root, read_bytes


def salt_of(kind: str, max_bytes: int, spelling: tuple[str, ...] = ()) -> tuple[object, ...]:
    """What a file's content key depends on besides its bytes (`spelling`: the series'
    orthography settings, which decide the prose an article's parse keeps; as a hash,
    since a status record holds ASCII words)."""
    if not spelling:
        return (kind, max_bytes)
    return (kind, max_bytes, blake2b(repr(spelling).encode(), digest_size=8).hexdigest())


def load_cached(
    root: Path,
    rel: str,
    kind: str,
    cache: LoadCache,
    parse: Callable[[bytes], dict[str, Any]],
    max_bytes: int = DEFAULT_MAX_BYTES,
    spelling: tuple[str, ...] = (),
) -> Found[dict[str, Any] | None]:
    """The JSON entry of `root/rel`: the cached one when the file's status proves it
    unchanged, else the one stored for its bytes, else `parse(bytes)` (then stored).
    A file that cannot be read gives None and its diagnostic."""
    salt = salt_of(kind, max_bytes, spelling)
    full = os.path.join(root, rel)
    status = cache.stat(full)
    key = cache.key_by_stat(rel, status, salt)
    entry: dict[str, Any] | None = None
    if key is not None and inside_root(root, full):
        entry = cache.get(kind, rel, key)
        if entry is not None:
            return Found(entry)
    data, problems = read_bytes(root, rel, max_bytes)
    if data is None:
        return Found(None, problems)
    key = digest(data, salt)
    cache.remember_stat(rel, status, salt, key)
    entry = cache.get(kind, rel, key)
    if entry is None:
        entry = parse(data)
        cache.put(kind, rel, key, entry)
    return Found(entry)
