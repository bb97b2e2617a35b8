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


def code_html(path: str, text: str) -> str:
    """A source file highlighted by Pygments, each line a `<span id="L-n">`."""
    from pygments import highlight as pygmentize
    from pygments.lexers import get_lexer_for_filename
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_for_filename(path, text)
    except ClassNotFound:
        from pygments.lexers.special import TextLexer

        lexer = TextLexer()
    return str(pygmentize(text, lexer, _line_formatter()))


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


def symbol_line(text: str, symbol: str) -> int | None:
    """The 1-based line defining `symbol` (`Name` or `Class.member`: its last part)."""
    name = re.escape(symbol.rsplit(".", 1)[-1])
    match = re.search(_DEFINITION.format(name), text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None
