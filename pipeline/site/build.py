"""`build_site`: the static site of every series, from the metadata contract plus the
articles' text, images and companion files.

A broken article still gets a page, showing its diagnostics; the build never stops on
content. Same inputs give byte-identical files (no clock: dates come from the content).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.commands.language import configured, spoken
from pipeline.commands.stages import validate_root
from pipeline.core.corpus import Article, Series, by_slug
from pipeline.core.diagnostics import Diagnostic, UsageError
from pipeline.core.i18n import in_language
from pipeline.domain.metadata import DEFAULT_LANG
from pipeline.load.frontmatter import split_front_matter
from pipeline.render.metadata import render_json
from pipeline.site import feeds, pages
from pipeline.site.plan import Plan, SeriesPlan, affected_files, neighbours, plan_site
from pipeline.site.render import Links, render_markdown
from pipeline.site.search import Entry, index_json, plain_text, text_limit
from pipeline.site.source import code_html, definition_lines, notebook_cells, symbol_line
from pipeline.site.urls import home_page, relative_url, root_of

MARKER = ".series-site"  # in the output folder: what a full build may clear
ASSETS = Path(__file__).parent / "assets"
MERMAID = Path(__file__).resolve().parents[2] / "node_modules/mermaid/dist/mermaid.min.js"
PARALLEL_FROM = 24  # pages from which they are rendered in worker processes
SMALL_WORKERS_FROM = 2_000  # pages from which workers start from a fresh process
DOT_MAX = 300  # articles up to which Graphviz lays out the prerequisite graph


class SiteResult(NamedTuple):
    """What a site build wrote (output-relative paths, sorted), every diagnostic of the
    series, and how many files were checked."""

    pages: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    files: int = 0
    lang: str | None = None  # the language of messages the series asks for, if any


class ArticleJob(NamedTuple):
    """One page to render from a file's text (an article's Markdown, or with `source`
    a companion file): everything a worker process needs."""

    path: str
    page: str
    text: str
    ids: tuple[str, ...]
    context: dict[str, Any]
    source: bool = False


def build_site(
    root: Path, out: Path, *, only: Collection[str] | None = None, use_cache: bool = False
) -> SiteResult:
    """Write the site of every series under `root` into `out`; with `only` (repository
    paths that changed, `out` holding an earlier build) just the pages they touch."""
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
    outputs = render_site(root, plan, shown, articles)
    written = write_site(out, outputs, clear=articles is None)
    return SiteResult(tuple(written), diagnostics, validation.report.files, lang)


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise UsageError(
            f"--out {out} holds files that no site build wrote; choose an empty or new folder"
        )


def render_site(
    root: Path, plan: Plan, diagnostics: tuple[Diagnostic, ...], articles: set[str] | None
) -> Iterator[tuple[str, bytes]]:
    """Every output file (only the article pages in `articles`, unless None)."""
    links = Links(plan.pages)
    mermaid = MERMAID.is_file()
    per_path = pages.by_path(diagnostics)

    def wanted(path: str) -> bool:
        return articles is None or path in articles

    entries: list[Entry] = []  # filled as the jobs are made

    def jobs() -> Iterator[ArticleJob]:
        yield from (j for j in _source_jobs(root, plan, per_path) if wanted(j.path))
        for item in plan.series:
            series = _series_jobs(root, plan, item, per_path, mermaid, entries)
            yield from (j for j in series if wanted(j.path))

    count = sum(map(wanted, _job_paths(plan)))
    yield from render_articles(jobs(), links, count)
    for item in plan.series:
        if item.metadata is not None:
            yield from _series_pages(item, mermaid)
    for out, path in plan.copies.items():
        yield out, (root / path).read_bytes()
    yield from _site_pages(plan, entries, mermaid)


def _job_paths(plan: Plan) -> Iterator[str]:
    """The repository path of each page rendered from a file's text."""
    yield from plan.sources.values()
    for item in plan.series:
        yield from (a.path for a in by_slug(item.series.articles).values())


