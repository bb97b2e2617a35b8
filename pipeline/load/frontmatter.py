"""Splitting an article into its front matter and body, keeping file line numbers."""

from __future__ import annotations

from typing import NamedTuple

_OPEN = "---"
_CLOSERS = ("---", "...")


class Split(NamedTuple):
    """The YAML text (starting on file line 2), and the body with front-matter lines blanked.

    `yaml` is None when there is no front matter; `closed` is False when it never ends.
    Blanking keeps every body offset equal to its offset in the file.
    """

    yaml: str | None
    body: str
    closed: bool


def split_front_matter(text: str) -> Split:
    """Split `text` (LF newlines) at the `---` fences of its front matter."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _OPEN:
        return Split(None, text, True)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSERS:
            yaml_text = "\n".join(lines[1:index]) + "\n"
            body = "\n" * index + "\n" + "\n".join(lines[index + 1 :])
            return Split(yaml_text, body, True)
    return Split("\n".join(lines[1:]), "\n" + "\n".join(lines[1:]), False)
