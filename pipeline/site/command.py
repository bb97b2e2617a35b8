"""`python -m pipeline site`: build the static site and print the series' diagnostics."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pipeline.commands.console import emit
from pipeline.commands.language import choose
from pipeline.commands.printers import PRINTERS
from pipeline.core.diagnostics import Report, UsageError, exit_code

# Top-level modules of the `preview` group in pyproject.toml.
PREVIEW_DEPENDENCIES = frozenset({"jinja2", "markupsafe", "pygments", "latex2mathml", "nh3"})


def site(
    *, root: Path, out: Path, fmt: str, use_cache: bool = False, lang: str | None = None
) -> int:
    """Write the site into `out`, even when articles have errors (their pages show them);
    the exit code is validate's: 1 with errors, so CI still fails on them. The report is
    printed in `lang` (None: the locale's, else the series')."""
    try:
        from pipeline.site.build import build_site
    except ModuleNotFoundError as exc:
        if exc.name not in PREVIEW_DEPENDENCIES:
            raise
        raise UsageError(
            f"the site's dependency `{exc.name}` is not installed; run `make site` "
            "(it installs the `preview` group into .venv)"
        ) from exc
    result = build_site(root, out, use_cache=use_cache)
    report = Report.of(result.diagnostics, result.files)
    emit(PRINTERS[fmt](report, choose(lang, os.environ, result.lang)), fmt)
    if fmt == "text":
        print(f"site: {len(result.pages)} files written to {out}", file=sys.stderr)
    return exit_code(report)
