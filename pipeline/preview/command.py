"""`python -m pipeline preview`: build, serve, watch, rebuild what changed, reload."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable, Collection
from pathlib import Path
from typing import NamedTuple

from pipeline.core.diagnostics import EXIT_OK, UsageError
from pipeline.preview.options import DEFAULT_OUT
from pipeline.preview.paths import LOOPBACK_HOSTS
from pipeline.preview.server import LiveState, PreviewServer
from pipeline.preview.watch import WATCHED, watch_changes


class Outcome(NamedTuple):
    """What one site build did: files written, and its problems as report lines."""

    files: int
    problems: tuple[str, ...]


Build = Callable[[Collection[str] | None], Outcome]  # changed paths (None: all) -> outcome


def output_folder(root: Path, out: Path | None) -> Path:
    """The resolved build folder; a usage error when it would hold or sit in the sources."""
    folder = (out if out is not None else root / DEFAULT_OUT).resolve()
    base = root.resolve()
    sources = [base / name for name in WATCHED]
    if base.is_relative_to(folder) or any(folder.is_relative_to(s) for s in sources):
        raise UsageError(
            f"--out {out} would mix the built site with the sources; "
            f"pick a folder of its own outside {', '.join(f'{n}/' for n in WATCHED)}"
        )
    return folder


def bind(host: str, port: int, folder: Path, state: LiveState) -> PreviewServer:
    """The server listening on `host:port`; a usage error when it cannot listen there."""
    try:
        return PreviewServer((host, port), folder, state)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(
                f"port {port} on {host} is in use; pass another with --port N (0 picks a free one)"
            ) from None
        raise UsageError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


def site_build(root: Path, folder: Path, lang: str | None = None) -> Build:
    """A build of the series under `root` into `folder` by the site generator; its
    problems in `lang` (None: the locale's, else the series')."""
    from pipeline.commands.language import choose
    from pipeline.commands.printers import render_text
    from pipeline.core.diagnostics import Report, Severity
    from pipeline.load.cache import cache_enabled
    from pipeline.site import build_site
    from pipeline.site.recall import Recall

    use_cache = cache_enabled(False)
    recall = Recall()  # what each build made, for the next one

    def build(only: Collection[str] | None) -> Outcome:
        result = build_site(root, folder, only=only, use_cache=use_cache, recall=recall)
        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        chosen = choose(lang, os.environ, result.lang)
        lines = render_text(Report.of(errors, 0), chosen).splitlines()[:-1] if errors else []
        return Outcome(len(result.pages), tuple(lines))

    return build


def rebuild(build: Build, only: Collection[str] | None, state: LiveState) -> Outcome:
    """Build, publish the new version with its problems, print one line; a failed build
    never raises (the page shows why), except a usage error on the first one."""
    start = time.perf_counter()
    try:
        outcome = build(only)
    except UsageError:
        if state.version == 0:  # a wrong --out, before anything was served
            raise
        outcome = _failed()
    except Exception:  # a failing build must not stop the preview
        outcome = _failed()
    state.publish(outcome.problems)
    took = (time.perf_counter() - start) * 1000
    what = "the site" if only is None else changed_names(only)
    files = f"{outcome.files} file{'' if outcome.files == 1 else 's'}"
    print(f"preview: built {files} ({what}) in {took:.0f} ms", flush=True)
    for line in outcome.problems:
        print(f"preview: {line}", file=sys.stderr, flush=True)
    return outcome


def changed_names(paths: Collection[str], shown: int = 3) -> str:
    """The first changed paths, and how many more."""
    names = sorted(paths)
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _failed() -> Outcome:
    """The outcome of a build that raised: its traceback printed, its message as problem."""
    kind, error, _ = sys.exc_info()
    traceback.print_exc(file=sys.stderr)
    name = kind.__name__ if kind else "Exception"
    return Outcome(0, (f"the site build failed: {name}: {error}",))


def _changed(build: Build, paths: frozenset[str], state: LiveState) -> None:
    rebuild(build, paths, state)


def url(server: PreviewServer) -> str:
    """The address to open in a browser."""
    host, port = server.server_address[:2]
    name = host.decode() if isinstance(host, bytes) else host
    shown = f"[{name}]" if ":" in name else name
    return f"http://{shown}:{port}/"


def serve(root: Path, server: PreviewServer, build: Build, stop: threading.Event) -> None:
    """Build the whole site, serve it, and rebuild what each change touches until `stop`
    is set (or Ctrl-C); then close the event streams and the server."""
    thread = threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True)
    try:
        server.folder.mkdir(parents=True, exist_ok=True)
        rebuild(build, None, server.state)
        thread.start()
        print(f"preview: serving {server.folder} at {url(server)} (Ctrl-C stops)", flush=True)
        watch_changes(root, lambda paths: _changed(build, paths, server.state), stop)
    finally:
        server.state.close()
        if thread.is_alive():
            server.shutdown()
        server.server_close()


def _require_dependencies() -> None:
    """A usage error naming the first missing module of the `preview` group."""
    try:
        import watchfiles  # noqa: F401

        import pipeline.site  # noqa: F401 (its templates, Markdown and math libraries)
    except ModuleNotFoundError as exc:
        raise UsageError(
            f"the preview's dependency `{exc.name}` is not installed; run `make preview` "
            "(it installs the `preview` group into .venv)"
        ) from None


def preview(*, root: Path, host: str, port: int, out: Path | None, lang: str | None = None) -> int:
    """Serve the series under `root` with live reload until Ctrl-C (exit 0)."""
    if not root.is_dir():
        raise UsageError(f"root {root} is not a folder")
    folder = output_folder(root, out)
    _require_dependencies()
    if host not in LOOPBACK_HOSTS:
        print(
            f"warning: serving on {host}, not 127.0.0.1: other machines can open the preview, "
            "which shows unreviewed content",
            file=sys.stderr,
        )
    server = bind(host, port, folder, LiveState())
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how an author stops it
        serve(root.resolve(), server, site_build(root.resolve(), folder, lang), threading.Event())
    print("preview: stopped", flush=True)
    return EXIT_OK
