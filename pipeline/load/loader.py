"""Loading a repository root into a Corpus: walking the series folders and handing each
article to the cache (`cachedfile`) or to the parser (`article`, in `workers` when there
are many). Files are read only in the `load` package (`readfile`, `cachedfile`,
`workers`, `probe`, `images`, `changes`) and written only by `core.writer`."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.core.codes import diag
from pipeline.core.corpus import Article, Corpus, Series
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.i18n import msg
from pipeline.core.records import SeriesConfig, series_config_from_json
from pipeline.domain.orthography import spelling_of
from pipeline.load.article import identity, parse_entry, unreadable
from pipeline.load.cache import LoadCache
from pipeline.load.cachedfile import load_cached, salt_of
from pipeline.load.found import Found
from pipeline.load.images import load_images
from pipeline.load.jsonforms import (
    article_from_json,
    article_to_json,
    diagnostics_from_json,
    diagnostics_to_json,
)
from pipeline.load.modelcheck import validate
from pipeline.load.probe import probe_corpus, probe_outputs
from pipeline.load.readfile import (
    DEFAULT_MAX_BYTES,
    decode_text,
    undecodable_name,
)
from pipeline.load.workers import Workers, load_all
from pipeline.load.yamlparse import YamlResult, load_yaml_mapping

CONTENT = "content"
_SERIES_CODES = {"unknown": "SER001", "missing": "SER001", "invalid": "SER001"}


def load_corpus(root: Path, use_cache: bool = False) -> Corpus:
    """Load every series under `root/content` and probe what their articles reference.

    With `use_cache`, files whose bytes did not change since an earlier run are not parsed
    again: the cache (`cache.LoadCache`) is made here and passed only inside this package.
    """
    cache = LoadCache(root, enabled=use_cache)
    folders, unlisted = _series_folders(root)
    diagnostics = list(unlisted)  # the one list that gathers every step's diagnostics
    series: list[Series] = []
    stray: list[str] = []
    with contextlib.closing(Workers()) as workers:
        for folder in folders:
            rel = f"{CONTENT}/{folder.name}"
            if (folder / "series.yaml").is_file():
                one, problems = _load_series(root, rel, folder.name, cache, workers)
                series.append(one)
                diagnostics.extend(problems)
            elif any(folder.glob("*.md")):
                stray.append(rel)
    files = sum(len(s.articles) + 1 for s in series)
    documents = {a.path: a.markdown for s in series for a in s.articles if a.readable}
    facts, problems = probe_corpus(root, series, documents, cache)
    diagnostics.extend(problems)
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


def _series_folders(root: Path) -> Found[list[Path]]:
    content = root / CONTENT
    if not content.is_dir():
        return Found([])
    try:
        folders = [p for p in content.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError as exc:
        return Found([], (_unlistable(CONTENT, exc),))
    names, problems = _utf8_names(CONTENT, [p.name for p in folders])
    return Found([content / name for name in names], problems)


def _utf8_names(rel: str, names: list[str]) -> Found[list[str]]:
    """The names that are valid UTF-8, sorted; ENC005 for each of the others."""
    problems = [undecodable_name(rel, name) for name in names]
    kept = sorted(name for name, problem in zip(names, problems, strict=True) if not problem)
    return Found(kept, tuple(p for p in problems if p is not None))


def _load_series(
    root: Path,
    rel: str,
    series_id: str,
    cache: LoadCache,
    workers: Workers,
) -> Found[Series]:
    config_path = f"{rel}/series.yaml"
    (config, loaded), problems = _load_config(root, config_path, cache)
    limit = config.limits.max_file_bytes if config else DEFAULT_MAX_BYTES
    spelling = spelling_of(config.orthography if config else None)
    names, unlisted = _markdown_names(root, rel)
    paths = [f"{rel}/{name}" for name in names]
    articles, found = _load_articles(root, paths, (limit, spelling), cache, workers)
    series = Series(series_id, config_path, config, loaded, tuple(articles))
    return Found(series, problems + unlisted + found)


def _load_config(
    root: Path, rel: str, cache: LoadCache
) -> Found[tuple[SeriesConfig | None, YamlResult | None]]:
    """A series config and its YAML, from the cache when its status or bytes are unchanged."""
    entry, problems = load_cached(root, rel, "series", cache, lambda data: _parse_config(rel, data))
    if entry is None:
        return Found((None, None), problems)
    config = None if entry["config"] is None else series_config_from_json(entry["config"])
    loaded = None if entry["yaml"] is None else YamlResult.positions_later(*entry["yaml"])
    return Found((config, loaded), tuple(diagnostics_from_json(entry["diagnostics"])))


def _parse_config(rel: str, data: bytes) -> dict[str, Any]:
    """A series config's JSON entry: the validated values, the YAML text, the diagnostics."""
    config, loaded = None, None
    text, unread = decode_text(rel, data)
    found = list(unread)
    if text is not None:
        loaded, problems = load_yaml_mapping(text, rel, first_line=1)
        found.extend(problems)
        if loaded.value is not None:
            config, problems = validate("series", loaded, rel, _SERIES_CODES)
            found.extend(problems)
    return {
        "config": config,
        "yaml": None if loaded is None else list(loaded.source),
        "diagnostics": diagnostics_to_json(found),
    }


