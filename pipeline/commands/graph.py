"""`graph`: print the prerequisite graph of a series (Mermaid, DOT or JSON)."""

from __future__ import annotations

from pathlib import Path

from pipeline.commands.console import emit
from pipeline.commands.stages import pick_series, validate_root
from pipeline.core.diagnostics import EXIT_OK
from pipeline.render.diagrams import RENDERERS


def graph(*, root: Path, series_id: str | None, fmt: str) -> int:
    """Print the prerequisite graph of a series."""
    result = validate_root(root)
    emit(RENDERERS[fmt](pick_series(result.corpus, series_id)), fmt)
    return EXIT_OK
