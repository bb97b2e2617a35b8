"""`metadata.json`: the series' metadata (`domain/metadata.build_metadata`) as JSON text."""

from __future__ import annotations

import json
from typing import Any

from pipeline.core.corpus import Series
from pipeline.domain.metadata import build_metadata

LARGE_SERIES = 200  # articles from which orjson writes the JSON (see render_json)


def render_metadata(series: Series, metadata: dict[str, Any] | None = None) -> bytes:
    """metadata.json text: UTF-8, two-space indent, no build timestamps, trailing newline
    (`metadata` is the series' `build_metadata`, when the caller has it already)."""
    if metadata is None:
        metadata = build_metadata(series)
    return render_json(metadata, large=len(series.articles) >= LARGE_SERIES)


def render_json(value: Any, large: bool = False) -> bytes:
    """`json.dumps(value, ensure_ascii=False, indent=2)` plus a newline, as UTF-8.

    A `large` value is written by orjson instead: the same text (a property test checks
    it), but json's indenting encoder is pure Python and took half of a build at 1,000
    articles, while importing orjson costs more than json spends on a small series.
    """
    if not large:
        return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    import orjson

    return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
