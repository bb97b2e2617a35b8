"""A persistent cache of per-file load results, keyed by content hashes.

It never changes an answer: an entry is found only for the same path and the same bytes,
and the whole cache is dropped when the pipeline's own code, its parser versions or Python
change. It is JSON (loading it never runs code), written atomically, and a corrupt or
unreadable cache is ignored. CI runs (CI=true) and `--no-cache` do not use it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from pipeline.writer import write_atomic

CACHE_FILE = ".cache/pipeline/load.json"


def digest(data: bytes, *salt: object) -> str:
    """A short content hash of bytes (and of the settings that shape their parse)."""
    hasher = hashlib.blake2b(data, digest_size=16)
    hasher.update(repr(salt).encode())
    return hasher.hexdigest()


def fingerprint() -> str:
    """Hash of everything that can change a load result: our sources and parser versions."""
    hasher = hashlib.blake2b(digest_size=16)
    import pydantic_core
    import pyromark
    import yaml

    versions = (sys.version, pydantic_core.__version__, yaml.__version__, pyromark.__version__)
    hasher.update(repr(versions).encode())
    here = Path(__file__).resolve().parent
    for package in (here, here.parent / "schema"):
        for source in sorted(package.rglob("*.py")):
            hasher.update(source.name.encode())
            hasher.update(source.read_bytes())
    return hasher.hexdigest()


class LoadCache:
    """Entries of the previous run, and those of this run (which replace them on save)."""

    def __init__(self, root: Path, enabled: bool) -> None:
        self.path = root / CACHE_FILE
        self.enabled = enabled
        self.fingerprint = fingerprint() if enabled else ""
        self.old: dict[str, Any] = self._read() if enabled else {}
        self.new: dict[str, Any] = {}

    def _read(self) -> dict[str, Any]:
        try:
            document = json.loads(self.path.read_bytes())
            if document.get("fingerprint") == self.fingerprint:
                entries = document["entries"]
                if isinstance(entries, dict):
                    return entries
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            pass
        return {}

    def get(self, kind: str, rel: str, key: str) -> Any:
        """The entry stored for these bytes of this file, or None."""
        name = f"{kind}:{rel}:{key}"
        entry = self.old.get(name)
        if entry is not None:
            self.new[name] = entry
        return entry

    def put(self, kind: str, rel: str, key: str, entry: Any) -> None:
        """Remember an entry for the next run."""
        if self.enabled:
            self.new[f"{kind}:{rel}:{key}"] = entry

    def save(self) -> None:
        """Write this run's entries when they differ from the last run's; never raises."""
        if not self.enabled or self.new.keys() == self.old.keys():
            return
        document = {"fingerprint": self.fingerprint, "entries": self.new}
        try:
            text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
            write_atomic(self.path, text.encode("utf-8"))
            ignore = self.path.parent / ".gitignore"
            if not ignore.exists():  # git ignores the cache in any repository, as pytest does
                write_atomic(ignore, b"# created by the series pipeline\n*\n")
        except OSError:
            pass


def cache_enabled(no_cache: bool) -> bool:
    """The cache is used unless asked not to, or when running in CI."""
    return not no_cache and os.environ.get("CI", "").lower() not in ("1", "true", "yes")