def _unlistable(rel: str, exc: OSError) -> Diagnostic:
    """ENC003 for a folder whose entries cannot be listed."""
    reason = str(exc.strerror or exc)
    return diag(
        "ENC003",
        rel,
        1,
        1,
        msg("cannot list folder: {reason}", reason=reason),
        msg("check the folder's permissions"),
    )


def _markdown_names(root: Path, rel: str) -> Found[list[str]]:
    """Sorted names of the Markdown files of a series folder (ENC003 if unreadable)."""
    try:
        names = [e.name for e in os.scandir(root / rel) if e.name.endswith(".md")]
    except OSError as exc:
        return Found([], (_unlistable(rel, exc),))
    return _utf8_names(rel, names)


def _load_articles(
    root: Path,
    paths: list[str],
    settings: tuple[int, tuple[str, ...]],
    cache: LoadCache,
    workers: Workers,
) -> Found[list[Article]]:
    """Load every article: from the cache when its status or bytes are unchanged, else
    read and parsed (by worker processes when there are many). `settings`: the size
    limit and the orthography settings (see `orthography.spelling_of`)."""
    limit, spelling = settings
    out: list[Diagnostic] = []
    articles: dict[str, Article] = {}
    unknown: list[str] = []
    base = os.fspath(root)
    for rel in paths:
        if not cache.knows("article", rel):
            unknown.append(rel)  # new to the cache: read and parsed below, maybe in workers
            continue
        parser = _parser(rel, cache, spelling)
        entry, unread = load_cached(root, rel, "article", cache, parser, limit, spelling)
        if entry is None:
            out.extend(unread)
            articles[rel] = unreadable(rel)
            continue
        articles[rel], found = article_from_json(rel, *identity(rel), entry)
        out.extend(found)
    pool = workers.pool(len(unknown))
    results = load_all(base, unknown, settings, pool)
    for rel, (loaded, unread) in zip(unknown, results, strict=True):
        if loaded is None:
            out.extend(unread)
            articles[rel] = unreadable(rel)
            continue
        salt = salt_of("article", limit, spelling)
        cache.remember_stat(rel, loaded.status, salt, loaded.key)
        if isinstance(loaded.entry, str):
            cache.put("article", rel, loaded.key, loaded.entry)
            articles[rel], found = article_from_json(rel, *identity(rel), json.loads(loaded.entry))
        else:
            articles[rel], found = loaded.entry
            if cache.enabled:  # JSON forms only for the cache
                cache.put("article", rel, loaded.key, article_to_json(*loaded.entry))
        out.extend(found)
    return Found([articles[rel] for rel in paths], tuple(out))


def _parser(
    rel: str, cache: LoadCache, spelling: tuple[str, ...]
) -> Callable[[bytes], dict[str, Any]]:
    return lambda data: parse_entry((rel, data), cache.previous("article", rel), spelling)
