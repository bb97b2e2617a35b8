"""The preview's HTTP server: files of the built folder only, the live script, the events."""

from __future__ import annotations

import mimetypes
import os
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pipeline.preview.paths import LOOPBACK_HOSTS, loopback_host, served_path
from pipeline.preview.script import EVENTS_URL, LIVE_JS, SCRIPT_URL, inject, script_tag

KEEPALIVE_S = 15.0  # a comment line this often keeps proxies and idle timeouts away
# Pages are never cached (each carries the build version); other files are asked for again
# on every use and answered "not modified" while unchanged, so a reload refetches no script.
REVALIDATE = "no-cache"
IMMUTABLE = "max-age=31536000, immutable"  # the live script: its address names its content


def entity_tag(stat: os.stat_result) -> str:
    """A validator that changes whenever a build rewrites the file."""
    return f'"{stat.st_mtime_ns:x}-{stat.st_size:x}-{stat.st_ino:x}"'


class LiveState:
    """The site's build version, the last build's problems, and a condition that wakes the
    event streams when either changes or the server closes."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.version = 0
        self.problems: tuple[str, ...] = ()
        self.closed = False

    def publish(self, problems: tuple[str, ...]) -> None:
        """A build finished: a new version with these problems (empty when clean)."""
        with self._changed:
            self.version += 1
            self.problems = problems
            self._changed.notify_all()

    def close(self) -> None:
        """End every event stream."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def wait(self, seen: int | None, timeout: float) -> int | None:
        """The version once it differs from `seen` or `timeout` passed; None when closed."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed or self.version != seen, timeout)
            return None if self.closed else self.version


class PreviewServer(ThreadingHTTPServer):
    """Serves `folder` (resolved) and the live reload of `state`; one thread per request."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], folder: Path, state: LiveState) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.folder = folder.resolve()
        self.state = state
        self.loopback_only = address[0] in LOOPBACK_HOSTS  # else --host chose to be reached
        super().__init__(address, PreviewHandler)


class PreviewHandler(BaseHTTPRequestHandler):
    """GET and HEAD of the built files, `/__live.js` and the event stream `/__events`."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"
    timeout = 60  # an idle kept-alive connection frees its thread after this

    def do_GET(self) -> None:
        """Answer a GET."""
        self._answer(body=True)

    def do_HEAD(self) -> None:
        """Answer a HEAD."""
        self._answer(body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the preview prints its builds, not every request."""

    def _answer(self, body: bool) -> None:
        route = self.path.split("?", 1)[0]
        if self.server.loopback_only and not loopback_host(self.headers.get("Host")):
            message = b"the preview answers only requests for 127.0.0.1 or localhost\n"
            self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", message, body)
        elif route == EVENTS_URL and body:
            self._events()
        elif route == SCRIPT_URL:
            script = LIVE_JS.encode()
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", script, body, IMMUTABLE)
        else:
            self._file(body)

    def _file(self, body: bool) -> None:
        found = served_path(self.server.folder, self.path)
        if found is not None and found.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                self._redirect(self.path.split("?", 1)[0] + "/")
                return
            found = served_path(self.server.folder, self.path.split("?", 1)[0] + "index.html")
        if found is None or not found.is_file():
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", body)
            return
        try:
            data, tag = found.read_bytes(), entity_tag(found.stat())
        except OSError:  # removed or replaced by a build meanwhile
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", body)
            return
        kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        if kind.startswith("text/html"):
            state = self.server.state
            data = inject(data, script_tag(state.version, state.problems))
            self._send(HTTPStatus.OK, kind, data, body)
        elif self.headers.get("If-None-Match") == tag:
            self._send(HTTPStatus.NOT_MODIFIED, kind, b"", False, REVALIDATE, tag)
        else:
            self._send(HTTPStatus.OK, kind, data, body, REVALIDATE, tag)

    def _send(
        self,
        status: HTTPStatus,
        kind: str,
        data: bytes,
        body: bool,
        cache: str = "no-store",
        tag: str | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if status != HTTPStatus.NOT_MODIFIED:
            self.send_header("Content-Length", str(len(data)))
        if tag:
            self.send_header("ETag", tag)
        self.send_header("Cache-Control", cache)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _events(self) -> None:
        """The event stream: the current version at once, then each new one."""
        self.close_connection = True
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen: int | None = None
        try:
            self.wfile.write(b"retry: 300\n\n")
            while (version := self.server.state.wait(seen, KEEPALIVE_S)) is not None:
                line = (
                    ": keep-alive\n\n"
                    if version == seen
                    else f"event: version\ndata: {version}\n\n"
                )
                self.wfile.write(line.encode())
                self.wfile.flush()
                seen = version
        except OSError:  # the page went away
            return
