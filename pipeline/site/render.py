"""Markdown to safe HTML: pyromark (the pipeline's own parser), Pygments, LaTeX to
MathML (latex2mathml), nh3.

Every link and image of the output, those written in Markdown and those in raw HTML
alike, passes one filter that maps repository paths to the site's pages (`Links`), and one
sanitiser that keeps only an allowlist of tags, attributes and URL schemes.
"""

from __future__ import annotations

import functools
import html
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import nh3

from pipeline.core.document import Kind
from pipeline.domain.anchors import Slugger
from pipeline.domain.targets import classify
from pipeline.site.urls import relative_url

MATHML = frozenset(
    {"math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace"}
    | {"mfrac", "msqrt", "mroot", "msub", "msup", "msubsup", "munder", "mover", "munderover"}
    | {"mtable", "mtr", "mtd", "mstyle", "mpadded", "mphantom", "menclose", "merror"}
    | {"mmultiscripts", "mprescripts", "none"}
)
MATH_ATTRIBUTES = frozenset(
    {"display", "xmlns", "mathvariant", "stretchy", "fence", "form", "separator", "lspace"}
    | {"rspace", "width", "height", "depth", "displaystyle", "scriptlevel", "accent"}
    | {"accentunder", "linethickness", "movablelimits", "minsize", "maxsize", "notation"}
    | {"columnalign", "columnlines", "columnspacing", "rowlines", "rowspacing", "largeop"}
    | {"symmetric", "voffset", "mathsize"}
)
TAGS = frozenset(nh3.ALLOWED_TAGS) | MATHML | {"details", "summary", "input", "section", "span"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"style"},
    "td": {"style"},
    "input": {"type", "checked", "disabled"},
    "ol": {"start"},
    **{tag: set(MATH_ATTRIBUTES) for tag in MATHML},
}
SCHEMES = frozenset({"http", "https", "mailto"})

# Where a page links: (source repository path, page's output path, href) -> new href.
LinkMap = Callable[[str, str, str], str]


class Links:
    """Maps repository paths to the output paths of their pages, relative to each page."""

    def __init__(self, pages: Mapping[str, str]) -> None:
        self.pages = pages

    def href(self, source: str, page: str, dest: str) -> str:
        """The link `dest`, written in the file `source`, as seen from the page `page`."""
        target = classify(dest, source)
        if target.kind is not Kind.LOCAL or not target.path:
            return dest
        out = self.pages.get(target.path)
        if out is None:
            return dest
        fragment = f"#{target.fragment}" if target.fragment is not None else ""
        return relative_url(page, out) + fragment


@functools.lru_cache(maxsize=4096)  # formulas recur within and across articles
def _math(latex: str, display: bool) -> str:
    from latex2mathml.converter import convert

    try:
        return convert(latex, display="block" if display else "inline")
    except Exception:  # latex2mathml raises many types on input it cannot read
        shown = html.escape(latex)
        return f'<code class="math-error" title="LaTeX không đọc được">{shown}</code>'


@functools.cache
def _lexer(lang: str) -> Any:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(lang) if lang else None
    except ClassNotFound:
        return None


@functools.cache
def _formatter() -> Any:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(nowrap=True)


@functools.lru_cache(maxsize=1024)  # a preview renders the same blocks again after an edit
def highlight(code: str, lang: str, attrs: str = "") -> str:
    """A fenced block as HTML: Mermaid left for mermaid.js, `math` as display math, code
    highlighted by Pygments (plain text for an unknown language)."""
    name = (lang or "").split()[0].lower() if lang else ""
    if name == "mermaid":
        return f'<pre class="mermaid">{html.escape(code)}</pre>\n'
    if name == "math":
        return _math(code, display=True) + "\n"
    lexer = _lexer(name)
    if lexer is None:
        body = html.escape(code)
    else:
        from pygments import highlight as pygmentize

        body = pygmentize(code, lexer, _formatter())
    language = f' class="language-{html.escape(name)}"' if name else ""
    return f'<pre class="highlight"><code{language}>{body}</code></pre>\n'


