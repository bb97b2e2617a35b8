"""Loading a repository root into a Corpus: walking the series, the worker pool, the cache
handshake and the parse of one article. Files are read only in the `load` package (here,
`readfile`, `cachedfile`, `probe`, `images`, `changes`) and written only by `core.writer`."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from pipeline.core.codes import RULES, diag
from pipeline.core.corpus import Article, Corpus, Series
from pipeline.core.diagnostics import Diagnostic
from pipeline.domain.orthography import spelling_of
from pipeline.domain.regions import blank_regions, find_regions
from pipeline.domain.targets import classify
from pipeline.load.cache import FileStat, LoadCache, digest, file_stat
from pipeline.load.cachedfile import load_cached, salt_of
from pipeline.load.fastvalid import Record, from_record, to_record
from pipeline.load.frontmatter import split_front_matter
from pipeline.load.images import load_images
from pipeline.load.jsonforms import (
    article_from_json,
    article_to_json,
    diagnostics_from_json,
    diagnostics_to_json,
)
from pipeline.load.markdown import parse_markdown
from pipeline.load.modelcheck import validate
from pipeline.load.probe import probe_corpus, probe_outputs
from pipeline.load.readfile import (
    DEFAULT_MAX_BYTES,
    decode_text,
    read_bytes,
    undecodable_name,
)
from pipeline.load.yamlparse import YamlResult, load_yaml_mapping

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from schema.article import ArticleFrontMatter
    from schema.series import SeriesConfig

CONTENT = "content"
PARALLEL_MIN = 200  # below this, starting worker processes costs more than it saves
_NUMBERED = re.compile(r"^(\d+)-(.+)\.md$")
_ARTICLE_CODES = {"unknown": "FM003", "missing": "FM004", "invalid": "FM005", "date": "FM007"}
_SERIES_CODES = {"unknown": "SER001", "missing": "SER001", "invalid": "SER001"}
# what loading and validating an article's front matter can report (and nothing else can)
FRONT_MATTER_CODES = frozenset(
    {*(code for code in RULES if code.startswith("YML")), *_ARTICLE_CODES.values()}
)


def load_corpus(root: Path, cache: LoadCache | None = None) -> Corpus:
    """Load every series under `root/content` and probe what their articles reference.

    With a cache, files whose bytes did not change are not parsed again.
    """
    cache = cache or LoadCache(root, enabled=False)
    diagnostics: list[Diagnostic] = []
    series: list[Series] = []
    stray: list[str] = []
    folders = _series_folders(root, diagnostics)
    with contextlib.closing(Workers()) as workers:
        for folder in folders:
            rel = f"{CONTENT}/{folder.name}"
            if (folder / "series.yaml").is_file():
                series.append(_load_series(root, rel, folder.name, diagnostics, cache, workers))
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
        probe_outputs(root, series),
        tuple(load_images(root, f"{CONTENT}/{s.id}") for s in series),
    )


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


def _series_folders(root: Path, out: list[Diagnostic]) -> list[Path]:
    content = root / CONTENT
    if not content.is_dir():
        return []
    try:
        folders = [p for p in content.iterdir() if p.is_dir() and not p.name.startswith(".")]
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
    return sorted(p for p in folders if not _undecodable(CONTENT, p.name, out))


def _undecodable(rel: str, name: str, out: list[Diagnostic]) -> bool:
    """Whether `name` is not valid UTF-8 (then reported as ENC005)."""
    problem = undecodable_name(rel, name)
    if problem is not None:
        out.append(problem)
    return problem is not None


def _load_series(
    root: Path,
    rel: str,
    series_id: str,
    out: list[Diagnostic],
    cache: LoadCache,
    workers: Workers,
) -> Series:
    config_path = f"{rel}/series.yaml"
    config, loaded = _load_config(root, config_path, out, cache)
    limit = config.limits.max_file_bytes if config else DEFAULT_MAX_BYTES
    spelling = spelling_of(getattr(config, "orthography", None))
    names = _markdown_names(root, rel, out)
    paths = [f"{rel}/{name}" for name in names]
    articles = _load_articles(root, paths, (limit, spelling), out, cache, workers)
    return Series(series_id, config_path, config, loaded, tuple(articles))


def _load_config(
    root: Path, rel: str, out: list[Diagnostic], cache: LoadCache
) -> tuple[SeriesConfig | None, YamlResult | None]:
    """A series config and its YAML, from the cache when its status or bytes are unchanged."""
    entry = load_cached(root, rel, "series", cache, lambda data: _parse_config(rel, data))
    if isinstance(entry, Diagnostic):
        out.append(entry)
        return None, None
    out.extend(diagnostics_from_json(entry["diagnostics"]))
    config = None if entry["config"] is None else to_record(entry["config"])
    loaded = None if entry["yaml"] is None else YamlResult.positions_later(*entry["yaml"])
    return cast("SeriesConfig | None", config), loaded


def _parse_config(rel: str, data: bytes) -> dict[str, Any]:
    """A series config's JSON entry: the validated values, the YAML text, the diagnostics."""
    found: list[Diagnostic] = []
    config, loaded = None, None
    text = decode_text(rel, data)
    if isinstance(text, Diagnostic):
        found.append(text)
    else:
        loaded = load_yaml_mapping(text, rel, first_line=1)
        found.extend(loaded.diagnostics)
        if loaded.value is not None:
            config, problems = validate("series", loaded, rel, _SERIES_CODES)
            found.extend(problems)
    return {
        "config": None if config is None else from_record(config),
        "yaml": None if loaded is None else list(loaded.source),
        "diagnostics": diagnostics_to_json(found),
    }


