"""Printers: one per output format, layout only."""

from __future__ import annotations

import json
from collections.abc import Callable

from pipeline.core.diagnostics import Diagnostic, Report
from pipeline.core.i18n import SOURCE, msg, render, render_optional
from pipeline.domain.text import counts, one_line

HINT = msg("hint")


def render_text(report: Report, lang: str = SOURCE) -> str:
    """`path:line:col: severity CODE message`, the hint indented below, then a summary;
    line breaks inside a path, message or hint are escaped, so one diagnostic stays one line.
    Severity and code stay English in every language (editors' problem matchers read them)."""
    lines = []
    hint = render(HINT, lang)
    for d in report.diagnostics:
        lines.append(
            f"{one_line(d.path)}:{d.line}:{d.column}: {d.severity.value} {d.code} "
            f"{one_line(render(d.message, lang))}"
        )
        if d.hint:
            lines.append(f"    {hint}: {one_line(render(d.hint, lang))}")
    lines.append(render(counts(report.errors, report.warnings, report.files), lang))
    return "\n".join(lines) + "\n"


def _as_dict(d: Diagnostic, lang: str) -> dict[str, object]:
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "code": d.code,
        "severity": d.severity.value,
        "message": render(d.message, lang),
        "hint": render_optional(d.hint, lang),
        "messageEn": str(d.message),
        "hintEn": None if d.hint is None else str(d.hint),
    }


def render_json(report: Report, lang: str = SOURCE) -> str:
    """The versioned JSON document: `message` and `hint` in the chosen language,
    `messageEn` and `hintEn` always in English."""
    document = {
        "version": 1,
        "diagnostics": [_as_dict(d, lang) for d in report.diagnostics],
        "summary": {"errors": report.errors, "warnings": report.warnings, "files": report.files},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report, lang: str = SOURCE) -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic (the text in the
    chosen language, the command, file, position and code as GitHub parses them)."""
    lines = []
    hint = render(HINT, lang)
    for d in report.diagnostics:
        message = render(d.message, lang)
        message += f"\n{hint}: {render(d.hint, lang)}" if d.hint else ""
        lines.append(
            f"::{d.severity.value} file={_escape_property(d.path)},line={d.line},"
            f"col={d.column},title={_escape_property(d.code)}::{_escape_data(message)}"
        )
    return "".join(line + "\n" for line in lines)


PRINTERS: dict[str, Callable[[Report, str], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
