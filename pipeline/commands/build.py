"""`build`: validate, then write (or with `--check`, compare) the generated outputs."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from pipeline.commands import stages
from pipeline.commands.console import emit
from pipeline.commands.language import for_corpus
from pipeline.commands.printers import PRINTERS
from pipeline.core.codes import RULES, blocks_build
from pipeline.core.diagnostics import EXIT_CONTENT, Report, exit_code
from pipeline.core.i18n import msg, render
from pipeline.core.writer import Output, write_outputs


def build(
    *, root: Path, fmt: str, check: bool, use_cache: bool = False, lang: str | None = None
) -> int:
    """Validate; without errors, write (or with `check`, compare) the generated outputs.

    Errors the registry marks `fixed_by_build` (stale generated regions) do not block a
    build: rewriting them is its job.
    """
    result = stages.validate_root(root, use_cache=use_cache)
    report = result.report
    chosen = for_corpus(lang, result.corpus)
    if any(map(blocks_build, report.diagnostics)):
        emit(PRINTERS[fmt](report, chosen), fmt)
        if fmt == "text":
            print(render(NOTHING_WRITTEN, chosen), file=sys.stderr)
        return EXIT_CONTENT
    outputs, problems = stages.render_outputs(root, result.corpus)
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
    stale = stages.stale_output_problems(root, outputs, report)
    report = Report.of([*report.diagnostics, *stale], report.files)
    emit(PRINTERS[fmt](report, lang), fmt)
    return exit_code(report)
