"""`build_site`: the static site of every series, from the metadata contract plus the
articles' text, images and companion files.

A broken article still gets a page, showing its diagnostics; the build never stops on
content. Same inputs give byte-identical files (no clock: dates come from the content).
"""

from __future__ import annotations

import functools
import json
import shutil
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.commands.language import configured, spoken
from pipeline.commands.stages import validate_root
from pipeline.core.corpus import Article, Series, by_slug
from pipeline.core.diagnostics import Diagnostic, UsageError
from pipeline.core.i18n import in_language
from pipeline.domain.metadata import DEFAULT_LANG
from pipeline.site import feeds, pages
from pipeline.site.jobs import (
    ArticleJob,
    Rank,
    SearchInfo,
    Worker,
    entry_of,
    page_bytes,
    read_text,
    rendering,
)
from pipeline.site.plan import Plan, SeriesPlan, affected_files, neighbours, plan_site
from pipeline.site.recall import Recall, recalled
from pipeline.site.render import Links
from pipeline.site.search import Entry, index_json, text_limit
from pipeline.site.source import definition_lines, symbol_line
from pipeline.site.urls import home_page, relative_url, root_of
from pipeline.site.write import finish, write_file

MARKER = ".series-site"  # in the output folder: what a full build may clear
ASSETS = Path(__file__).parent / "assets"
MERMAID = Path(__file__).resolve().parents[2] / "node_modules/mermaid/dist/mermaid.min.js"
DOT_MAX = 300  # articles up to which Graphviz lays out the prerequisite graph


class SiteResult(NamedTuple):
    """What a site build wrote (output-relative paths, sorted), every diagnostic of the
    series, and how many files were checked."""

    pages: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    files: int = 0
    lang: str | None = None  # the language of messages the series asks for, if any


def build_site(
    root: Path,
    out: Path,
    *,
    only: Collection[str] | None = None,
    use_cache: bool = False,
    recall: Recall | None = None,
) -> SiteResult:
    """Write the site of every series under `root` into `out`; with `only` (repository
    paths that changed, `out` holding an earlier build) just the pages they touch; with
    `recall` (the preview's), pages whose inputs did not change since are not rendered
    again."""
    if only is not None and not (out / MARKER).exists():
        only = None
    _check_out(out)
    validation = validate_root(root, use_cache=use_cache)
    diagnostics = tuple(validation.report.diagnostics)
    plan = plan_site(validation.corpus)
    articles = None
    if only is not None:
        articles = affected_files(plan, validation.corpus, set(only), _earlier(out))
    lang = configured(validation.corpus)
    # pages show diagnostics in the language of the pages (the series', `vi` by default)
    shown = tuple(in_language(d, lang or spoken(DEFAULT_LANG)) for d in diagnostics)
    produced = render_site(root, out, plan, shown, articles, recall)
    written = finish(out, produced, clear=articles is None)
    return SiteResult(tuple(written), diagnostics, validation.report.files, lang)


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise UsageError(
            f"--out {out} holds files that no site build wrote; choose an empty or new folder"
        )


def render_site(
    root: Path,
    out: Path,
    plan: Plan,
    diagnostics: tuple[Diagnostic, ...],
    articles: set[str] | None,
    recall: Recall | None = None,
) -> Iterator[tuple[str, bool]]:
    """Write every output file (only the article pages in `articles`, unless None) into
    `out`; yields each one's path and whether its bytes changed."""
    mermaid = MERMAID.is_file()
    per_path = pages.by_path(diagnostics)
    worker = Worker(root, out, Links(plan.pages), recall)
    entries: list[tuple[Rank, Entry]] = []

    def wanted(path: str) -> bool:
        return articles is None or path in articles

    def jobs() -> Iterator[ArticleJob]:
        for job in _jobs(root, plan, per_path, mermaid):
            if wanted(job.path):
                yield job
            elif job.search is not None:  # its page stays, its text may have changed
                entries.append(entry_of(job, read_text(root, job), recall))

    count = sum(map(wanted, _job_paths(plan)))
    with rendering(jobs(), worker, count) as done:
        for rel, data in _other_pages(root, plan, mermaid, recall):  # while workers render
            yield rel, write_file(out, rel, data)
        for page, written, entry in done:
            if entry is not None:
                entries.append(entry)
            yield page, written
    ranked = [e for _, e in sorted(entries, key=lambda pair: pair[0])]
    for rel, data in _site_pages(plan, ranked, mermaid):
        yield rel, write_file(out, rel, data)


def _other_pages(
    root: Path, plan: Plan, mermaid: bool, recall: Recall | None
) -> Iterator[tuple[str, bytes]]:
    """The pages of each series made from its metadata, and the files copied as they are."""
    for item in plan.series:
        if item.metadata is not None:
            yield from _series_pages(item, mermaid, recall)
    for rel, path in plan.copies.items():
        yield rel, (root / path).read_bytes()


