"""Writing generated files atomically, and only when their content changed."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path


def current_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


Output = str | bytes  # a generated file's text, or its UTF-8 bytes


def stale_outputs(root: Path, outputs: Mapping[str, Output]) -> list[str]:
    """Relative paths whose file on disk differs from the rendered text."""
    return [rel for rel, data in _encoded(outputs) if _differs(root / rel, data)]


def _encoded(outputs: Mapping[str, Output]) -> list[tuple[str, bytes]]:
    return [
        (rel, text if isinstance(text, bytes) else text.encode("utf-8"))
        for rel, text in sorted(outputs.items())
    ]


def _differs(path: Path, data: bytes) -> bool:
    """Whether the file at `path` is missing or holds other bytes (sizes compared first)."""
    try:
        if path.stat().st_size != len(data):
            return True
    except OSError:
        return True
    return current_bytes(path) != data


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace `path` with `data` via a temporary file in the same folder, fsync and rename.

    A crash or a concurrent build leaves the old or the new file, never a mix. Without
    `durable` (the cache) nothing is fsynced: after a power loss the file may be empty or
    old, which a reader of a cache must accept anyway, and a 30 MB cache is not flushed
    to disk on every run.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    fd, temporary = _temporary_file(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if durable:
        _fsync_folder(path.parent)


def _temporary_file(path: Path) -> tuple[int, str]:
    """A new file beside `path`, opened for writing, that no other process holds: the
    name has this process's id and a counter, and O_EXCL refuses an existing one (this
    is what tempfile.mkstemp does, without importing tempfile and its random module)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for attempt in range(10_000):  # left over by killed runs of a process with this id
        name = os.path.join(path.parent, f".{path.name}.{os.getpid()}.{attempt}.tmp")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_outputs(root: Path, outputs: Mapping[str, Output]) -> list[str]:
    """Write each changed output atomically; return the relative paths written."""
    written = []
    for rel, data in _encoded(outputs):
        if _differs(root / rel, data):
            write_atomic(root / rel, data)
            written.append(rel)
    return written
