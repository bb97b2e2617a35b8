"""Plain-words fixes for the YAML syntax errors authors make most often.

The parser says where it gave up and why, in its own terms; these hints look at the line
it names and say what to type instead. Hints are templates with named placeholders.
"""

from __future__ import annotations

import re

from pipeline.core.i18n import N_, msg

TAB = N_(
    "indent with spaces: YAML does not accept tabs for indentation (replace the tab on line {line})"
)
CURLY = N_("use straight quotes: write {fixed}")
COLON = N_("put the value in double quotes, because `: ` inside it starts a new key: write {fixed}")
NO_KEY = N_(
    "line {line} is not `key: value`: add the key and a colon, or indent the line "
    "to continue the value above"
)
UNCLOSED = N_(
    "the front matter seems to run into the article: add a line with only `---` "
    "after the last key, before line {line}"
)

_CURLY = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?[\w.-]+):[ \t]+(.*?)\s*$")
_HEADING = re.compile(r"^#{1,6} \S")


def syntax_hint(text: str, index: int, first_line: int, problem: str = "") -> str | None:
    """A fix for a syntax error (`problem`, in the parser's words) that the parser reports
    on 0-based line `index` of `text` (YAML that starts on file line `first_line`), or None
    when no hint fits."""
    lines = text.split("\n")
    line = lines[index] if 0 <= index < len(lines) else ""
    if "\t" in line[: len(line) - len(line.lstrip())]:
        return msg(TAB, line=index + first_line)
    found = _KEY_VALUE.match(line)
    value = found.group(2) if found else ""
    if value[:1] in ("\u201c", "\u2018"):
        return msg(CURLY, fixed=_quoted(line.translate(_CURLY)))
    if ": " in value and value[:1] not in "\"'[{":
        return msg(COLON, fixed=_quoted(line))
    heading = _article_start(lines[: index + 1])
    if heading is not None:
        return msg(UNCLOSED, line=heading + first_line)
    if "expected ':'" in problem:
        for before in range(min(index, len(lines)) - 1, -1, -1):
            if lines[before].strip() and not lines[before].lstrip().startswith("#"):
                bare = ":" not in lines[before] and not lines[before].lstrip().startswith("-")
                return msg(NO_KEY, line=before + first_line) if bare else None
    return None


def _article_start(lines: list[str]) -> int | None:
    """The first line of an article's text that ran into the YAML: a Markdown heading
    between blank lines, followed by a line of prose (neither a key nor a comment)."""
    for index in range(1, len(lines) - 1):
        if not _HEADING.match(lines[index]) or lines[index - 1].strip():
            continue
        if lines[index + 1].strip():
            continue
        later = [line for line in lines[index + 1 :] if line.strip()]
        if any(":" not in line and not line.lstrip().startswith("#") for line in later):
            return index
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