_HEADING = re.compile(r"<h([1-6])( id=\"[^\"]*\")?>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_MATH = re.compile(r'<span class="math math-(inline|display)">(.*?)</span>', re.DOTALL)
_CODE = re.compile(r'<pre><code class="language-([^"]*)">(.*?)</code></pre>\n?', re.DOTALL)


def _with_ids(text: str, ids: Sequence[str]) -> str:
    """Headings given the pipeline's ids (GitHub's), `ids` in document order; were the
    counts ever to differ (raw HTML headings), ids come from the same slugger."""
    found = list(_HEADING.finditer(text))
    given = list(ids) if len(ids) == len(found) else None
    slugger = Slugger()
    slugger.reserve(html.unescape(m.group(2)[5:-1]) for m in found if m.group(2))
    parts, last = [], 0
    for n, match in enumerate(found):
        level, explicit, inner = match.groups()
        if given is not None:
            anchor = given[n]
        elif explicit:
            anchor = html.unescape(explicit[5:-1])
        else:
            anchor = slugger.unique(html.unescape(_TAG.sub("", inner)).strip())
        parts += [
            text[last : match.start()],
            f'<h{level} id="{html.escape(anchor)}">{inner}</h{level}>',
        ]
        last = match.end()
    return "".join([*parts, text[last:]])


def _math_span(match: re.Match[str]) -> str:
    return _math(html.unescape(match.group(2)), match.group(1) == "display")


def _code_block(match: re.Match[str]) -> str:
    return highlight(html.unescape(match.group(2)), html.unescape(match.group(1)))


@functools.cache
def _options() -> Any:
    import pyromark

    names = ("TABLES", "FOOTNOTES", "STRIKETHROUGH", "TASKLISTS", "HEADING_ATTRIBUTES", "MATH")
    return functools.reduce(operator.or_, (pyromark.Options[f"ENABLE_{n}"] for n in names))


def to_html(body: str, ids: Sequence[str]) -> str:
    """Markdown to HTML by the parser the pipeline checks with (pyromark: pulldown-cmark),
    then headings given their ids, math as MathML and code highlighted."""
    import pyromark

    text = pyromark.html(body, options=_options())
    text = _with_ids(text, ids) if "<h" in text else text
    text = _MATH.sub(_math_span, text) if "math-" in text else text
    return _CODE.sub(_code_block, text) if "<pre><code class=" in text else text


# The link rewriting of the text being sanitised: nh3's Cleaner takes one attribute filter
# when it is made, and making one per page costs more than the cleaning itself.
_REWRITE: list[Callable[[str, str], str] | None] = [None]


def _attribute(tag: str, name: str, value: str) -> str | None:
    rewrite = _REWRITE[0]
    if rewrite is not None and (name == "href" or name == "src"):
        return rewrite(tag, value)
    return value


@functools.cache
def _cleaner() -> Any:
    return nh3.Cleaner(
        tags=set(TAGS),
        attributes=ATTRIBUTES,
        url_schemes=set(SCHEMES),
        attribute_filter=_attribute,
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def sanitise(text: str, rewrite: Callable[[str, str], str] | None = None) -> str:
    """`text` with only allowlisted tags, attributes and URL schemes; `rewrite(tag, url)`
    maps every `href` and `src` first."""
    _REWRITE[0] = rewrite
    try:
        return str(_cleaner().clean(text))
    finally:
        _REWRITE[0] = None


def render_markdown(body: str, source: str, page: str, ids: Sequence[str], links: Links) -> str:
    """The Markdown `body` of the file `source` as safe HTML for the page at `page`
    (output path), its headings given `ids` in order."""
    raw = to_html(body, ids)
    return sanitise(raw, lambda tag, url: links.href(source, page, url))
