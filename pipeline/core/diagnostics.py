"""The diagnostic record, the run's report, and the exit-code mapping."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    """How bad a diagnostic is: errors fail the run, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


class Diagnostic(NamedTuple):
    """One problem at one place: 1-based line and column, a stable code and a fix hint."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order of the report: by path, then position, then code."""
        return (self.path, self.line, self.column, self.code, self.message)


class Report(NamedTuple):
    """The sorted diagnostics of one run and how many files it looked at."""

    diagnostics: tuple[Diagnostic, ...]
    files: int

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic], files: int) -> Report:
        """Sort and deduplicate diagnostics into a report."""
        unique = set(diagnostics)
        return cls(tuple(sorted(unique, key=Diagnostic.sort_key)), files)

    @property
    def errors(self) -> int:
        """Number of error diagnostics."""
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        """Number of warning diagnostics."""
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


class UsageError(Exception):
    """A problem with how the pipeline was called or its environment (exit code 2)."""


EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2


def exit_code(report: Report, *, strict: bool = False) -> int:
    """Map a report to the CLI's exit code: 1 on errors (or warnings with strict), else 0."""
    if report.errors or (strict and report.warnings):
        return EXIT_CONTENT
    return EXIT_OK
