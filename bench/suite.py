"""Measuring one corpus size: validate cold and warm, build cold, and the Python floor.

- cold: the cache folder `ROOT/.cache` is deleted before the run;
- warm: a run right after a cold one, with the cache kept, after one article was edited;
- build: `python -m pipeline build`, cold; outputs from the previous run stay in place;
- floor: a process that only reads every article and parses its front matter;
- broken links (generated corpora only): validate cold on a copy where every article links
  to a mistyped file name (bench.broken), each reported with a did-you-mean hint;
- site cold: `python -m pipeline site` into an empty folder, cache deleted;
- hugo (generated corpora, when `hugo` is installed): Hugo building the same articles
  (bench.hugo) into an empty folder.

The commands are interleaved (cold, warm, build, floor, then again) so that drift of a
shared machine spreads over all of them; one untimed run first warms the OS file cache.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import hugo
from bench.broken import break_links
from bench.corpus import generate
from bench.measure import (
    REPO,
    Sample,
    Summary,
    compile_bytecode,
    floor_argv,
    pipeline_argv,
    run_process,
    summarise,
)
from bench.repo import copy_repository, stage_in_git

REAL = 15
BROKEN = "validate broken links"
SITE = "site cold"
HUGO = "hugo"
COMMANDS = ("validate cold", "validate warm", "build cold", "floor", BROKEN, SITE, HUGO)


def expected_codes(name: str) -> tuple[int, ...]:
    """The exit codes every run of the command `name` should give: 1 for validate on the
    corpus with broken links (it finds them), 0 for every other command."""
    return (1,) if name == BROKEN else (0,)


@dataclass(frozen=True, slots=True)
class SizeResult:
    """The summaries of every command for one corpus."""

    size: int
    articles: int
    label: str
    prepare_s: float
    summaries: dict[str, Summary]


def prepare(size: int, folder: Path, source: Path = REPO, seed: int = 0) -> tuple[Path, str]:
    """The root to measure: for 15, a copy of the real series staged in a git repository
    (where authors run the pipeline); else a generated corpus in a plain folder."""
    root = folder / f"corpus-{size}"
    if size == REAL:
        copy_repository(root, source)
        if shutil.which("git"):
            stage_in_git(root)
        return root, "real series"
    generate(root, size, seed=seed)
    return root, "generated"


def articles_of(root: Path) -> list[Path]:
    """Every Markdown file of every series, sorted."""
    return sorted(root.glob("content/*/*.md"))


def clear_cache(root: Path) -> None:
    """Delete `ROOT/.cache` so that the next run is cold."""
    shutil.rmtree(root / ".cache", ignore_errors=True)


def _edited(article: Path) -> Callable[[int], None]:
    """A function that rewrites `article` with run-specific extra text (one file changed)."""
    original = article.read_text(encoding="utf-8")

    def edit(run: int) -> None:
        article.write_text(f"{original}\nĐoạn chỉnh sửa thử nghiệm, lượt {run}.\n", "utf-8")

    return edit


def measure_size(size: int, repeat: int, folder: Path, source: Path = REPO) -> SizeResult:
    """Prepare the corpus of `size` articles and time every command `repeat` times.

    The pipeline under test is the one in `source` (the working tree, or an extracted
    revision): each command runs with `source` as its current folder.
    """
    compile_bytecode(source)
    start = time.perf_counter()
    root, label = prepare(size, folder, source)
    prepared = time.perf_counter() - start
    articles = articles_of(root)
    edit = _edited(articles[len(articles) // 2])
    broken = None if label == "real series" else root.with_name(f"{root.name}-broken")
    if broken is not None:
        break_links(root, broken)
    runs: dict[str, list[Sample]] = {n: [] for n in COMMANDS if broken or n != BROKEN}
    project = None
    if broken is not None and hugo.available():
        project = hugo.write_project(root, folder / f"hugo-{size}")
    else:
        del runs[HUGO]
    site_out, hugo_out = folder / f"site-{size}", folder / f"hugo-out-{size}"
    clear_cache(root)
    run_process(pipeline_argv("validate", root), source)
    for index in range(repeat):
        clear_cache(root)
        runs["validate cold"].append(run_process(pipeline_argv("validate", root), source))
        edit(index)
        runs["validate warm"].append(run_process(pipeline_argv("validate", root), source))
        clear_cache(root)
        runs["build cold"].append(run_process(pipeline_argv("build", root), source))
        runs["floor"].append(run_process(floor_argv(root), source))
        if broken is not None:
            clear_cache(broken)
            runs[BROKEN].append(run_process(pipeline_argv("validate", broken), source))
        clear_cache(root)
        shutil.rmtree(site_out, ignore_errors=True)
        runs[SITE].append(run_process(pipeline_argv("site", root, "--out", str(site_out)), source))
        if project is not None:
            shutil.rmtree(hugo_out, ignore_errors=True)
            runs[HUGO].append(run_process(hugo.hugo_argv(project, hugo_out), source))
    summaries = {name: summarise(samples) for name, samples in runs.items()}
    return SizeResult(size, len(articles), label, prepared, summaries)
