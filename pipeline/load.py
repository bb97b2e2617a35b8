"""Loading a repository root into a Corpus: the only module of the core that reads files."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pipeline.cache import LoadCache, digest
from pipeline.codes import diag
from pipeline.diagnostics import Diagnostic
from pipeline.frontmatter import split_front_matter
from pipeline.markdown import parse_markdown
from pipeline.model import Article, Corpus, Series
from pipeline.modelcheck import validate
from pipeline.probe import probe_corpus
from pipeline.readfile import (
    DEFAULT_MAX_BYTES,
    decode_text,
    inside_root,
    read_bytes,
    read_text,
)
from pipeline.regions import blank_regions, find_regions
from pipeline.serial import article_from_json, article_to_json
from pipeline.yamlload import load_yaml_mapping

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from schema.article import ArticleFrontMatter
    from schema.series import SeriesConfig

CONTENT = "content"
PARALLEL_MIN = 200  # below this, starting worker processes costs more than it saves
_NUMBERED = re.compile(r"^(\d+)-(.+)\.md$")
_ARTICLE_CODES = {"unknown": "FM003", "missing": "FM004", "invalid": "FM005"}
_SERIES_CODES = {"unknown": "SER001", "missing": "SER001", "invalid": "SER001"}


def load_corpus(root: Path, cache: LoadCache | None = None) -> Corpus:
    """Load every series under `root/content` and probe what their articles reference.

    With a cache, files whose bytes did not change are not parsed again.
    """
    cache = cache or LoadCache(root, enabled=False)
    diagnostics: list[Diagnostic] = []
    series: list[Series] = []
    stray: list[str] = []
    folders = _series_folders(root, diagnostics)
    with _worker_pool(_count_markdown(folders)) as pool:
        for folder in folders:
            rel = f"{CONTENT}/{folder.name}"
            if (folder / "series.yaml").is_file():
                series.append(_load_series(root, rel, folder.name, diagnostics, cache, pool))
            elif any(folder.glob("*.md")):
                stray.append(rel)
    files = sum(len(s.articles) + 1 for s in series)
    documents = {a.path: a.markdown for s in series for a in s.articles if a.readable}
    articles = {a.path for s in series for a in s.articles}
    facts = probe_corpus(root, series, documents, articles, diagnostics, cache)
    cache.save()
    return Corpus(
        tuple(series),
        documents,
        facts.paths,
        facts.python,
        facts.notebooks,
        tuple(diagnostics),
        files,
        tuple(stray),
    )


def _count_markdown(folders: list[Path]) -> int:
    count = 0
    for folder in folders:
        with contextlib.suppress(OSError):
            count += sum(1 for e in os.scandir(folder) if e.name.endswith(".md"))
    return count


@contextlib.contextmanager
def _worker_pool(articles: int) -> Iterator[ProcessPoolExecutor | None]:
    """Worker processes for a large corpus, started before anything is loaded, so that the
    forked workers stay small; None (parse in this process) for a small one."""
    workers = min(os.cpu_count() or 1, 8)
    if articles < PARALLEL_MIN or workers < 2:
        yield None
        return
    import multiprocessing as mp  # imported only for a large corpus: it costs ~20 ms
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in mp.get_all_start_methods():
        yield None
        return
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
        yield pool


def _series_folders(root: Path, out: list[Diagnostic]) -> list[Path]:
    content = root / CONTENT
    if not content.is_dir():
        return []
    try:
        return sorted(p for p in content.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError as exc:
        out.append(
            diag(
                "ENC003",
                CONTENT,
                1,
                1,
                f"cannot list folder: {exc.strerror or exc}",
                "check the folder's permissions",
            )
        )
        return []


def _load_series(
    root: Path,
    rel: str,
    series_id: str,
    out: list[Diagnostic],
    cache: LoadCache,
    pool: ProcessPoolExecutor | None,
) -> Series:
    config_path = f"{rel}/series.yaml"
    config, loaded = None, None
    text = read_text(root, config_path)
    if isinstance(text, Diagnostic):
        out.append(text)
    else:
        loaded = load_yaml_mapping(text, config_path, first_line=1)
        out.extend(loaded.diagnostics)
        if loaded.value is not None:
            record, problems = validate("series", loaded, config_path, _SERIES_CODES)
            config = cast("SeriesConfig | None", record)
            out.extend(problems)
    limit = config.limits.max_file_bytes if config else DEFAULT_MAX_BYTES
    names = _markdown_names(root, rel, out)
    paths = [f"{rel}/{name}" for name in names]
    articles = _load_articles(root, paths, limit, out, cache, pool)
    return Series(series_id, config_path, config, loaded, tuple(articles))


def _markdown_names(root: Path, rel: str, out: list[Diagnostic]) -> list[str]:
    """Sorted names of the Markdown files of a series folder (ENC003 if unreadable)."""
    try:
        return sorted(e.name for e in os.scandir(root / rel) if e.name.endswith(".md"))
    except OSError as exc:
        out.append(
            diag(
                "ENC003",
                rel,
                1,
                1,
                f"cannot list folder: {exc.strerror or exc}",
                "check the folder's permissions",
            )
        )
        return []


def _identity(rel: str) -> tuple[str, int | None]:
    """Slug and number of an article from its file name (`NN-slug.md`)."""
    name = rel.rsplit("/", 1)[-1]
    numbered = _NUMBERED.match(name)
    if numbered:
        return numbered.group(2), int(numbered.group(1))
    return name.removesuffix(".md"), None


def _load_articles(
    root: Path,
    paths: list[str],
    limit: int,
    out: list[Diagnostic],
    cache: LoadCache,
    pool: ProcessPoolExecutor | None,
) -> list[Article]:
    """Read every article; parse the ones the cache does not know (in parallel when many)."""
    articles: dict[str, Article] = {}
    pending: list[tuple[str, str, bytes]] = []
    base = os.fspath(root)
    for rel in paths:
        slug, number = _identity(rel)
        full = os.path.join(base, rel)
        status = cache.stat(full)
        key = cache.key_by_stat(rel, status, limit)
        entry = None
        if key is not None and inside_root(root, full):
            entry = cache.get("article", rel, key)
        if entry is None:
            data = read_bytes(root, rel, limit)
            if isinstance(data, Diagnostic):
                out.append(data)
                articles[rel] = Article(
                    rel, slug, number, None, None, parse_markdown(""), readable=False
                )
                continue
            key = digest(data, limit)
            cache.remember_stat(rel, status, limit, key)
            entry = cache.get("article", rel, key)
            if entry is None:
                pending.append((rel, key, data))
                continue
        articles[rel], found = article_from_json(rel, slug, number, entry)
        out.extend(found)
    parsed = parse_all([(r, d) for r, _, d in pending], pool)
    for (rel, key, _), result in zip(pending, parsed, strict=True):
        cache.put("article", rel, key, result)
        value = json.loads(result) if isinstance(result, str) else result
        articles[rel], found = article_from_json(rel, *_identity(rel), value)
        out.extend(found)
    return [articles[rel] for rel in paths]


def parse_entry(item: tuple[str, bytes]) -> dict[str, Any]:
    """Parse one article's bytes into its JSON entry (runs in worker processes)."""
    rel, data = item
    found: list[Diagnostic] = []
    article = _parse_article(rel, *_identity(rel), data, found)
    return article_to_json(article, found)