def _series_jobs(
    root: Path,
    plan: Plan,
    item: SeriesPlan,
    diagnostics: Mapping[str, list[Diagnostic]],
    mermaid: bool,
    found: list[Entry],
) -> Iterator[ArticleJob]:
    """The series' article jobs, made one at a time (workers render the first ones while
    the next are made); its search entries are added to `found` once all are made."""
    series, metadata = item.series, item.metadata
    view = pages.SeriesPages.of(metadata) if metadata else None
    code_lines = _code_lines(root, metadata) if metadata else {}
    roadmap = series.config.roadmap if series.config else None
    entries = []
    home = (metadata or {}).get("roadmap")
    limit = text_limit(sum(len(i.series.articles) for i in plan.series))
    for article in by_slug(series.articles).values():
        page = plan.pages[article.path]
        text = _body(root, article.path)
        known = view is not None and article.slug in view.by_slug and article.path != roadmap
        if known and view is not None:
            box = not any(r.name == "reading-box" for r in article.regions)
            context = pages.article_context(view, article.slug, page, box, code_lines)
            entries.append(_entry(page, view.by_slug[article.slug], text, limit))
        else:
            context = _loose(article, item, page)
            if home and home["path"] == article.path:
                entries.insert(0, _entry(page, home, text, limit))
        context |= view.chrome(page, mermaid) if view else {"root": root_of(page)}
        context["diagnostics"] = diagnostics.get(article.path, [])
        context["source"] = article.path
        ids = tuple(h.id for h in article.markdown.headings)
        yield ArticleJob(article.path, page, text, ids, context)
    found += entries


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


def _body(root: Path, path: str) -> str:
    try:
        raw = (root / path).read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return split_front_matter(text).body


def _read_text(path: Path) -> str:
    """A file's UTF-8 text, "" when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _entry(page: str, info: dict[str, Any], markdown: str, limit: int) -> Entry:
    """The search entry of an article or roadmap page from its metadata and its text."""
    url = relative_url("index.html", page)
    headings = tuple(h["text"] for h in info["headings"])
    tags = tuple(info["tags"])
    return Entry(url, info["title"], info["excerpt"], headings, tags, plain_text(markdown, limit))


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


_LINKS: Links | None = None  # the worker processes' link map (inherited at fork)


def _render_job(job: ArticleJob) -> tuple[str, bytes]:
    assert _LINKS is not None
    if job.source:
        return job.page, _render_source(job, _LINKS)
    body = render_markdown(job.text, job.path, job.page, job.ids, _LINKS)
    context = job.context | {"mermaid": job.context.get("mermaid") and 'class="mermaid"' in body}
    heading, body = split_title(body)
    return job.page, pages.render_page("article.html", context | {"heading": heading, "body": body})


def split_title(body: str) -> tuple[str, str]:
    """The article's leading `<h1>` and the rest, so that the page shows the title above
    its date, reading box and table of contents."""
    stripped = body.lstrip()
    end = stripped.find("</h1>")
    if not stripped.startswith("<h1") or end < 0:
        return "", body
    end += len("</h1>")
    return stripped[:end], stripped[end:]


def render_articles(
    jobs: Iterable[ArticleJob], links: Links, count: int
) -> Iterator[tuple[str, bytes]]:
    """Article pages of the `count` `jobs`, in worker processes for a large series (the
    jobs are then made in a thread of this process while the workers render)."""
    global _LINKS
    _LINKS = links
    workers = min(os.cpu_count() or 1, 8)
    if count < PARALLEL_FROM or workers < 2 or not hasattr(os, "fork"):
        yield from map(_render_job, jobs)
        return
    chunk = max(1, min(32, count // (workers * 8)))
    with _pool(workers, count, links) as pool:
        yield from pool.imap(_render_job, jobs, chunksize=chunk)


def _pool(workers: int, jobs: int, links: Links) -> Any:
    """Worker processes: forked from this one, warmed up, for a series of moderate size;
    for a large one forked from a small server process that never held the corpus (each
    forked copy of a large corpus counts again in the memory of the process tree)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if jobs >= SMALL_WORKERS_FROM and "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["pipeline.site.build"])
        return context.Pool(workers, initializer=_set_links, initargs=(links,))
    _warm_up()  # what the workers inherit, they do not import or compile again
    return multiprocessing.get_context("fork").Pool(workers)


def _set_links(links: Links) -> None:
    global _LINKS
    _LINKS = links


def _warm_up() -> None:
    """Import the renderers and compile the templates and the Python lexer."""
    from pipeline.site.source import code_html

    render_markdown("# a\n\n$x$\n\n```python\nx = 1\n```\n", "a.md", "a.html", (), Links({}))
    code_html("a.py", "x = 1\n")
    for name in ("article.html", "source.html"):
        pages.environment().get_template(name)


