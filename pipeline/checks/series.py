"""SER: numbering, file names, phases, counts, tiers and the roadmap of each series."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pipeline.core.codes import diag
from pipeline.core.corpus import Corpus, PathKind, Series, ValidArticle, by_slug
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.i18n import msg
from pipeline.domain.slugs import ascii_slug
from pipeline.domain.suggest import did_you_mean

if TYPE_CHECKING:
    from pipeline.core.records import SeriesConfig

_FILE_NAME = re.compile(r"^\d{2,}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every SER diagnostic of the corpus."""
    for rel in corpus.stray:
        yield diag(
            "SER011",
            rel,
            1,
            1,
            msg("{path} holds articles but no series.yaml", path=rel),
            msg("add {path}/series.yaml or move the Markdown files", path=rel),
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
        numbered = [a for a in articles if a.front.order > 0]
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
                msg("file name `{name}` is not `NN-ascii-kebab-case.md`", name=name),
                msg("rename it to `{name}`", name=_suggest_name(name)),
            )
        elif (
            article.front
            and article.file_order is not None
            and (article.file_order != article.front.order)
        ):
            line, column = article.position("order")
            expected_name = f"{article.front.order:02d}-{article.slug}.md"
            yield diag(
                "SER004",
                article.path,
                line,
                column,
                msg(
                    "`order: {order}` but the file name says {number}",
                    order=article.front.order,
                    number=article.file_order,
                ),
                msg("rename the file to `{name}` or fix `order`", name=expected_name),
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
                msg("slug `{slug}` is also the slug of {path}", slug=article.slug, path=owner.path),
                msg("rename one of the two files: a slug names exactly one article"),
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
            msg(
                "`id: {id}` but the series folder is content/{folder}",
                id=config.id,
                folder=series.id,
            ),
            msg("set `id: {id}` or rename the folder", id=series.id),
        )


def _membership(series: Series, articles: tuple[ValidArticle, ...]) -> Iterator[Diagnostic]:
    for article in articles:
        if article.front.series != series.id:
            line, column = article.position("series")
            yield diag(
                "SER008",
                article.path,
                line,
                column,
                msg(
                    "`series: {declared}` but the file is in series `{series}`",
                    declared=article.front.series,
                    series=series.id,
                ),
                msg("set `series: {series}`", series=series.id),
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
            msg("roadmap `{path}` does not exist", path=config.roadmap),
            msg("create the roadmap article or fix `roadmap` in series.yaml"),
        )
    for article in series.valid_articles():
        is_roadmap = article.path == config.roadmap
        if is_roadmap != (article.front.order == 0):
            line, column = article.position("order")
            message = (
                msg("the roadmap must have `order: 0`")
                if is_roadmap
                else msg("`order: 0` is reserved for the roadmap `{path}`", path=config.roadmap)
            )
            yield diag(
                "SER010",
                article.path,
                line,
                column,
                message,
                msg("give numbered articles an order from 1"),
            )


def _orders(
    series: Series, numbered: list[ValidArticle], config: SeriesConfig
) -> Iterator[Diagnostic]:
    counts = Counter(a.front.order for a in numbered)
    for article in numbered:
        if counts[article.front.order] > 1:
            others = [
                a.path
                for a in numbered
                if a is not article and a.front.order == article.front.order
            ]
            line, column = article.position("order")
            yield diag(
                "SER002",
                article.path,
                line,
                column,
                msg(
                    "`order: {order}` is also used by {paths}",
                    order=article.front.order,
                    paths=", ".join(others),
                ),
                msg("give each article its own number"),
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
            msg(
                "series `{series}` has no article numbered {numbers}",
                series=series.id,
                numbers=_ranges(missing),
            ),
            msg("renumber the articles so that they run 1, 2, ... without gaps"),
        )
    if len(numbered) != config.article_count:
        line, column = _config_position(series, "articleCount")
        yield diag(
            "SER007",
            series.config_path,
            line,
            column,
            msg(
                "`articleCount: {declared}` but {count} numbered articles were found",
                declared=config.article_count,
                count=len(numbered),
            ),
            msg("add the missing articles or fix `articleCount`"),
        )


def _ranges(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _phases(numbered: list[ValidArticle], config: SeriesConfig) -> Iterator[Diagnostic]:
    known = [p.id for p in config.phases]
    for article in numbered:
        phase = article.front.phase
        if phase in known:
            continue
        if phase is None:
            yield diag(
                "SER006",
                article.path,
                1,
                1,
                msg("numbered article has no `phase`"),
                msg("add `phase:` with one of {ids}", ids=", ".join(known)),
            )
        else:
            line, column = article.position("phase")
            yield diag(
                "SER006",
                article.path,
                line,
                column,
                msg("unknown phase `{phase}`", phase=phase),
                did_you_mean(phase, known) or msg("use one of {ids}", ids=", ".join(known)),
            )


def _tiers(series: Series, config: SeriesConfig) -> Iterator[Diagnostic]:
    if not config.tiers:
        return
    slugs = {a.slug for a in series.valid_articles() if a.front.order > 0}
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
                    msg("tier `{tier}` names unknown article `{slug}`", tier=tier.id, slug=slug),
                    msg("use the slug of a numbered article"),
                )
    for slug in sorted(slugs):
        if seen[slug] != 1:
            line, column = _config_position(series, "tiers")
            where = msg("no tier") if seen[slug] == 0 else msg("{count} tiers", count=seen[slug])
            yield diag(
                "SER009",
                series.config_path,
                line,
                column,
                msg("article `{slug}` is in {where}", slug=slug, where=where),
                msg("put it in exactly one tier"),
            )


def _config_position(series: Series, *key: str | int) -> tuple[int, int]:
    return series.config_yaml.position(key) if series.config_yaml else (1, 1)