def _markdown_names(root: Path, rel: str, out: list[Diagnostic]) -> list[str]:
    """Sorted names of the Markdown files of a series folder (ENC003 if unreadable)."""
    try:
        names = [e.name for e in os.scandir(root / rel) if e.name.endswith(".md")]
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
    return sorted(n for n in names if not _undecodable(rel, n, out))


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
    settings: tuple[int, tuple[str, ...]],
    out: list[Diagnostic],
    cache: LoadCache,
    workers: Workers,
) -> list[Article]:
    """Load every article: from the cache when its status or bytes are unchanged, else
    read and parsed (by worker processes when there are many). `settings`: the size
    limit and the orthography settings (see `orthography.spelling_of`)."""
    limit, spelling = settings
    articles: dict[str, Article] = {}
    unknown: list[str] = []
    base = os.fspath(root)
    for rel in paths:
        if not cache.knows("article", rel):
            unknown.append(rel)  # new to the cache: read and parsed below, maybe in workers
            continue
        parser = _parser(rel, cache, spelling)
        entry = load_cached(root, rel, "article", cache, parser, limit, spelling)
        if isinstance(entry, Diagnostic):
            out.append(entry)
            articles[rel] = _unreadable(rel)
            continue
        articles[rel], found = article_from_json(rel, *_identity(rel), entry)
        out.extend(found)
    pool = workers.pool(len(unknown))
    results = load_all(base, unknown, settings, pool)
    for rel, loaded in zip(unknown, results, strict=True):
        if isinstance(loaded, Diagnostic):
            out.append(loaded)
            articles[rel] = _unreadable(rel)
            continue
        salt = salt_of("article", limit, spelling)
        cache.remember_stat(rel, loaded.status, salt, loaded.key)
        if isinstance(loaded.entry, str):
            cache.put("article", rel, loaded.key, loaded.entry)
            articles[rel], found = article_from_json(rel, *_identity(rel), json.loads(loaded.entry))
        else:
            articles[rel], found = loaded.entry
            if cache.enabled:  # JSON forms only for the cache
                cache.put("article", rel, loaded.key, article_to_json(*loaded.entry))
        out.extend(found)
    return [articles[rel] for rel in paths]


def _parser(
    rel: str, cache: LoadCache, spelling: tuple[str, ...]
) -> Callable[[bytes], dict[str, Any]]:
    return lambda data: parse_entry((rel, data), cache.previous("article", rel), spelling)