def parse_entry_text(item: tuple[str, bytes]) -> str:
    """`parse_entry` as compact JSON text: cheap to send back from a worker process."""
    return json.dumps(parse_entry(item), ensure_ascii=False, separators=(",", ":"))


def parse_all(
    items: list[tuple[str, bytes]], pool: ProcessPoolExecutor | None
) -> Sequence[dict[str, Any] | str]:
    """Entries for many articles: JSON text from the worker processes when there are enough
    to pay off, else JSON values parsed here."""
    if pool is None or len(items) < PARALLEL_MIN:
        return [parse_entry(item) for item in items]
    chunk = max(1, len(items) // 32)
    return list(pool.map(parse_entry_text, items, chunksize=chunk))


def _parse_article(
    rel: str, slug: str, file_order: int | None, data: bytes, out: list[Diagnostic]
) -> Article:
    text = decode_text(rel, data)
    if isinstance(text, Diagnostic):
        out.append(text)
        return Article(rel, slug, file_order, None, None, parse_markdown(""), readable=False)
    split = split_front_matter(text)
    front, loaded = None, None
    if split.yaml is None:
        out.append(
            diag(
                "FM001",
                rel,
                1,
                1,
                "front matter missing",
                "start the file with a `---` block of YAML keys, closed by `---`",
            )
        )
    elif not split.closed:
        out.append(
            diag(
                "FM002",
                rel,
                1,
                1,
                "front matter opened with `---` is never closed",
                "add a line with only `---` after the last key",
            )
        )
    else:
        loaded = load_yaml_mapping(split.yaml, rel, first_line=2)
        out.extend(loaded.diagnostics)
        if loaded.value is not None and not loaded.diagnostics:
            record, problems = validate("article", loaded, rel, _ARTICLE_CODES)
            front = cast("ArticleFrontMatter | None", record)
            out.extend(problems)
    regions, marker_problems = find_regions(split.body)
    out.extend(
        diag(
            "GEN002",
            rel,
            p.line,
            1,
            p.message,
            "restore the missing marker line, or delete the region's markers and text",
        )
        for p in marker_problems
    )
    markdown = parse_markdown(blank_regions(split.body, regions))
    return Article(rel, slug, file_order, front, loaded, markdown, regions=regions)
