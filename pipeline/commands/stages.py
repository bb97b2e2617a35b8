"""The run of one command over a root: load, check, report, render outputs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.checks import run_checks
from pipeline.core.codes import RULES, diag
from pipeline.core.corpus import Corpus, Series
from pipeline.core.diagnostics import Diagnostic, Report, Severity, UsageError
from pipeline.core.document import Kind
from pipeline.core.i18n import msg
from pipeline.core.writer import Output, current_bytes, stale_outputs
from pipeline.domain.regions import refill
from pipeline.domain.sections import RENDERERS, render_sections
from pipeline.load.loader import load_corpus

REGENERATE = "make build-metadata"


class Validation(NamedTuple):
    """A loaded corpus and its report."""

    corpus: Corpus
    report: Report


def load_root(root: Path, use_cache: bool = False) -> Corpus:
    """Load everything under `root` (a usage error when it holds no series)."""
    if not root.is_dir():
        raise UsageError(f"root {root} is not a folder")
    corpus = load_corpus(root, use_cache=use_cache)
    if not corpus.series and not corpus.stray:
        raise UsageError(
            f"no series found under {root}/content (expected content/<id>/series.yaml)"
        )
    return corpus


def validate_root(
    root: Path,
    only: Iterable[str] = (),
    use_cache: bool = False,
) -> Validation:
    """Load and check everything under `root`; report all of it, or only the given files."""
    corpus = load_root(root, use_cache)
    diagnostics = run_checks(corpus)
    if not any(d.severity is Severity.ERROR for d in diagnostics):
        for series in corpus.series:
            diagnostics.extend(section_problems(series))
    wanted = set(only)
    if wanted:
        shown = _with_linkers(corpus, wanted)
        diagnostics = [d for d in diagnostics if d.path in shown]
    return Validation(corpus, Report.of(diagnostics, corpus.files))


def pick_series(corpus: Corpus, series_id: str | None) -> Series:
    """The series named `series_id`, or the only one; a UsageError otherwise."""
    ids = [s.id for s in corpus.series]
    if series_id is None and len(ids) == 1:
        return corpus.series[0]
    for series in corpus.series:
        if series.id == series_id:
            return series
    raise UsageError(f"choose a series with --series: one of {', '.join(ids) or '(none)'}")


def section_problems(series: Series) -> Iterator[Diagnostic]:
    """GEN002 for unknown region names, GEN003 for regions whose text is stale."""
    rendered = render_sections(series)
    for article in series.valid_articles():
        for region in article.regions:
            if region.name not in RENDERERS:
                yield diag(
                    "GEN002",
                    article.path,
                    region.line,
                    1,
                    msg("unknown generated region `{name}`", name=region.name),
                    msg("use one of: {names}", names=", ".join(sorted(RENDERERS))),
                )
            elif rendered[article.path][region.name] != region.inner:
                yield diag(
                    "GEN003",
                    article.path,
                    region.line,
                    1,
                    msg("generated region `{name}` is out of date", name=region.name),
                    msg("run `{command}` to regenerate it", command=REGENERATE),
                )


def _with_linkers(corpus: Corpus, paths: set[str]) -> set[str]:
    """The given paths plus every article whose links point at one of them."""
    linked = set(paths)
    for series in corpus.series:
        for article in series.articles:
            if any(t.kind is Kind.LOCAL and t.path in paths for _, t in article.links()):
                linked.add(article.path)
    return linked


def render_outputs(root: Path, corpus: Corpus) -> tuple[dict[str, Output], list[Diagnostic]]:
    """Every generated file's new text (or UTF-8 bytes), keyed by relative path (call only
    without errors)."""
    from pipeline.domain.metadata import build_metadata
    from pipeline.render.changelog import render_changelog
    from pipeline.render.diagrams import render_graph_page
    from pipeline.render.metadata import render_metadata

    outputs: dict[str, Output] = {}
    problems: list[Diagnostic] = []
    for series in corpus.series:
        config = series.config
        assert config is not None
        metadata = build_metadata(series)
        outputs[config.outputs.metadata] = render_metadata(series, metadata)
        path = config.outputs.changelog
        existing = outputs.get(path)
        if isinstance(existing, bytes):
            existing = existing.decode("utf-8")
        if existing is None:
            raw = current_bytes(root / path)
            existing = raw.decode("utf-8", "replace") if raw is not None else None
        changelog = render_changelog(series, path, existing)
        if isinstance(changelog, str):
            outputs[path] = changelog
        else:
            problems.append(
                diag(
                    "GEN002",
                    path,
                    changelog.line,
                    1,
                    changelog.message,
                    msg(
                        "restore the missing marker line, or delete the block's "
                        "markers and text to regenerate it"
                    ),
                )
            )
        if config.outputs.graph:
            outputs[config.outputs.graph] = render_graph_page(series)
        outputs.update(_articles_with_sections(root, series, metadata))
    return outputs, problems


def _articles_with_sections(root: Path, series: Series, metadata: dict[str, Any]) -> dict[str, str]:
    """Articles whose generated regions change, with their new text (newlines and BOM kept)."""
    changed: dict[str, str] = {}
    regions = {a.path: a.regions for a in series.articles}
    for path, rendered in render_sections(series, metadata).items():
        if all(r.inner == rendered[r.name] for r in regions[path] if r.name in rendered):
            continue  # every region already holds its text: the file is not read again
        raw = current_bytes(root / path)
        if raw is None:
            continue
        text = raw.decode("utf-8")
        filled = refill(text, rendered)
        if filled != text:
            changed[path] = filled
    return changed


def stale_output_problems(
    root: Path, outputs: dict[str, Output], report: Report
) -> list[Diagnostic]:
    """GEN001 for each output that differs from its file on disk, unless the report already
    names that file with an error `build` fixes (a stale region)."""
    fixed = {d.path for d in report.diagnostics if RULES[d.code].fixed_by_build}
    return [
        diag(
            "GEN001",
            rel,
            1,
            1,
            msg("{path} is out of date", path=rel),
            msg("run `make build-metadata` and commit the result"),
        )
        for rel in stale_outputs(root, outputs)
        if rel not in fixed
    ]
