"""Printers: one per output format, layout only."""

from __future__ import annotations

import json
from collections.abc import Callable

from pipeline.core.diagnostics import Diagnostic, Report
from pipeline.domain.text import one_line, plural


def render_text(report: Report) -> str:
    """`path:line:col: severity CODE message`, the hint indented below, then a summary;
    line breaks inside a path, message or hint are escaped, so one diagnostic stays one line."""
    lines = []
    for d in report.diagnostics:
        lines.append(
            f"{one_line(d.path)}:{d.line}:{d.column}: {d.severity.value} {d.code} "
            f"{one_line(d.message)}"
        )
        if d.hint:
            lines.append(f"    hint: {one_line(d.hint)}")
    lines.append(
        f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')} "
        f"in {plural(report.files, 'file')}"
    )
    return "\n".join(lines) + "\n"


def _as_dict(d: Diagnostic) -> dict[str, object]:
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "hint": d.hint,
    }


def render_json(report: Report) -> str:
    """The versioned JSON document: `{"version": 1, "diagnostics": [...], "summary": {...}}`."""
    document = {
        "version": 1,
        "diagnostics": [_as_dict(d) for d in report.diagnostics],
        "summary": {"errors": report.errors, "warnings": report.warnings, "files": report.files},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic."""
    lines = []
    for d in report.diagnostics:
        message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        lines.append(
            f"::{d.severity.value} file={_escape_property(d.path)},line={d.line},"
            f"col={d.column},title={_escape_property(d.code)}::{_escape_data(message)}"
        )
    return "".join(line + "\n" for line in lines)


PRINTERS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
