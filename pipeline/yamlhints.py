"""Plain-words fixes for the YAML syntax errors authors make most often.

The parser says where it gave up and why, in its own terms; these hints look at the line
it names and say what to type instead. Hints are templates with named placeholders.
"""

from __future__ import annotations

import re

TAB = (
    "indent with spaces: YAML does not accept tabs for indentation (replace the tab on line {line})"
)
CURLY = "use straight quotes: write {fixed}"
COLON = "put the value in double quotes, because `: ` inside it starts a new key: write {fixed}"
UNCLOSED = (
    "the front matter seems to run into the article: add a line with only `---` "
    "after the last key, before line {line}"
)

_CURLY = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?[\w.-]+):[ \t]+(.*?)\s*$")
_HEADING = re.compile(r"^#{1,6} \S")


def syntax_hint(text: str, index: int, first_line: int) -> str | None:
    """A fix for a syntax error that the parser reports on 0-based line `index` of `text`
    (YAML that starts on file line `first_line`), or None when no hint fits."""
    lines = text.split("\n")
    line = lines[index] if 0 <= index < len(lines) else ""
    if "\t" in line[: len(line) - len(line.lstrip())]:
        return TAB.format(line=index + first_line)
    found = _KEY_VALUE.match(line)
    value = found.group(2) if found else ""
    if value[:1] in ("\u201c", "\u2018"):
        return CURLY.format(fixed=_quoted(line.translate(_CURLY)))
    if ": " in value and value[:1] not in "\"'[{":
        return COLON.format(fixed=_quoted(line))
    heading = next((i for i, text in enumerate(lines) if _HEADING.match(text)), None)
    if heading is not None and heading <= index:
        return UNCLOSED.format(line=heading + first_line)
    return None


def _quoted(line: str) -> str:
    """`key: value` with the value in double quotes (already quoted values stay as they are)."""
    found = _KEY_VALUE.match(line)
    if found is None:
        return f"`{line.strip()}`"
    key, value = found.groups()
    if value[:1] in "\"'":
        return f"`{key.strip()}: {value}`"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'`{key.strip()}: "{escaped}"`'
