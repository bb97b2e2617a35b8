"""Pages made from a file's text (articles, companion code and notebooks), rendered in
worker processes for a large site.

A worker reads the file, renders and writes the page, and makes its search entry; only
the page's path, whether its bytes changed and the entry travel back, so the main process
neither reads the articles again nor writes their pages. Small builds (the preview's) run
the same function in the main process, where a `Recall` spares the bodies that did not
change.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.domain.text import DecodeError, decode_source
from pipeline.load.frontmatter import split_front_matter
from pipeline.site import pages
from pipeline.site.recall import Recall, recalled
from pipeline.site.render import Links, render_markdown
from pipeline.site.search import Entry, plain_text
from pipeline.site.source import code_html, notebook_cells
from pipeline.site.write import write_file

PARALLEL_FROM = 24  # pages from which they are rendered in worker processes
SMALL_WORKERS_FROM = 2_000  # pages from which workers start from a fresh process

Rank = tuple[int, int, int]  # an entry's place in the index: series, home page first, order


class SearchInfo(NamedTuple):
    """A page's search entry without its text, how much text it keeps, and its place."""

    entry: Entry
    limit: int
    rank: Rank


class ArticleJob(NamedTuple):
    """One page to render from a file's text (an article's Markdown, or with `source` a
    companion file): everything a worker needs besides the `Worker`."""

    path: str
    page: str
    ids: tuple[str, ...]
    context: dict[str, Any]
    search: SearchInfo | None = None
    source: bool = False


class Worker(NamedTuple):
    """What every job of a build shares: where files are read and written, where links go,
    and what earlier builds made (None in worker processes)."""

    root: Path
    out: Path
    links: Links
    recall: Recall | None = None


class Done(NamedTuple):
    """A rendered page: its output path, whether it was written, its ranked entry."""

    page: str
    written: bool
    entry: tuple[Rank, Entry] | None


def read_text(root: Path, job: ArticleJob) -> str:
    """The text a job renders: an article's body without front matter, or a companion
    file whole; "" when it cannot be read (its diagnostics say why)."""
    try:
        data = (root / job.path).read_bytes()
    except OSError:
        return ""
    if job.source:
        return data.decode("utf-8", "replace")
    text = decode_source(data)  # as the checks read it
    if isinstance(text, DecodeError):  # the page shows the diagnostic, and what can be read
        text = data.decode("utf-8", "replace")
    return split_front_matter(text).body


def entry_of(job: ArticleJob, text: str, recall: Recall | None = None) -> tuple[Rank, Entry]:
    """The job's ranked search entry with the prose of `text` (it must have one)."""
    assert job.search is not None
    entry, limit, rank = job.search
    prose = recalled(recall, ("prose", job.path), (text, limit), lambda: plain_text(text, limit))
    return rank, entry._replace(text=prose)


def run_job(job: ArticleJob, worker: Worker) -> Done:
    """Render, write and index one page."""
    text = read_text(worker.root, job)
    data = _source_page(job, text, worker.links) if job.source else _article_page(job, text, worker)
    written = write_file(worker.out, job.page, data)
    return Done(job.page, written, entry_of(job, text, worker.recall) if job.search else None)


def _article_page(job: ArticleJob, text: str, worker: Worker) -> bytes:
    inputs = (text, job.page, job.ids, worker.links.pages)

    def render() -> str:
        return render_markdown(text, job.path, job.page, job.ids, worker.links)

    body = recalled(worker.recall, ("body", job.path), inputs, render)
    context = job.context | {"mermaid": job.context.get("mermaid") and 'class="mermaid"' in body}
    heading, body = split_title(body)
    context |= {"heading": heading, "body": body}
    return page_bytes(worker.recall, job.page, "article.html", context)


def page_bytes(recall: Recall | None, page: str, template: str, context: dict[str, Any]) -> bytes:
    """The page rendered from `template`, unless an earlier build made it from equal
    inputs."""
    return recalled(
        recall, ("page", page), (template, context), lambda: pages.render_page(template, context)
    )


def split_title(body: str) -> tuple[str, str]:
    """The article's leading `<h1>` and the rest, so that the page shows the title above
    its date, reading box and table of contents."""
    stripped = body.lstrip()
    end = stripped.find("</h1>")
    if not stripped.startswith("<h1") or end < 0:
        return "", body
    end += len("</h1>")
    return stripped[:end], stripped[end:]


def _source_page(job: ArticleJob, text: str, links: Links) -> bytes:
    """A companion file's page: a notebook's cells, or highlighted code."""
    path = job.path
    cells = notebook_cells(path, job.page, text, links) if path.endswith(".ipynb") else None
    code = "" if cells is not None else code_html(path, text)
    return pages.render_page("source.html", job.context | {"cells": cells, "code": code})


_WORKER: Worker | None = None  # the worker processes' shared state (inherited at fork)


def _run_in_worker(job: ArticleJob) -> Done:
    assert _WORKER is not None
    return run_job(job, _WORKER)


def _set_worker(worker: Worker) -> None:
    global _WORKER
    _WORKER = worker


@contextlib.contextmanager
def rendering(jobs: Iterable[ArticleJob], worker: Worker, count: int) -> Iterator[Iterator[Done]]:
    """The `count` jobs' results in order: from worker processes for a large build (they
    start at once, while the caller makes other pages), else made in this process as the
    caller iterates."""
    workers = min(os.cpu_count() or 1, 8)
    if count < PARALLEL_FROM or workers < 2 or not hasattr(os, "fork"):
        yield (run_job(job, worker) for job in jobs)
        return
    shared = worker._replace(recall=None)  # a worker's recall would die with it
    _set_worker(shared)
    chunk = max(1, min(32, count // (workers * 8)))
    with _pool(workers, count, shared) as pool:
        yield pool.imap(_run_in_worker, jobs, chunksize=chunk)


def _pool(workers: int, jobs: int, worker: Worker) -> Any:
    """Worker processes: forked from this one, warmed up, for a series of moderate size;
    for a large one forked from a small server process that never held the corpus (each
    forked copy of a large corpus counts again in the memory of the process tree)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if jobs >= SMALL_WORKERS_FROM and "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["pipeline.site.jobs"])
        return context.Pool(workers, initializer=_set_worker, initargs=(worker,))
    _warm_up()  # what the workers inherit, they do not import or compile again
    return multiprocessing.get_context("fork").Pool(workers)


def _warm_up() -> None:
    """Import the renderers and compile the templates and the Python lexer."""
    render_markdown("# a\n\n$x$\n\n```python\nx = 1\n```\n", "a.md", "a.html", (), Links({}))
    code_html("a.py", "x = 1\n")
    for name in ("article.html", "source.html"):
        pages.environment().get_template(name)