def _series_pages(item: SeriesPlan, mermaid: bool) -> Iterator[tuple[str, bytes]]:
    metadata = item.metadata
    assert metadata is not None
    view = pages.SeriesPages.of(metadata)
    sid = view.id
    for page, entry in pages.group_pages(view).items():
        yield page, pages.render_group(view, page, entry)
    yield f"{sid}/tags/index.html", pages.render_tags_index(view, f"{sid}/tags/index.html")
    svg = _graph_svg(item.series)
    if svg is not None:
        yield f"{sid}/graph.svg", svg
    from pipeline.domain.mermaid import render_mermaid

    graph_page = f"{sid}/graph/index.html"
    picture = pages.render_graph_page(
        view, graph_page, svg is not None, mermaid, render_mermaid(item.series)
    )
    yield graph_page, picture
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
        yield (
            home,
            pages.render_page(
                "list.html", context | {"groups": groups, "picture": "", "mermaid_source": ""}
            ),
        )


def _graph_svg(series: Series) -> bytes | None:
    """The prerequisite graph drawn by Graphviz `dot`, or None without it (or for a
    series so large that its layout would take dot many seconds)."""
    dot = shutil.which("dot")
    if dot is None or len(series.articles) > DOT_MAX:
        return None
    import subprocess

    from pipeline.render.diagrams import render_dot

    done = subprocess.run(
        [dot, "-Tsvg"], input=render_dot(series).encode("utf-8"), capture_output=True, check=False
    )
    return done.stdout if done.returncode == 0 else None


def _source_jobs(
    root: Path, plan: Plan, diagnostics: Mapping[str, list[Diagnostic]]
) -> Iterator[ArticleJob]:
    chrome = _first_chrome(plan)
    for page, path in plan.sources.items():
        try:
            text = (root / path).read_bytes().decode("utf-8", "replace")
        except OSError:
            text = ""
        context = {**chrome(page), "title": path, "path": path, "source": path}
        context["diagnostics"] = diagnostics.get(path, [])
        yield ArticleJob(path, page, text, (), context, source=True)


def _render_source(job: ArticleJob, links: Links) -> bytes:
    """A companion file's page: a notebook's cells, or highlighted code."""
    path, text = job.path, job.text
    cells = notebook_cells(path, job.page, text, links) if path.endswith(".ipynb") else None
    code = "" if cells is not None else code_html(path, text)
    return pages.render_page("source.html", job.context | {"cells": cells, "code": code})


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
    yield "search.json", render_json(index_json(entries))
    yield "sitemap.xml", feeds.render_sitemap(metas)
    for asset in sorted(ASSETS.iterdir()):
        yield f"assets/{asset.name}", asset.read_bytes()
    from pygments.formatters import HtmlFormatter

    css = HtmlFormatter().get_style_defs(".highlight")
    yield "assets/pygments.css", (css + "\n").encode("utf-8")
    if mermaid:
        yield "assets/mermaid.min.js", MERMAID.read_bytes()
    state = {"writtenBy": "python -m pipeline site", "neighbours": neighbours(plan)}
    yield MARKER, render_json(state)


def _earlier(out: Path) -> dict[str, list[str]]:
    """The reading-box neighbours of each article at the previous build ({} if unknown)."""
    import json

    try:
        found = json.loads((out / MARKER).read_bytes())["neighbours"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return found if isinstance(found, dict) else {}


def write_site(out: Path, outputs: Iterable[tuple[str, bytes]], clear: bool) -> list[str]:
    """Write each output as it comes (a large site is never held in memory whole) when its
    bytes changed; with `clear`, then delete files of an earlier build that this one did
    not produce. The written paths, sorted."""
    written, produced = [], set()
    made: set[str] = set()  # folders this build created: nothing in them to compare with
    for rel, data in outputs:
        produced.add(rel)
        folder = rel.rpartition("/")[0]
        if folder not in made and _unchanged(out, rel, data, made):
            continue
        with open(os.path.join(out, rel), "wb") as handle:
            handle.write(data)
        written.append(rel)
    if clear:
        _clear_stale(out, produced)
    return sorted(written)


def _unchanged(out: Path, rel: str, data: bytes, made: set[str]) -> bool:
    """Whether `out/rel` already holds `data`; when its folder is missing, create it
    (and record it and its new parents in `made`)."""
    path = out / rel
    try:
        return path.read_bytes() == data
    except OSError:
        pass
    folder = path.parent
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        made.add(new.relative_to(out).as_posix())
    return False


def _clear_stale(out: Path, keep: Iterable[str]) -> None:
    kept = set(keep)
    for folder, _dirs, files in os.walk(out, topdown=False):
        base = Path(folder)
        for name in files:
            if (base / name).relative_to(out).as_posix() not in kept:
                (base / name).unlink()
        if base != out and not any(base.iterdir()):
            base.rmdir()
