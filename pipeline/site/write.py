"""Writing the site's files: each one only when its bytes changed, its folders made when
the first file in them is written; after a full build, files no build made are removed.

Worker processes write the pages they render themselves (no page travels back to the
main process), so every writer goes through `write_file`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def write_file(out: Path, rel: str, data: bytes) -> bool:
    """Write `data` to `out/rel` unless it already holds exactly that; True when written."""
    path = os.path.join(out, rel)
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return False
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    except OSError:
        pass  # a folder in its place, or unreadable: the write below reports it
    with open(path, "wb") as handle:
        handle.write(data)
    return True


def finish(out: Path, produced: Iterable[tuple[str, bool]], clear: bool) -> list[str]:
    """The written paths (sorted) of a build that `produced` (path, written) pairs; with
    `clear`, delete the files of an earlier build that this one did not produce."""
    written, made = [], set()
    for rel, changed in produced:
        made.add(rel)
        if changed:
            written.append(rel)
    if clear:
        _clear_stale(out, made)
    return sorted(written)


def _clear_stale(out: Path, keep: set[str]) -> None:
    for folder, _dirs, files in os.walk(out, topdown=False):
        base = Path(folder)
        for name in files:
            if (base / name).relative_to(out).as_posix() not in keep:
                (base / name).unlink()
        if base != out and not any(base.iterdir()):
            base.rmdir()
