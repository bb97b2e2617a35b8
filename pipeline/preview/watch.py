"""What the preview watches, and the changed paths it hands to the site build."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

# content/ holds the articles, each series' series.yaml and its images
WATCHED = ("content", "code", "notebooks")
STEP_MS = 20  # a change is handed on once no other change came for this long
DEBOUNCE_MS = 400  # at most this long while changes keep coming


def watched_folders(root: Path) -> list[Path]:
    """The source folders of `root` that exist (the site is built from them)."""
    return [root / name for name in WATCHED if (root / name).is_dir()]


def relative_paths(root: Path, changed: Iterable[str]) -> frozenset[str]:
    """Changed absolute paths as POSIX paths relative to `root`, the site build's names."""
    base = root.resolve()
    found = set()
    for raw in changed:
        path = Path(raw)
        if path.is_relative_to(base):
            found.add(path.relative_to(base).as_posix())
    return frozenset(found)


def watch_changes(
    root: Path, on_change: Callable[[frozenset[str]], None], stop: threading.Event
) -> None:
    """Call `on_change` with the changed paths of each burst of changes until `stop` is set."""
    import watchfiles

    folders = watched_folders(root)
    if not folders:
        stop.wait()
        return
    for changes in watchfiles.watch(
        *folders, step=STEP_MS, debounce=DEBOUNCE_MS, stop_event=stop, raise_interrupt=True
    ):
        paths = relative_paths(root, (path for _, path in changes))
        if paths:
            on_change(paths)
