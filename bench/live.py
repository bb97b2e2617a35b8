"""Edit-to-browser latency of `python -m pipeline preview` on the real series.

A copy of the working tree is served by the preview as an author runs it (its own process,
on a free port of 127.0.0.1); Chromium opens one article; each edit saves that article with
one more sentence and measures from the save (the file written and closed) to the reloaded
page's DOMContentLoaded, both on this machine's wall clock (the browser's
`performance.timeOrigin` is wall-clock time). The preview's own rebuild times, from the lines
it prints, show how much of the delay is the build.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from bench.browser import launch, missing
from bench.measure import compile_bytecode
from bench.repo import copy_repository

EDITS = 7
LIMIT_S = 0.300
SERVING = re.compile(r"preview: serving .* at (http://\S+) ")
BUILT = re.compile(r"preview: built .* in (\d+) ms")
LOADED_AT = (
    "performance.timeOrigin + performance.getEntriesByType('navigation')[0]"
    ".domContentLoadedEventEnd"
)


@dataclass(frozen=True, slots=True)
class Latency:
    """Seconds from each save to the reloaded page, and the preview's rebuild seconds."""

    page: str
    delays: tuple[float, ...]
    builds: tuple[float, ...]

    @property
    def median(self) -> float:
        """Median save-to-page seconds."""
        return statistics.median(self.delays)

    @property
    def build_median(self) -> float:
        """Median rebuild seconds (as the preview printed them)."""
        return statistics.median(self.builds) if self.builds else 0.0


class _Lines(threading.Thread):
    """Collects a process's output lines as they come."""

    def __init__(self, stream: IO[str]) -> None:
        super().__init__(daemon=True)
        self.stream, self.lines = stream, list[str]()
        self.changed = threading.Condition()

    def run(self) -> None:
        for line in self.stream:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()

    def wait_for(self, pattern: re.Pattern[str], after: int, timeout: float) -> re.Match[str]:
        """The first match of `pattern` in the lines from index `after` on."""
        with self.changed:
            found: list[re.Match[str]] = []

            def seen() -> bool:
                found[:] = [m for line in self.lines[after:] if (m := pattern.search(line))]
                return bool(found)

            if not self.changed.wait_for(seen, timeout):
                tail = "".join(self.lines[-20:])
                raise RuntimeError(f"the preview printed no {pattern.pattern!r}:\n{tail}")
            return found[0]


def _edit(page: Any, article: Path, text: str) -> float:
    with page.expect_event("domcontentloaded", timeout=10_000):
        article.write_text(text, encoding="utf-8")
        saved = time.time()
    return float(page.evaluate(LOADED_AT)) / 1000 - saved


def measure(source: Path, root: Path, article: Path, address: str, edits: int = EDITS) -> Latency:
    """Serve `root` with the preview of `source`, open `address` (relative to the server)
    and save `article` `edits` times (after one untimed edit)."""
    from playwright.sync_api import sync_playwright

    argv = [sys.executable, "-m", "pipeline", "preview", "--root", str(root), "--port", "0"]
    process = subprocess.Popen(
        argv,
        cwd=source,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
    assert process.stdout is not None
    lines = _Lines(process.stdout)
    lines.start()
    original = article.read_text(encoding="utf-8")
    delays, builds = [], []
    try:
        base = lines.wait_for(SERVING, 0, timeout=120).group(1)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page()
            page.goto(base + address.lstrip("/"), wait_until="load")
            for run in range(edits + 1):
                seen = len(lines.lines)
                delay = _edit(page, article, f"{original}\nCâu thêm để đo độ trễ, lần {run}.\n")
                built = float(lines.wait_for(BUILT, seen, timeout=10).group(1)) / 1000
                if run:
                    delays.append(delay)
                    builds.append(built)
                time.sleep(0.3)  # the page settles, as between an author's saves
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
        article.write_text(original, encoding="utf-8")
    return Latency(address, tuple(delays), tuple(builds))


ARTICLE = re.compile(r"content/(?P<series>[^/]+)/(?!00-)\d+-(?P<slug>[^/]+)\.md")


def article_page(root: Path) -> tuple[Path, str]:
    """The middle numbered article of `root` (as the validate bench edits) and its page."""
    found = [
        (path, match)
        for path in sorted(root.glob("content/*/*.md"))
        if (match := ARTICLE.fullmatch(path.relative_to(root).as_posix()))
    ]
    path, match = found[len(found) // 2]
    return path, f"/{match['series']}/{match['slug']}/"


def run(folder: Path, source: Path, edits: int = EDITS) -> Latency | str:
    """The latency on a copy of `source` in `folder`, or one line saying why not measured."""
    reason = missing()
    if reason:
        return f"edit-to-browser latency not measured: {reason}"
    compile_bytecode(source)
    root = copy_repository(folder / "live", source)
    article, address = article_page(root)
    return measure(source, root, article, address, edits)


def table(latency: Latency, floor: float) -> str:
    """The latency row: median, fastest and slowest save-to-page, the rebuild median, and
    the median over this run's floor (seconds) on the same series."""
    ms = [d * 1000 for d in latency.delays]
    return "\n".join(
        [
            "| preview, real series | page | edits | median save to page (ms) | min | max "
            "| median rebuild (ms) | x floor |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
            f"| edit one article | {latency.page} | {len(ms)} | {statistics.median(ms):,.0f} "
            f"| {min(ms):,.0f} | {max(ms):,.0f} | {latency.build_median * 1000:,.0f} "
            f"| {latency.median / floor:.1f} |",
        ]
    )