def _job_paths(plan: Plan) -> Iterator[str]:
    """The repository path of each page rendered from a file's text."""
    yield from plan.sources.values()
    for item in plan.series:
        yield from (a.path for a in by_slug(item.series.articles).values())


def _jobs(
    root: Path, plan: Plan, diagnostics: Mapping[str, list[Diagnostic]], mermaid: bool
) -> Iterator[ArticleJob]:
    """Every page made from a file's text: companion files, then each series' articles."""
    yield from _source_jobs(plan, diagnostics)
    for number, item in enumerate(plan.series):
        yield from _series_jobs(root, plan, number, item, diagnostics, mermaid)


def _series_jobs(
    root: Path,
    plan: Plan,
    number: int,
    item: SeriesPlan,
    diagnostics: Mapping[str, list[Diagnostic]],
    mermaid: bool,
) -> Iterator[ArticleJob]:
    """The series' article jobs, made one at a time (workers render the first ones while
    the next are made); the roadmap's entry ranks first in the series' search entries."""
    series, metadata = item.series, item.metadata
    view = pages.SeriesPages.of(metadata) if metadata else None
    code_lines = _code_lines(root, metadata) if metadata else {}
    roadmap = series.config.roadmap if series.config else None
    home = (metadata or {}).get("roadmap")
    limit = text_limit(sum(len(i.series.articles) for i in plan.series))
    for order, article in enumerate(by_slug(series.articles).values()):
        page = plan.pages[article.path]
        known = view is not None and article.slug in view.by_slug and article.path != roadmap
        search = None
        if known and view is not None:
            box = not any(r.name == "reading-box" for r in article.regions)
            context = pages.article_context(view, article.slug, page, box, code_lines)
            search = SearchInfo(_entry(page, view.by_slug[article.slug]), limit, (number, 1, order))
        else:
            context = _loose(article, item, page)
            if home and home["path"] == article.path:
                search = SearchInfo(_entry(page, home), limit, (number, 0, order))
        context |= view.chrome(page, mermaid) if view else {"root": root_of(page)}
        context["diagnostics"] = diagnostics.get(article.path, [])
        context["source"] = article.path
        ids = tuple(h.id for h in article.markdown.headings)
        yield ArticleJob(article.path, page, ids, context, search)


def _loose(article: Article, item: SeriesPlan, page: str) -> dict[str, Any]:
    """Context of a page outside the articles' contract: the roadmap, a draft, or an
    article whose front matter has errors."""
    front = article.front
    title = front.title if front else article.slug
    context = pages.loose_context(title, article.markdown.headings, bool(front and front.draft))
    roadmap = (item.metadata or {}).get("roadmap")
    if roadmap and roadmap["path"] == article.path:
        context |= {
            "description": roadmap["excerpt"],
            "permalink": roadmap["permalink"],
            "date": roadmap["date"],
            "last_modified": roadmap["lastModified"],
        }
    return context


