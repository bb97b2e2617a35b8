"""Markdown to safe HTML: markdown-it-py, Pygments, LaTeX to MathML, nh3.

Every link and image of the output, those written in Markdown and those in raw HTML
alike, passes one filter that maps repository paths to the site's pages (`Links`), and one
sanitiser that keeps only an allowlist of tags, attributes and URL schemes.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from pipeline.anchors import Slugger
from pipeline.links import Kind, classify
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


def _math(latex: str, display: bool) -> str:
    from latex2mathml.converter import convert

    try:
        return convert(latex, display="block" if display else "inline")
    except Exception:  # latex2mathml raises many types on input it cannot read
        shown = html.escape(latex)
        return f'<code class="math-error" title="LaTeX không đọc được">{shown}</code>'


def _math_renderer(content: str, options: dict[str, Any]) -> str:
    return _math(content, bool(options.get("display_mode")))


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


def _heading_ids(state: StateCore) -> None:
    """A core rule giving headings the pipeline's ids (GitHub's, `env["ids"]` in order);
    should the two parsers ever disagree on the headings, ids come from the same slugger."""
    ids = state.env.get("ids", ())
    opens = [i for i, t in enumerate(state.tokens) if t.type == "heading_open"]
    given = list(ids) if len(ids) == len(opens) else None
    slugger = Slugger()
    for n, index in enumerate(opens):
        inline = state.tokens[index + 1]
        text = "".join(c.content for c in inline.children or () if c.type != "html_inline")
        anchor = given[n] if given is not None else slugger.unique(text.strip())
        state.tokens[index].attrSet("id", anchor)


@functools.cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "highlight": highlight})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin).use(tasklists_plugin)
    md.use(dollarmath_plugin, renderer=_math_renderer, double_inline=True)
    md.core.ruler.push("heading_ids", _heading_ids)
    return md


def sanitise(text: str, rewrite: Callable[[str, str], str] | None = None) -> str:
    """`text` with only allowlisted tags, attributes and URL schemes; `rewrite(tag, url)`
    maps every `href` and `src` first."""

    def attribute(tag: str, name: str, value: str) -> str | None:
        if rewrite is not None and name in ("href", "src"):
            return rewrite(tag, value)
        return value

    return nh3.clean(
        text,
        tags=set(TAGS),
        attributes=ATTRIBUTES,
        url_schemes=set(SCHEMES),
        attribute_filter=attribute,
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(body: str, source: str, page: str, ids: Sequence[str], links: Links) -> str:
    """The Markdown `body` of the file `source` as safe HTML for the page at `page`
    (output path), its headings given `ids` in order."""
    raw = _markdown().render(body, {"ids": tuple(ids)})
    return sanitise(raw, lambda tag, url: links.href(source, page, url))
