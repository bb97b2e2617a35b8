"""Timing whole processes: wall time and the child's peak resident memory (ru_maxrss)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# The "Python floor": start Python, read every article, parse its front matter with libyaml.
FLOOR_SCRIPT = """
import pathlib, sys, yaml
for path in sorted(pathlib.Path(sys.argv[1]).glob("content/*/*.md")):
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\\n"):
        yaml.load(text[4 : text.find("\\n---", 4)], Loader=yaml.CSafeLoader)
"""


@dataclass(frozen=True, slots=True)
class Sample:
    """One finished process: wall seconds, peak RSS in MiB, exit code, output tail.

    `rss_mb` is the kernel's ru_maxrss (the largest single process of the tree);
    `tree_mb` is the largest sum over the process and its workers, sampled every 20 ms.
    """

    wall: float
    rss_mb: float
    code: int
    tail: str = ""
    tree_mb: float = 0.0


def _rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1])


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            found += map(int, Path(f"/proc/{pid}/task/{task}/children").read_text().split())
    except OSError:
        pass
    return found


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants now, in KiB (Linux; else 0)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _rss_kb(current)
        stack += _children(current)
    return total


class _TreeSampler(threading.Thread):
    """Samples the process tree's resident memory until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.interval):
            self.peak_kb = max(self.peak_kb, tree_rss_kb(self.pid))


def run_process(argv: Sequence[str], cwd: Path = REPO, env: dict[str, str] | None = None) -> Sample:
    """Run `argv` to completion; wall time from spawn to reap, RSS from `os.wait4`."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(argv), cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        sampler = _TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        tail = ""
        if process.returncode != 0:
            output.seek(0)
            tail = output.read()[-2_000:].decode("utf-8", "replace")
    return Sample(wall, usage.ru_maxrss / 1024, process.returncode, tail, sampler.peak_kb / 1024)


def compile_bytecode(source: Path) -> None:
    """Write the `.pyc` files of the pipeline in `source`, as an install does.

    Python caches compiled modules in `__pycache__` on first import, unless
    PYTHONDONTWRITEBYTECODE is set (as on some CI and sandbox machines); then every run
    would compile some 50 modules from source (about 70 ms), which no author's machine
    pays. Compiling once here measures what an author runs.
    """
    import compileall

    for package in ("pipeline", "schema"):
        if (source / package).is_dir():
            compileall.compile_dir(source / package, quiet=1)


def pipeline_argv(command: str, root: Path, *extra: str) -> list[str]:
    """`python -m pipeline COMMAND --root ROOT` with this interpreter."""
    return [sys.executable, "-m", "pipeline", command, "--root", str(root), *extra]


def floor_argv(root: Path) -> list[str]:
    """The Python floor process for `root`."""
    return [sys.executable, "-c", FLOOR_SCRIPT, str(root)]


@dataclass(frozen=True, slots=True)
class Summary:
    """Median wall time and peak RSS of repeated runs, and the exit codes seen."""

    median: float
    rss_mb: float
    runs: int
    codes: tuple[int, ...]
    tail: str = ""
    tree_mb: float = 0.0
    walls: tuple[float, ...] = ()  # every run's wall time, in the order they ran

    @property
    def ok(self) -> bool:
        """Whether every run exited 0."""
        return all(code == 0 for code in self.codes)


def summarise(samples: Sequence[Sample]) -> Summary:
    """Median of the wall times, maximum of the peak RSS values."""
    tail = next((s.tail for s in samples if s.code != 0), "")
    return Summary(
        statistics.median(s.wall for s in samples),
        max(s.rss_mb for s in samples),
        len(samples),
        tuple(sorted({s.code for s in samples})),
        tail,
        max(s.tree_mb for s in samples),
        tuple(s.wall for s in samples),
    )
