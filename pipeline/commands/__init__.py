"""The subcommands: typed keyword arguments in, exit code out. Printing happens in this
package only (these functions, `scaffold.py` for `new`, through `printers` and `console`)."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from pipeline.commands.console import emit
from pipeline.commands.language import choose, for_corpus
from pipeline.commands.printers import PRINTERS
from pipeline.core.codes import RULES, blocks_build, diag
from pipeline.core.diagnostics import EXIT_CONTENT, EXIT_OK, Report, UsageError, exit_code
from pipeline.core.i18n import msg, render
from pipeline.core.writer import Output, current_bytes, stale_outputs, write_outputs

# Modules only some commands need are imported inside those commands, so that the
# pre-commit path (`validate`) pays only for what it runs.


def _relative(root: Path, paths: list[str]) -> list[str]:
    base = root.resolve()
    found = []
    for raw in paths:
        full = Path(raw).resolve()
        if not full.is_relative_to(base):
            raise UsageError(f"{raw} is not inside the root {root}")
        found.append(full.relative_to(base).as_posix())
    return found


def validate(
    *,
    root: Path,
    fmt: str,
    strict: bool,
    paths: list[str],
    changed_since: str | None = None,
    summary: Path | None = None,
    use_cache: bool = False,
    lang: str | None = None,
) -> int:
    """Check the series under `root` and print every problem; optionally review a change.
    `lang` is the language asked for (None: the locale's or the series')."""
    from pipeline.commands.stages import validate_root

    result = validate_root(root, _relative(root, paths), use_cache)
    report, changes = result.report, []
    chosen = for_corpus(lang, result.corpus)
    if changed_since or summary is not None:
        from pipeline.load.changes import (
            changed_files,
            changed_first,
            missing_update_notes,
            render_summary,
        )
    if changed_since:
        changes = changed_files(root, changed_since)
        notes = missing_update_notes(root, changed_since, result.corpus, changes)
        report = changed_first(Report.of([*report.diagnostics, *notes], report.files), changes)
    if summary is not None:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(render_summary(report, changes, changed_since or "HEAD", chosen))
    emit(PRINTERS[fmt](report, chosen), fmt)
    return exit_code(report, strict=strict)


def build(
    *, root: Path, fmt: str, check: bool, use_cache: bool = False, lang: str | None = None
) -> int:
    """Validate; without errors, write (or with `check`, compare) the generated outputs.

    Errors the registry marks `fixed_by_build` (stale generated regions) do not block a
    build: rewriting them is its job.
    """
    from pipeline.commands.stages import validate_root

    result = validate_root(root, use_cache=use_cache)
    report = result.report
    chosen = for_corpus(lang, result.corpus)
    if any(map(blocks_build, report.diagnostics)):
        emit(PRINTERS[fmt](report, chosen), fmt)
        if fmt == "text":
            print(render(NOTHING_WRITTEN, chosen), file=sys.stderr)
        return EXIT_CONTENT
    from pipeline.commands.stages import render_outputs

    outputs, problems = render_outputs(root, result.corpus)
    if problems:
        report = Report.of([*report.diagnostics, *problems], report.files)
        emit(PRINTERS[fmt](report, chosen), fmt)
        return EXIT_CONTENT
    if check:
        return _check_outputs(root, outputs, report, fmt, chosen)
    written = write_outputs(root, outputs)
    kept = [d for d in report.diagnostics if not RULES[d.code].fixed_by_build]
    report = Report.of(kept, report.files)
    emit(PRINTERS[fmt](report, chosen), fmt)
    if fmt == "text" and os.environ.get("PRE_COMMIT") == "1":
        if written:
            print(render(stage_again(written), chosen))
    elif fmt == "text":
        for rel in sorted(outputs):
            if rel in written or not rel.endswith(".md") or rel.startswith("docs/"):
                state = "written" if rel in written else "unchanged"
                print(f"build: {rel} {state}", file=sys.stderr)
    return exit_code(report)


def stage_again(written: list[str]) -> str:
    """The one line a commit hook prints after it rewrote outputs."""
    files = sorted(written)
    add = " ".join(shlex.quote(rel) for rel in files)
    return msg(
        "build: rewrote {files}; stage them (`git add {paths}`) and commit again",
        files=", ".join(files),
        paths=add,
    )


NOTHING_WRITTEN = msg("build: nothing written because of the errors above")


def _check_outputs(
    root: Path, outputs: dict[str, Output], report: Report, fmt: str, lang: str
) -> int:
    """`build --check`: report each stale output."""
    from pipeline.commands.stages import stale_output_problems

    stale = stale_output_problems(root, outputs, report)
    report = Report.of([*report.diagnostics, *stale], report.files)
    emit(PRINTERS[fmt](report, lang), fmt)
    return exit_code(report)


def _references(root: Path, use_cache: bool) -> dict[str, str]:
    """Every file generated from the code: JSON Schemas, diagnostics doc, README table.

    They depend on nothing but the pipeline's own code, so the cache keeps them under the
    code's fingerprint: a commit that does not touch the code needs no Pydantic.
    """
    from pipeline.load.cache import LoadCache
    from pipeline.render.docs import README_TABLE, splice_readme

    cache = LoadCache(root, enabled=use_cache, name="references")
    texts = cache.get("references", "code", cache.fingerprint)
    if not isinstance(texts, dict):
        from pipeline.render.docs import (
            DOC_PATHS,
            render_diagnostics_doc,
            render_front_matter_table,
        )
        from pipeline.render.jsonschema import render_schemas

        texts = render_schemas()
        for language, path in DOC_PATHS.items():
            texts[path] = render_diagnostics_doc(language)
        texts[README_TABLE] = render_front_matter_table()
    cache.put("references", "code", cache.fingerprint, texts)
    cache.save()
    outputs = {k: v for k, v in texts.items() if k != README_TABLE}
    readme = current_bytes(root / "README.md")
    if readme is not None:
        outputs["README.md"] = splice_readme(readme.decode("utf-8"), texts[README_TABLE])
    return outputs


def schema(*, root: Path, check: bool, use_cache: bool = False, lang: str | None = None) -> int:
    """Write the exported JSON Schemas and generated docs, or check that they are current
    (in `lang`, else the locale's language: the series are not read)."""
    outputs = _references(root, use_cache)
    chosen = choose(lang, os.environ)
    if check:
        stale = [
            diag(
                "GEN001",
                rel,
                1,
                1,
                msg("{path} is out of date", path=rel),
                SCHEMA_HINT,
            )
            for rel in stale_outputs(root, outputs)
        ]
        report = Report.of(stale, len(outputs))
        if stale:
            emit(PRINTERS["text"](report, chosen))
        return exit_code(report)
    for rel in write_outputs(root, outputs):
        print(f"schema: {rel} written", file=sys.stderr)
    return EXIT_OK


SCHEMA_HINT = msg("run `make schema` and commit the result")


def graph(*, root: Path, series_id: str | None, fmt: str) -> int:
    """Print the prerequisite graph of a series."""
    from pipeline.commands.stages import pick_series, validate_root
    from pipeline.render.diagrams import RENDERERS

    result = validate_root(root)
    emit(RENDERERS[fmt](pick_series(result.corpus, series_id)), fmt)
    return EXIT_OK


def new(
    *,
    root: Path,
    title: str,
    series_id: str | None,
    phase: str | None,
    after: str | None,
    date: str | None,
    lang: str | None = None,
) -> int:
    """Scaffold the next numbered article."""
    from pipeline.commands.scaffold import scaffold

    return scaffold(root, title, series_id, phase, after, date, lang)
