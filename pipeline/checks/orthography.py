"""ORT: the articles' prose follows the series' Vietnamese spelling (`orthography` in series.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipeline.core.codes import diag
from pipeline.core.corpus import Corpus, Series
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.i18n import N_, msg
from pipeline.domain.orthography import findings, glossary_of, place_tone, spelling_of

_NAMES = {"old": N_("old (hóa, thủy)"), "new": N_("new (hoá, thuỷ)")}


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every ORT diagnostic: the glossary's own consistency, then each article's prose."""
    for series in corpus.series:
        settings = series.config.orthography if series.config else None
        if settings is None:
            continue
        yield from _glossary(series, settings)
        yield from _prose(series, settings)


def _prose(series: Series, settings: Any) -> Iterator[Diagnostic]:
    spelling = spelling_of(settings)
    placement, avoided = spelling[0], spelling[1:]
    glossary = glossary_of(settings)
    for article in series.articles:
        for prose in article.markdown.prose:
            for found in findings(prose.text, placement, glossary, avoided):
                column = prose.column + found.start
                if found.glossary:
                    message = msg(
                        "“{found}”: the series writes “{preferred}”",
                        found=found.found,
                        preferred=found.preferred,
                    )
                    yield diag("ORT002", article.path, prose.line, column, message, _hint(found))
                else:
                    message = msg(
                        "“{found}” puts the tone mark as the other convention does; "
                        "the series uses the {placement} placement",
                        found=found.found,
                        placement=msg(_NAMES[placement]),
                    )
                    yield diag("ORT001", article.path, prose.line, column, message, _hint(found))


def _hint(found: Any) -> str:
    return msg("write “{word}”", word=found.preferred)


def _glossary(series: Series, settings: Any) -> Iterator[Diagnostic]:
    """A glossary that contradicts itself or the tone placement (ORT003)."""
    placement = settings.tone_placement
    seen: dict[str, int] = {}
    uses = {entry.use.lower() for entry in settings.glossary}
    for index, entry in enumerate(settings.glossary):
        words = entry.use.split()
        fixed = " ".join(place_tone(w, placement) for w in words)
        if fixed != " ".join(words):
            yield _config(
                series,
                (index, "use"),
                msg(
                    "glossary form “{form}” does not follow the {placement} tone placement",
                    form=entry.use,
                    placement=msg(_NAMES[placement]),
                ),
                msg("write “{word}”", word=fixed),
            )
        for number, form in enumerate(entry.avoid):
            key = form.lower()
            if key in uses:
                message = msg("“{form}” is both avoided and preferred in the glossary", form=form)
                hint = msg("remove it from `avoid`, or remove the entry that prefers it")
            elif key in seen:
                message = msg(
                    "“{form}” is avoided twice (also in entry {entry})",
                    form=form,
                    entry=seen[key] + 1,
                )
                hint = msg("keep it in one entry: a form has one preferred replacement")
            else:
                seen[key] = index
                continue
            yield _config(series, (index, "avoid", number), message, hint)


def _config(series: Series, key: tuple[int | str, ...], message: str, hint: str) -> Diagnostic:
    where = ("orthography", "glossary", *key)
    line, column = series.config_yaml.position(where) if series.config_yaml else (1, 1)
    return diag("ORT003", series.config_path, line, column, message, hint)
