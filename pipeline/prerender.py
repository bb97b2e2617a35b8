"""Rendering a large series' outputs in a forked process while this one runs the checks.

`build` renders only when the checks find no error, but for a large series the rendering
(metadata.json of 13 MB at 1,000 articles) costs a fifth of the run. So, once the corpus
is loaded, a forked child renders it while the parent checks; the parent then takes the
child's result if the checks passed, and stops the child otherwise. Nothing is written by
the child. When fork is not available, the corpus is small, or the child fails in any
way, the parent renders as before: the result is the same, only later.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.model import Corpus

MIN_ARTICLES = 200  # below this, forking costs more than the rendering it saves


class Prerender:
    """One background rendering of a corpus' outputs (see the module's docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._child: int | None = None
        self._read: int | None = None

    def start(self, corpus: Corpus) -> None:
        """Fork the child that renders `corpus`, when that pays off."""
        articles = sum(len(s.articles) for s in corpus.series)
        if articles < MIN_ARTICLES or not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        try:
            child = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if child == 0:  # pragma: no cover - runs in the child, which never returns
            os.close(read)
            _render_in_child(self.root, corpus, write)
        os.close(write)
        self._child, self._read = child, read

    def result(self) -> tuple[dict[str, Any], list[Any]] | None:
        """The child's `render_outputs` result, or None when there is none to take."""
        if self._child is None or self._read is None:
            return None
        try:
            with os.fdopen(self._read, "rb") as pipe:
                self._read = None
                data = pipe.read()
            _, status = os.waitpid(self._child, 0)
        except OSError:
            self.cancel()
            return None
        self._child = None
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            return None
        rendered: tuple[dict[str, Any], list[Any]] = pickle.loads(data)
        return rendered

    def cancel(self) -> None:
        """Stop the child, if any, and release what it held."""
        if self._read is not None:
            with contextlib.suppress(OSError):
                os.close(self._read)
            self._read = None
        if self._child is not None:
            with contextlib.suppress(OSError):
                os.kill(self._child, signal.SIGKILL)
                os.waitpid(self._child, 0)
            self._child = None


def _render_in_child(root: Path, corpus: Corpus, write: int) -> None:  # pragma: no cover
    """Render, send the pickled result through the pipe, and exit without cleanup (the
    parent's buffers, files and handlers are not the child's to flush or run)."""
    code = 1
    try:
        from pipeline.engine import render_outputs

        data = pickle.dumps(render_outputs(root, corpus), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)
