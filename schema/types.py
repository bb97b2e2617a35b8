"""Constrained value types shared by the models."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints
from pydantic.alias_generators import to_camel

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# control characters (C0, DEL, C1) and the Unicode line and paragraph separators
CONTROL = r"\x00-\x1f\x7f-\x9f\u2028\u2029"
# one line: none of them
LINE_PATTERN = rf"^[^{CONTROL}]*$"
# a paragraph: the same, line breaks allowed
PARAGRAPH_PATTERN = r"^[^\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]*$"


def _real_date(value: str) -> str:
    """Reject impossible calendar dates such as 2025-02-30."""
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real calendar date") from exc
    return value


IsoDate = Annotated[
    str,
    StringConstraints(pattern=DATE_PATTERN),
    AfterValidator(_real_date),
    Field(json_schema_extra={"format": "date"}, examples=["2025-03-21"]),
]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, pattern=LINE_PATTERN)]
Paragraph = Annotated[str, StringConstraints(min_length=1, pattern=PARAGRAPH_PATTERN)]
# a relative path with `/`: no leading slash, no backslash, no control character
REPO_PATH_PATTERN = rf"^[^/\\{CONTROL}][^\\{CONTROL}]*$"
RepoPath = Annotated[str, StringConstraints(pattern=REPO_PATH_PATTERN, min_length=1)]

STRICT = ConfigDict(
    strict=True,
    extra="forbid",
    alias_generator=to_camel,
    validate_by_alias=True,
    validate_by_name=False,
    serialize_by_alias=True,
    frozen=True,
    defer_build=True,  # validators are built on first use: start-up pays only for what runs
)

OUTPUT = STRICT | ConfigDict(validate_by_name=True)
