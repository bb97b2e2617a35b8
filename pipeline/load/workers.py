"""Worker processes that read and parse many new articles at once; what crosses the
process boundary is JSON text."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pipeline.core.corpus import Article
from pipeline.load.article import identity, parse_article, parse_entry
from pipeline.load.cache import FileStat, digest, file_stat
from pipeline.load.cachedfile import salt_of
from pipeline.load.found import Found
from pipeline.load.readfile import (
    read_bytes,
)

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


PARALLEL_MIN = 200  # below this, starting worker processes costs more than it saves


class Workers:
    """Worker processes, started only when a series has enough articles to parse (a run
    that finds almost everything in the cache pays neither the import nor the fork)."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._unavailable = (os.cpu_count() or 1) < 2

    def pool(self, articles: int) -> ProcessPoolExecutor | None:
        """The pool for parsing `articles` files, or None to parse in this process."""
        if articles < PARALLEL_MIN or self._unavailable:
            return None
        if self._pool is None:
            import multiprocessing as mp  # ~20 ms of imports, paid only here
            from concurrent.futures import ProcessPoolExecutor

            if "fork" not in mp.get_all_start_methods():
                self._unavailable = True
                return None
            workers = min(os.cpu_count() or 1, 8)
            self._pool = ProcessPoolExecutor(workers, mp_context=mp.get_context("fork"))
        return self._pool

    def close(self) -> None:
        """Stop the workers, if any were started."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


class Loaded(NamedTuple):
    """An article read and parsed: its content key, its status before reading, and either
    the article with its diagnostics (parsed in this process) or their JSON text (from a
    worker process: JSON is what crosses the process boundary)."""

    key: str
    status: FileStat | None
    entry: Found[Article] | str


def load_file(item: tuple[str, str, tuple[int, tuple[str, ...]], bool]) -> Found[Loaded | None]:
    """Read and parse one article (in a worker process when `as_text`); None and the
    diagnostic when it cannot be read."""
    base, rel, (limit, spelling), as_text = item
    status = file_stat(os.path.join(base, rel))  # before reading: a later write shows
    data, problems = read_bytes(Path(base), rel, limit)
    if data is None:
        return Found(None, problems)
    key = digest(data, salt_of("article", limit, spelling))
    if as_text:
        entry = parse_entry((rel, data), None, spelling)
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        return Found(Loaded(key, status, text))
    return Found(Loaded(key, status, parse_article(rel, *identity(rel), data, (None, spelling))))


def load_all(
    base: str,
    paths: list[str],
    settings: tuple[int, tuple[str, ...]],
    pool: ProcessPoolExecutor | None,
) -> Iterable[Found[Loaded | None]]:
    """`load_file` for many articles: in the worker processes when there are enough to pay
    off (they read the files too, and send back JSON text: cheap to transfer). With a pool
    the work is submitted at once and the results come as they are iterated."""
    if pool is None or len(paths) < PARALLEL_MIN:
        return [load_file((base, rel, settings, False)) for rel in paths]
    chunk = max(1, len(paths) // 32)
    items = [(base, rel, settings, True) for rel in paths]
    return pool.map(load_file, items, chunksize=chunk)
