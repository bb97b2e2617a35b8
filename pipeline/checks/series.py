"""SER: numbering, file names, phases, counts, tiers and the roadmap of each series."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pipeline.core.codes import diag
from pipeline.core.corpus import Article, Corpus, PathKind, Series, by_slug
from pipeline.core.diagnostics import Diagnostic
from pipeline.domain.slugs import ascii_slug
from pipeline.domain.suggest import did_you_mean

if TYPE_CHECKING:
    from schema.series import SeriesConfig

_FILE_NAME = re.compile(r"^\d{2,}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every SER diagnostic of the corpus."""
    for rel in corpus.stray:
        yield diag(
            "SER011",
            rel,
            1,
            1,
            f"{rel} holds articles but no series.yaml",
            f"add {rel}/series.yaml or move the Markdown files",
        )
    for series in corpus.series:
        yield from _file_names(series)
        yield from _shared_slugs(series)
        config = series.config
        if config is None:
            continue
        articles = series.valid_articles()
        yield from _identity(series, config)
        yield from _membership(series, articles)
        yield from _roadmap(series, config, corpus)
        numbered = [a for a in articles if a.front and a.front.order > 0]
        yield from _orders(series, numbered, config)
        yield from _phases(numbered, config)
        yield from _tiers(series, config)


def _file_names(series: Series) -> Iterator[Diagnostic]:
    for article in series.articles:
        name = article.path.rsplit("/", 1)[-1]
        if not _FILE_NAME.match(name):
            yield diag(
                "SER005",
                article.path,
                1,
                1,
                f"file name `{name}` is not `NN-ascii-kebab-case.md`",
                f"rename it to `{_suggest_name(name)}`",
            )
        elif (
            article.front
            and article.file_order is not None
            and (article.file_order != article.front.order)
        ):
            line, column = article.position("order")
            yield diag(
                "SER004",
                article.path,
                line,
                column,
                f"`order: {article.front.order}` but the file name says {article.file_order}",
                f"rename the file to `{article.front.order:02d}-{article.slug}.md` or fix `order`",
            )


def _shared_slugs(series: Series) -> Iterator[Diagnostic]:
    """An article whose slug (its file name without `NN-`) an earlier file already has."""
    first = by_slug(series.articles)
    for article in series.articles:
        owner = first[article.slug]
        if owner is not article:
            yield diag(
                "SER013",
                article.path,
                1,
                1,
                f"slug `{article.slug}` is also the slug of {owner.path}",
                "rename one of the two files: a slug names exactly one article",
            )


def _suggest_name(name: str) -> str:
    stem = name.removesuffix(".md")
    number, _, rest = stem.partition("-")
    if number.isdigit():
        return f"{number}-{ascii_slug(rest) or 'article'}.md"
    return f"NN-{ascii_slug(stem) or 'article'}.md"


def _identity(series: Series, config: SeriesConfig) -> Iterator[Diagnostic]:
    if config.id != series.id:
        line, column = _config_position(series, "id")
        yield diag(
            "SER001",
            series.config_path,
            line,
            column,
            f"`id: {config.id}` but the series folder is content/{series.id}",
            f"set `id: {series.id}` or rename the folder",
        )


def _membership(series: Series, articles: tuple[Article, ...]) -> Iterator[Diagnostic]:
    for article in articles:
        assert article.front is not None
        if article.front.series != series.id:
            line, column = article.position("series")
            yield diag(
                "SER008",
                article.path,
                line,
                column,
                f"`series: {article.front.series}` but the file is in series `{series.id}`",
                f"set `series: {series.id}`",
            )


