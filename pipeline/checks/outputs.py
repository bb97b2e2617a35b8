"""SER: where `build` writes: inside the root, onto new or generated files, never a source."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from pipeline.core.codes import diag
from pipeline.core.corpus import Corpus, OutputFact, PathKind
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.i18n import N_, msg

SUFFIXES = {"metadata": ".json", "changelog": ".md", "graph": ".md"}
EXAMPLES = {
    "metadata": "data/{id}/metadata.json",
    "changelog": "docs/changelog.md",
    "graph": "docs/{id}-graph.md",
}
OUTSIDE = N_("output `{path}` is outside the repository")
THROUGH_LINK = N_("output `{path}` leads outside the repository through a symbolic link")
FOLDER = N_("output `{path}` is a folder")
SOURCE = N_("output `{path}` would overwrite the source file `{real}`")
SUFFIX = N_("`outputs.{key}` must name a {suffix} file, not `{path}`")
CONTENT = N_("output `{path}` lies under content/, where every Markdown file is an article")
SHARED = N_("output `{path}` is also written by {owner}")

Problem = tuple[str, str, str]  # code, message, hint


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """SER012 and SER016 for every configured output path."""
    by_id = {s.id: s for s in corpus.series}
    sources = {a.path for s in corpus.series for a in s.articles}
    sources |= {s.config_path for s in corpus.series}
    for index, fact in enumerate(corpus.outputs):
        problem = _problem(fact, sources) or _shared(fact, corpus.outputs[:index])
        if problem is not None:
            code, message, hint = problem
            series = by_id[fact.series]
            yaml = series.config_yaml
            line, column = yaml.position(("outputs", fact.key)) if yaml else (1, 1)
            yield diag(code, series.config_path, line, column, message, hint)


def _shared(fact: OutputFact, earlier: tuple[OutputFact, ...]) -> Problem | None:
    """An output that an earlier one already writes (series may share a changelog: each
    has its own region in it)."""
    for other in earlier:
        if other.real == fact.real and not fact.key == other.key == "changelog":
            owner = (
                msg("series `{series}`", series=other.series)
                if other.series != fact.series
                else msg("another output")
            )
            message = msg(SHARED, path=fact.path, owner=owner)
            return ("SER012", message, msg("give each output of each series its own file"))
    return None


def _problem(fact: OutputFact, sources: set[str]) -> Problem | None:
    """Why `build` must not write this output, or None."""
    path, key = fact.path, fact.key
    example = EXAMPLES[key].format(id=fact.series)
    normal = posixpath.normpath(path)
    if normal == ".." or normal.startswith("../") or posixpath.isabs(normal) or ":" in path:
        return ("SER012", msg(OUTSIDE, path=path), msg(_RELATIVE))
    if fact.kind is PathKind.OUTSIDE or fact.real is None:
        return (
            "SER012",
            msg(THROUGH_LINK, path=path),
            msg("write it inside, e.g. `{example}`", example=example),
        )
    if fact.kind is PathKind.DIR:
        return (
            "SER016",
            msg(FOLDER, path=path),
            msg("name a file, e.g. `{example}`", example=example),
        )
    if fact.real in sources:
        message = msg(SOURCE, path=path, real=fact.real)
        return (
            "SER016",
            message,
            msg("write it to a file of its own, e.g. `{example}`", example=example),
        )
    if not fact.real.endswith(SUFFIXES[key]):
        message = msg(SUFFIX, key=key, suffix=SUFFIXES[key], path=path)
        return ("SER016", message, msg("e.g. `{example}`", example=example))
    if fact.real.startswith("content/") and fact.real.endswith(".md"):
        return (
            "SER016",
            msg(CONTENT, path=path),
            msg("write it elsewhere, e.g. `{example}`", example=example),
        )
    return None


_RELATIVE = N_("use a path relative to the repository root, without `..`")
