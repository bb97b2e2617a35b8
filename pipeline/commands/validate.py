"""`validate`: check the series under a root and print every problem; optionally review a
change against a git ref. The pre-commit path: it imports only what it runs."""

from __future__ import annotations

from pathlib import Path

from pipeline.commands.console import emit
from pipeline.commands.language import for_corpus
from pipeline.commands.printers import PRINTERS
from pipeline.commands.stages import validate_root
from pipeline.core.diagnostics import Report, UsageError, exit_code


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
