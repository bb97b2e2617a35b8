"""A persistent cache of per-file load results, keyed by content hashes.

It never changes an answer: an entry is found only for the same path and the same bytes
(known either by hashing them or, like git's index, by a file status recorded when they
were hashed; see `key_by_stat`), and the whole cache is dropped when the pipeline's own
code, its parser versions or Python change. It is JSON lines (loading it never runs
code), written atomically, and a corrupt or unreadable cache is ignored. CI runs
(CI=true) and `--no-cache` do not use it.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from stat import S_ISREG
from typing import Any

from pipeline.core.writer import write_atomic

try:  # the built-in BLAKE2, without loading OpenSSL as `hashlib` does (a few ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

CACHE_DIR = ".cache/pipeline"
COMPACT_SLACK = 100  # superseded lines tolerated beyond as many as the live entries
RACY_MARGIN_NS = 2_000_000_000  # file times this close to a run's start are not trusted
CACHE_FILE = f"{CACHE_DIR}/load.json"


# A file's status as the cache compares it: mode, inode, size, modification and change
# times (nanoseconds), taken without following a final symbolic link.
FileStat = tuple[int, int, int, int, int]


def file_stat(full: str) -> FileStat | None:
    """The status of `full`, or None when it cannot be taken."""
    try:
        status = os.lstat(full)
    except OSError:
        return None
    return (
        status.st_mode,
        status.st_ino,
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
    )


def digest(data: bytes, *salt: object) -> str:
    """A short content hash of bytes (and of the settings that shape their parse)."""
    hasher = blake2b(data, digest_size=16)
    hasher.update(repr(salt).encode())
    return hasher.hexdigest()


def fingerprint() -> str:
    """Hash of everything that can change a load result: our sources (the exported schemas
    the fast validator reads included), the installed parser versions and Python's."""
    hasher = blake2b(digest_size=16)
    hasher.update(repr((sys.version, _distributions())).encode())
    here = Path(__file__).resolve().parents[1]
    for package in (here, here.parent / "schema"):
        for source in sorted([*package.rglob("*.py"), *package.glob("*.json")]):
            hasher.update(source.name.encode())
            hasher.update(source.read_bytes())
    for source in _catalogues():
        hasher.update(source.name.encode())
        hasher.update(source.read_bytes())
    return hasher.hexdigest()


def _catalogues() -> list[Path]:
    """The message catalogues (a translation changes the generated Vietnamese docs)."""
    from pipeline.core.i18n import LANGUAGES, SOURCE, catalogue_path

    compiled = [catalogue_path(lang) for lang in LANGUAGES if lang != SOURCE]
    return [p for mo in compiled for p in (mo.with_suffix(".po"), mo) if p.is_file()]


def _distributions() -> list[str]:
    """Names and versions of the installed parsers, from their `.dist-info` folders: read
    without importing Pydantic, which a run on valid files never needs."""
    import importlib.util

    spec = importlib.util.find_spec("yaml")  # finds the package without importing it
    if spec is None or spec.origin is None:
        return []
    site = Path(spec.origin).resolve().parent.parent
    try:
        names = os.listdir(site)
    except OSError:
        return []
    wanted = ("pydantic", "pyyaml", "pyromark")
    return sorted(n for n in names if n.endswith(".dist-info") and n.lower().startswith(wanted))