def _unreadable(rel: str) -> Article:
    return Article(rel, *_identity(rel), None, None, parse_markdown(""), readable=False)


class Loaded(NamedTuple):
    """An article read and parsed: its content key, its status before reading, and either
    the article with its diagnostics (parsed in this process) or their JSON text (from a
    worker process: JSON is what crosses the process boundary)."""

    key: str
    status: FileStat | None
    entry: tuple[Article, list[Diagnostic]] | str


def load_file(item: tuple[str, str, tuple[int, tuple[str, ...]], bool]) -> Loaded | Diagnostic:
    """Read and parse one article (in a worker process when `as_text`)."""
    base, rel, (limit, spelling), as_text = item
    status = file_stat(os.path.join(base, rel))  # before reading: a later write shows
    data = read_bytes(Path(base), rel, limit)
    if isinstance(data, Diagnostic):
        return data
    key = digest(data, salt_of("article", limit, spelling))
    if as_text:
        entry = parse_entry((rel, data), None, spelling)
        return Loaded(key, status, json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    found: list[Diagnostic] = []
    article = _parse_article(rel, *_identity(rel), data, found, (None, spelling))
    return Loaded(key, status, (article, found))


def load_all(
    base: str,
    paths: list[str],
    settings: tuple[int, tuple[str, ...]],
    pool: ProcessPoolExecutor | None,
) -> Iterable[Loaded | Diagnostic]:
    """`load_file` for many articles: in the worker processes when there are enough to pay
    off (they read the files too, and send back JSON text: cheap to transfer). With a pool
    the work is submitted at once and the results come as they are iterated."""
    if pool is None or len(paths) < PARALLEL_MIN:
        return [load_file((base, rel, settings, False)) for rel in paths]
    chunk = max(1, len(paths) // 32)
    items = [(base, rel, settings, True) for rel in paths]
    return pool.map(load_file, items, chunksize=chunk)


def parse_entry(
    item: tuple[str, bytes],
    earlier: dict[str, Any] | None = None,
    spelling: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Parse one article's bytes into its JSON entry (`earlier`: the entry of the bytes
    the file had before, whose front matter is reused when its YAML text is the same;
    `spelling`: the series' orthography settings, see `orthography.spelling_of`)."""
    rel, data = item
    found: list[Diagnostic] = []
    article = _parse_article(rel, *_identity(rel), data, found, (earlier, spelling))
    return article_to_json(article, found)


def _front_matter_of(earlier: Any, yaml_text: str) -> tuple[Record | None, list[Diagnostic]] | None:
    """The front matter record and diagnostics of an earlier entry whose YAML text is
    `yaml_text` (loading and validating the same text gives the same), else None."""
    if not isinstance(earlier, dict) or earlier.get("yaml") != [yaml_text, 2]:
        return None
    try:
        front = None if earlier["front"] is None else to_record(earlier["front"])
        found = diagnostics_from_json(earlier["diagnostics"])
    except (KeyError, TypeError, ValueError):  # a damaged entry: parse instead
        return None
    return front, [d for d in found if d.code in FRONT_MATTER_CODES]


def _parse_article(
    rel: str,
    slug: str,
    file_order: int | None,
    data: bytes,
    out: list[Diagnostic],
    context: tuple[dict[str, Any] | None, tuple[str, ...]] = (None, ()),
) -> Article:
    earlier, spelling = context
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
    elif (reused := _front_matter_of(earlier, split.yaml)) is not None:
        # only the body changed (the common edit): PyYAML is not even imported
        loaded = YamlResult.positions_later(split.yaml, 2)
        front = cast("ArticleFrontMatter | None", reused[0])
        out.extend(reused[1])
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
    markdown = parse_markdown(blank_regions(split.body, regions), spelling)
    targets = tuple(classify(link.dest, rel) for link in markdown.links)
    return Article(rel, slug, file_order, front, loaded, markdown, regions=regions, targets=targets)