def _roadmap(series: Series, config: SeriesConfig, corpus: Corpus) -> Iterator[Diagnostic]:
    if corpus.paths.get(config.roadmap) is None or (
        corpus.paths[config.roadmap].kind is not PathKind.FILE
    ):
        line, column = _config_position(series, "roadmap")
        yield diag(
            "SER010",
            series.config_path,
            line,
            column,
            f"roadmap `{config.roadmap}` does not exist",
            "create the roadmap article or fix `roadmap` in series.yaml",
        )
    for article in series.valid_articles():
        assert article.front is not None
        is_roadmap = article.path == config.roadmap
        if is_roadmap != (article.front.order == 0):
            line, column = article.position("order")
            message = (
                "the roadmap must have `order: 0`"
                if is_roadmap
                else f"`order: 0` is reserved for the roadmap `{config.roadmap}`"
            )
            yield diag(
                "SER010",
                article.path,
                line,
                column,
                message,
                "give numbered articles an order from 1",
            )


def _orders(series: Series, numbered: list[Article], config: SeriesConfig) -> Iterator[Diagnostic]:
    counts = Counter(a.front.order for a in numbered if a.front)
    for article in numbered:
        assert article.front is not None
        if counts[article.front.order] > 1:
            others = [
                a.path
                for a in numbered
                if a is not article and a.front and a.front.order == article.front.order
            ]
            line, column = article.position("order")
            yield diag(
                "SER002",
                article.path,
                line,
                column,
                f"`order: {article.front.order}` is also used by {', '.join(others)}",
                "give each article its own number",
            )
    if any(a.front is None for a in series.articles):
        return  # an article without valid front matter has an unknown order
    present = sorted(counts)
    top = max(present, default=0)
    missing = [n for n in range(1, top + 1) if n not in counts]
    if missing:
        yield diag(
            "SER003",
            series.config_path,
            1,
            1,
            f"series `{series.id}` has no article numbered {_ranges(missing)}",
            "renumber the articles so that they run 1, 2, ... without gaps",
        )
    if len(numbered) != config.article_count:
        line, column = _config_position(series, "articleCount")
        yield diag(
            "SER007",
            series.config_path,
            line,
            column,
            f"`articleCount: {config.article_count}` but {len(numbered)} numbered "
            "articles were found",
            "add the missing articles or fix `articleCount`",
        )


def _ranges(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _phases(numbered: list[Article], config: SeriesConfig) -> Iterator[Diagnostic]:
    known = [p.id for p in config.phases]
    for article in numbered:
        assert article.front is not None
        phase = article.front.phase
        if phase in known:
            continue
        if phase is None:
            yield diag(
                "SER006",
                article.path,
                1,
                1,
                "numbered article has no `phase`",
                f"add `phase:` with one of {', '.join(known)}",
            )
        else:
            line, column = article.position("phase")
            yield diag(
                "SER006",
                article.path,
                line,
                column,
                f"unknown phase `{phase}`",
                did_you_mean(phase, known) or f"use one of {', '.join(known)}",
            )


def _tiers(series: Series, config: SeriesConfig) -> Iterator[Diagnostic]:
    if not config.tiers:
        return
    slugs = {a.slug for a in series.valid_articles() if a.front and a.front.order > 0}
    # an article whose front matter or encoding failed still exists (its own error says why)
    existing = slugs | {a.slug for a in series.articles if a.front is None and a.number != 0}
    seen: Counter[str] = Counter()
    for t_index, tier in enumerate(config.tiers):
        for a_index, slug in enumerate(tier.articles):
            seen[slug] += 1
            if slug not in existing:
                line, column = _config_position(series, "tiers", t_index, "articles", a_index)
                yield diag(
                    "SER009",
                    series.config_path,
                    line,
                    column,
                    f"tier `{tier.id}` names unknown article `{slug}`",
                    "use the slug of a numbered article",
                )
    for slug in sorted(slugs):
        if seen[slug] != 1:
            line, column = _config_position(series, "tiers")
            where = "no tier" if seen[slug] == 0 else f"{seen[slug]} tiers"
            yield diag(
                "SER009",
                series.config_path,
                line,
                column,
                f"article `{slug}` is in {where}",
                "put it in exactly one tier",
            )


def _config_position(series: Series, *key: str | int) -> tuple[int, int]:
    return series.config_yaml.position(key) if series.config_yaml else (1, 1)