class LoadCache:
    """Entries of the previous run, and those of this run (which replace them on save).

    Entries are kept as JSON text, one line each, and parsed only when used: compact in
    memory, and a run that touches few files parses little.
    """

    def __init__(self, root: Path, enabled: bool, name: str = "load") -> None:
        self.path = root / CACHE_DIR / f"{name}.json"
        self.enabled = enabled
        self.started_ns = time.time_ns()  # before any file of this run is read
        self.fingerprint = fingerprint() if enabled else ""
        self._lines = 0  # entry lines in the file, superseded ones included
        self.old: dict[str, bytes] = self._read() if enabled else {}
        self.new: dict[str, bytes] = {}
        self._known: set[str] | None = None

    def _read(self) -> dict[str, bytes]:
        """Entries by name, their JSON still as bytes (a line is `"name"<TAB>json`): the
        file is split as bytes and each entry decoded only when used. Lines are appended
        by later runs, so a later line of a name wins; a damaged line is skipped."""
        try:
            head, _, body = self.path.read_bytes().partition(b"\n")
            if json.loads(head).get("fingerprint") != self.fingerprint:
                return {}
        except (OSError, ValueError, TypeError, AttributeError):
            return {}
        entries = {}
        for line in body.split(b"\n"):
            quoted, tab, text = line.partition(b"\t")
            if not tab:
                continue
            self._lines += 1
            try:
                name = quoted.decode("utf-8")
                plain = name.startswith('"') and name.endswith('"') and "\\" not in name
                entries[name[1:-1] if plain else str(json.loads(name))] = text
            except ValueError:
                continue
        return entries

    def get(self, kind: str, rel: str, key: str) -> Any:
        """The entry stored for these bytes of this file, or None."""
        name = f"{kind}:{rel}:{key}"
        text = self.old.get(name)
        if text is None:
            return None
        try:
            entry = json.loads(text)
        except ValueError:
            return None
        self.new[name] = text
        return entry

    def previous(self, kind: str, rel: str) -> Any:
        """The entry of the bytes the file had when its status was last recorded (what a
        changed file replaces), or None. It is not carried over to the next run."""
        status = self.old.get(f"stat:{rel}")
        if status is None:
            return None
        key = status.rpartition(b" ")[2].decode("ascii", "replace")
        earlier = self.old.get(f"{kind}:{rel}:{key}")
        try:
            return None if earlier is None else json.loads(earlier)
        except ValueError:
            return None

    def put(self, kind: str, rel: str, key: str, entry: Any) -> None:
        """Remember an entry (a JSON value, or its JSON text) for the next run."""
        if self.enabled:
            text = entry if isinstance(entry, str) else _dumps(entry)
            self.new[f"{kind}:{rel}:{key}"] = text.encode("utf-8")

    def stat(self, full: str) -> FileStat | None:
        """The file's own status when the cache is on (see `file_stat`)."""
        return file_stat(full) if self.enabled else None

    def knows(self, kind: str, rel: str) -> bool:
        """Whether the previous run stored an entry of this kind for this path."""
        if self._known is None:
            self._known = {name.rsplit(":", 1)[0] for name in self.old}
        return f"{kind}:{rel}" in self._known

    def key_by_stat(self, rel: str, status: FileStat | None, salt: object) -> str | None:
        """The content key recorded for `rel` when its status proves the bytes unchanged.

        Like git's index: a regular file with the same inode, size, modification and
        change times as when its bytes were hashed is the same file, provided those times
        are older than that hashing by a safe margin (otherwise a second write within the
        clock's granularity could hide). Anything else is read and hashed again.
        """
        text = self.old.get(f"stat:{rel}")
        if text is None or status is None or not S_ISREG(status[0]):
            return None
        fields = text.decode("ascii", "replace").split(" ")
        if len(fields) != 7 or fields[:4] != [str(n) for n in status[1:]]:
            return None
        if fields[5] != _salt(salt) or not fields[4].isdigit():
            return None
        if max(status[3], status[4]) >= int(fields[4]) - RACY_MARGIN_NS:
            return None
        key = fields[6]
        self.new[f"stat:{rel}"] = text
        return key

    def remember_stat(self, rel: str, status: FileStat | None, salt: object, key: str) -> None:
        """Record the status a file had before this run read the bytes hashed to `key`."""
        if self.enabled and status is not None and S_ISREG(status[0]):
            fields = [*map(str, status[1:]), str(self.started_ns), _salt(salt), key]
            self.new[f"stat:{rel}"] = " ".join(fields).encode("ascii")

    def save(self) -> None:
        """Record this run's entries; never raises.

        Entries that changed are appended to the file (a warm run changes a few of
        thousands); the file is rewritten with only this run's entries when it would
        otherwise hold more than twice as many lines, or when it has none yet.
        """
        if not self.enabled:
            return
        changed = [(n, t) for n, t in self.new.items() if self.old.get(n) != t]
        if not changed:
            return  # entries no longer used are dropped at the next rewrite
        lines = [_quoted(name) + b"\t" + text for name, text in changed]
        if self._lines and self._lines + len(lines) <= 2 * len(self.new) + COMPACT_SLACK:
            try:
                self._append(b"\n" + b"\n".join(lines) + b"\n")  # \n: after a cut line
                return
            except OSError:
                pass  # the file went away: write it whole
        try:
            lines = [_quoted(name) + b"\t" + text for name, text in self.new.items()]
            head = _dumps({"fingerprint": self.fingerprint}).encode("utf-8")
            write_atomic(self.path, b"\n".join([head, *lines]) + b"\n", durable=False)
            ignore = self.path.parent / ".gitignore"
            if not ignore.exists():  # git ignores the cache in any repository, as pytest does
                write_atomic(ignore, b"# created by the series pipeline\n*\n")
        except OSError:
            pass

    def _append(self, data: bytes) -> None:
        """Write at the end of the file (O_APPEND: each write lands whole at the end, so
        concurrent runs do not cut into each other's lines)."""
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)


_UNSAFE_IN_NAME = re.compile(r'["\\\x00-\x1f]')  # what JSON must escape in a string


def _quoted(name: str) -> bytes:
    """A name as a JSON string (what `_read` expects), without json.dumps when it can."""
    if _UNSAFE_IN_NAME.search(name):
        return _dumps(name).encode("utf-8")
    return b'"' + name.encode("utf-8") + b'"'


def _salt(salt: object) -> str:
    """The settings a key depends on, as one word of a status record."""
    return repr(salt).replace(" ", "")


def _dumps(value: Any) -> str:
    """Compact JSON on one line (newlines and tabs inside strings are escaped)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def memo_of_code(
    root: Path, name: str, compute: Callable[[], dict[str, str]], *, use_cache: bool
) -> dict[str, str]:
    """What `compute` returns, kept in `.cache/pipeline/<name>.json` under the code's
    fingerprint: texts that depend on the pipeline's own code alone are made again only
    when that code changes (every run when `use_cache` is off)."""
    cache = LoadCache(root, enabled=use_cache, name=name)
    found = cache.get(name, "code", cache.fingerprint)
    texts: dict[str, str] = found if isinstance(found, dict) else compute()
    cache.put(name, "code", cache.fingerprint, texts)
    cache.save()
    return texts


def cache_enabled(no_cache: bool) -> bool:
    """The cache is used unless asked not to, or when running in CI."""
    return not no_cache and os.environ.get("CI", "").lower() not in ("1", "true", "yes")
