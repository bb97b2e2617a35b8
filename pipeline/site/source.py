"""Pages for the companion files that articles link to: code and notebooks."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from pipeline.site.render import Links, highlight, render_markdown


@functools.cache
def _line_formatter() -> Any:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(linespans="L", cssclass="highlight source")


# The Pygments lexer of each kind of companion file the site shows (plan.TEXT_SOURCES):
# named here, because looking a file name up in Pygments scans the patterns of all its
# ~600 lexers (a quarter of a second per process). A notebook that is not valid JSON is
# shown as plain text, as Pygments would for the suffix it does not know.
LEXERS = {
    ".py": "python",
    ".ipynb": "text",
    ".md": "markdown",
    ".txt": "text",
    ".toml": "toml",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
}


@functools.cache
def _lexer_for(suffix: str) -> Any:
    """The Pygments lexer of a companion file's suffix (plain text for another one)."""
    from pygments.lexers import get_lexer_by_name

    return get_lexer_by_name(LEXERS.get(suffix, "text"))


def code_html(path: str, text: str) -> str:
    """A source file highlighted by Pygments, each line a `<span id="L-n">`."""
    from pygments import highlight as pygmentize

    suffix = path[path.rfind(".") :] if "." in path.rsplit("/", 1)[-1] else ""
    return str(pygmentize(text, _lexer_for(suffix), _line_formatter()))


def notebook_cells(path: str, page: str, text: str, links: Links) -> list[dict[str, str]] | None:
    """A notebook's cells as HTML (Markdown rendered, code highlighted), or None when the
    file is not a notebook."""
    try:
        cells = json.loads(text)["cells"]
        found = []
        for cell in cells:
            source = cell["source"]
            body = "".join(source) if isinstance(source, list) else str(source)
            kind = str(cell["cell_type"])
            if kind == "markdown":
                html = render_markdown(body, path, page, (), links)
            else:
                html = highlight(body, "python")
            found.append({"kind": kind, "html": html})
    except (ValueError, KeyError, TypeError):
        return None
    return found


_DEFINITION = "^[ \\t]*(?:async[ \\t]+)?(?:def|class)[ \\t]+{}\\b"
_DEFINITIONS = re.compile(_DEFINITION.format("(\\w+)"), re.MULTILINE)


def definition_lines(text: str) -> dict[str, int]:
    """Each name a `def` or `class` of `text` defines -> the 1-based line of its first
    definition (one pass over the file, however many symbols are looked up in it)."""
    found: dict[str, int] = {}
    line, last = 1, 0
    for match in _DEFINITIONS.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        found.setdefault(match.group(1), line)
    return found


def symbol_line(text: str, symbol: str, lines: dict[str, int] | None = None) -> int | None:
    """The 1-based line defining `symbol` (`Name` or `Class.member`: its last part);
    `lines` is `definition_lines(text)` when the caller already has it."""
    name = symbol.rsplit(".", 1)[-1]
    if re.fullmatch(r"\w+", name):
        return (definition_lines(text) if lines is None else lines).get(name)
    match = re.search(_DEFINITION.format(re.escape(name)), text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None