def _read_text(path: Path) -> str:
    """A file's UTF-8 text, "" when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _entry(page: str, info: dict[str, Any]) -> Entry:
    """The search entry of an article or roadmap page from its metadata (the worker that
    renders the page adds its text)."""
    url = relative_url("index.html", page)
    headings = tuple(h["text"] for h in info["headings"])
    return Entry(url, info["title"], info["excerpt"], headings, tuple(info["tags"]))


def _code_lines(root: Path, metadata: dict[str, Any]) -> dict[str, int]:
    """`path::symbol` -> line of its definition, for the links to companion code."""
    found: dict[str, int] = {}
    texts: dict[str, tuple[str, dict[str, int]]] = {}  # each file read and scanned once
    for info in metadata["articles"]:
        for ref in info["code"]:
            if not ref["symbol"]:
                continue
            if ref["path"] not in texts:
                text = _read_text(root / ref["path"])
                texts[ref["path"]] = text, definition_lines(text)
            text, lines = texts[ref["path"]]
            line = symbol_line(text, ref["symbol"], lines)
            if line:
                found[f"{ref['path']}::{ref['symbol']}"] = line
    return found


def _series_pages(
    item: SeriesPlan, mermaid: bool, recall: Recall | None
) -> Iterator[tuple[str, bytes]]:
    """The series' tag, era and tier pages, its graph, feed, and a home page when it has
    no roadmap."""
    metadata = item.metadata
    assert metadata is not None
    view = pages.SeriesPages.of(metadata)
    sid = view.id
    for page, entry in pages.group_pages(view).items():
        yield page, page_bytes(recall, page, "list.html", pages.group_context(view, page, entry))
    tags = f"{sid}/tags/index.html"
    yield tags, page_bytes(recall, tags, "list.html", pages.tags_index_context(view, tags))
    svg = _graph_svg(item.series, recall)
    if svg is not None:
        yield f"{sid}/graph.svg", svg
    from pipeline.domain.mermaid import render_mermaid

    graph_page = f"{sid}/graph/index.html"
    context = pages.graph_context(
        view, graph_page, svg is not None, mermaid, render_mermaid(item.series)
    )
    yield graph_page, page_bytes(recall, graph_page, "list.html", context)
    yield f"{sid}/feed.xml", feeds.render_feed(metadata, f"{sid}/feed.xml")
    if metadata.get("roadmap") is None:
        home = home_page(sid)
        groups = [
            {
                "id": p["id"],
                "title": p["title"],
                "url": "",
                "description": p["description"],
                "items": [view.link(home, s) for s in p["articles"]],
            }
            for p in metadata["phases"]
        ]
        context = {**view.chrome(home, False), "title": metadata["series"]["title"]}
        context |= {"heading": context["title"], "intro": metadata["series"]["description"]}
        context |= {"groups": groups, "picture": "", "mermaid_source": ""}
        yield home, page_bytes(recall, home, "list.html", context)


def _graph_svg(series: Series, recall: Recall | None) -> bytes | None:
    """The prerequisite graph drawn by Graphviz `dot`, or None without it (or for a
    series so large that its layout would take dot many seconds)."""
    dot = shutil.which("dot")
    if dot is None or len(series.articles) > DOT_MAX:
        return None
    import subprocess

    from pipeline.render.diagrams import render_dot

    source = render_dot(series).encode("utf-8")

    def draw() -> bytes | None:
        done = subprocess.run([dot, "-Tsvg"], input=source, capture_output=True, check=False)
        return done.stdout if done.returncode == 0 else None

    return recalled(recall, ("graph", series.id), source, draw)


def _source_jobs(plan: Plan, diagnostics: Mapping[str, list[Diagnostic]]) -> Iterator[ArticleJob]:
    chrome = _first_chrome(plan)
    for page, path in plan.sources.items():
        context = {**chrome(page), "title": path, "path": path, "source": path}
        context["diagnostics"] = diagnostics.get(path, [])
        yield ArticleJob(path, page, (), context, source=True)


def _first_chrome(plan: Plan) -> Any:
    views = [pages.SeriesPages.of(i.metadata) for i in plan.series if i.metadata]
    if views:
        return lambda page: views[0].chrome(page, False)
    return lambda page: {"root": root_of(page)}


def _site_pages(plan: Plan, entries: list[Entry], mermaid: bool) -> Iterator[tuple[str, bytes]]:
    metas = [i.metadata for i in plan.series if i.metadata]
    items = [
        {
            "url": relative_url("index.html", home_page(m["series"]["id"])),
            "label": m["series"]["title"],
            "excerpt": m["series"]["description"],
        }
        for m in metas
    ]
    lang = metas[0]["series"]["lang"] if metas else "vi"
    group = {"id": "series", "title": "", "url": "", "description": None, "items": items}
    base = {"root": "./", "lang": lang, "intro": "", "picture": "", "mermaid_source": ""}
    yield (
        "index.html",
        pages.render_page(
            "list.html", base | {"title": "Các series", "heading": "Các series", "groups": [group]}
        ),
    )
    yield "search.html", pages.render_page("search.html", base | {"title": "Tìm kiếm"})
    yield "search.json", compact_json(index_json(entries))
    yield "sitemap.xml", feeds.render_sitemap(metas)
    for asset in sorted(ASSETS.iterdir()):
        yield f"assets/{asset.name}", asset.read_bytes()
    yield "assets/pygments.css", pygments_css()
    if mermaid:
        yield "assets/mermaid.min.js", MERMAID.read_bytes()
    state = {"writtenBy": "python -m pipeline site", "neighbours": neighbours(plan)}
    yield MARKER, compact_json(state)


def compact_json(value: Any) -> bytes:
    """JSON read by programs only (the search index, the build's own state): no
    indentation, UTF-8, one line and a newline."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@functools.cache
def pygments_css() -> bytes:
    """The stylesheet of Pygments' highlighting classes."""
    from pygments.formatters import HtmlFormatter

    css: str = HtmlFormatter().get_style_defs(".highlight")
    return (css + "\n").encode("utf-8")


def _earlier(out: Path) -> dict[str, list[str]]:
    """The reading-box neighbours of each article at the previous build ({} if unknown)."""
    try:
        found = json.loads((out / MARKER).read_bytes())["neighbours"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return found if isinstance(found, dict) else {}
