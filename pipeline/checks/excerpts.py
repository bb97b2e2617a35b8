"""CODE010: a Python excerpt in an article matches the companion code it cites.

An excerpt is a fenced `python` (`py`, `python3`) block in a section (a level-2 heading and what
follows up to the next heading of level 1 or 2) that links to companion code: a `.py` file
under code/. The block cites those files and the `.py` files of the front matter's `code`
list. Each of its lines, stripped of surrounding whitespace, must be a line of one of
them; blank lines, comments and lines that start with `...` or `…` (elisions) are not
compared, nor is the order of the lines.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

from pipeline.core.codes import diag
from pipeline.core.corpus import Corpus, ValidArticle
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.document import CodeLine, Kind
from pipeline.core.i18n import msg
from pipeline.domain.targets import companion_python, split_code_ref

CODES = ("CODE010",)
SHOWN = 60  # characters of a line quoted in a message


def check_article(corpus: Corpus, article: ValidArticle) -> Iterator[Diagnostic]:
    """A CODE010 for each excerpt of `article` with a line its cited files lack."""
    blocks = article.markdown.python_blocks
    if not blocks:
        return
    listed = [p for p, _ in map(split_code_ref, article.front.code) if companion_python(p)]
    starts, linked = _sections(article)
    for block in blocks:
        section = linked[bisect.bisect_right(starts, block[0].line) - 1]
        if section:
            yield from _excerpt(corpus, article.path, block, [*dict.fromkeys(section + listed)])


def _sections(article: ValidArticle) -> tuple[list[int], list[list[str]]]:
    """The first line of each section (0 for the text before the first one) and the
    companion `.py` files each section links to, in link order."""
    starts = [0, *(h.line for h in article.markdown.headings if h.level <= 2)]
    linked: list[list[str]] = [[] for _ in starts]
    for link, target in article.links():
        if target.kind is Kind.LOCAL and companion_python(target.path):
            linked[bisect.bisect_right(starts, link.line) - 1].append(target.path)
    return starts, linked


def _excerpt(
    corpus: Corpus, path: str, block: Sequence[CodeLine], cited: list[str]
) -> Iterator[Diagnostic]:
    sources = [corpus.python.get(p) for p in cited]
    files = [f.lines for f in sources if f is not None and f.lines is not None]
    if len(files) < len(cited):  # a file that is missing or unreadable has its own diagnostic
        return
    differ = [c for c in block if _differs(c.text.strip(), files)]
    if not differ:
        return
    first = differ[0]
    text = first.text.strip()
    shown = text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
    others = len(differ) - 1
    more: str = ""
    if others == 1:
        more = msg(" (and 1 more line of this block)")
    elif others > 1:
        more = msg(" (and {count} more lines of this block)", count=others)
    names = ", ".join(f"`{p}`" for p in cited)
    yield diag(
        "CODE010",
        path,
        first.line,
        first.column + len(first.text) - len(first.text.lstrip()),
        msg(
            "excerpt line `{line}` is in none of the files it cites: {files}{more}",
            line=shown,
            files=names,
            more=more,
        ),
        msg(
            "copy the current code into the excerpt (or change the code); indentation, blank "
            "lines, comments and `...` lines are not compared"
        ),
    )


def _differs(text: str, files: list[frozenset[str]]) -> bool:
    """Whether a stripped excerpt line is compared (not blank, a comment or an elision)
    and found in none of `files`."""
    if not text or text.startswith(("#", "...", "…")):
        return False
    return not any(text in lines for lines in files)
