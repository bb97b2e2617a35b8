"""Running the preview in a thread and talking to it with raw HTTP, for the tests."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

from pipeline.preview.command import Build, Outcome, bind, serve
from pipeline.preview.server import LiveState, PreviewServer

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def loopback_only(monkeypatch: pytest.MonkeyPatch, module: ModuleType) -> None:
    """Make `socket` connections to anything but the loopback address fail."""
    connect = module.socket.connect
    create = module.create_connection

    def checked_connect(self: socket.socket, address: object, *rest: object) -> None:
        if not (isinstance(address, tuple) and address[0] in LOOPBACK):
            raise RuntimeError(f"network access in a test: {address!r}")
        connect(self, address, *rest)

    def checked_create(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        if address[0] not in LOOPBACK:
            raise RuntimeError(f"network access in a test: {address!r}")
        return create(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module.socket, "connect", checked_connect)
    monkeypatch.setattr(module, "create_connection", checked_create)


@dataclass
class StandIn:
    """A stand-in site build: writes a page per call and records what it was asked."""

    folder: Path
    calls: list[Collection[str] | None] = field(default_factory=list)
    fail: str | None = None  # raise this message instead of building
    problems: tuple[str, ...] = ()

    def __call__(self, only: Collection[str] | None) -> Outcome:
        self.calls.append(None if only is None else sorted(only))
        if self.fail:
            raise ValueError(self.fail)
        self.folder.mkdir(parents=True, exist_ok=True)
        page = f"<!doctype html><html><body><p id=n>{len(self.calls)}</p></body></html>"
        (self.folder / "index.html").write_text(page, encoding="utf-8")
        (self.folder / "a").mkdir(exist_ok=True)
        (self.folder / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
        (self.folder / "style.css").write_text("p { color: red }", encoding="utf-8")
        return Outcome(3, self.problems)


@dataclass
class Running:
    """A preview serving in a thread."""

    server: PreviewServer
    build: StandIn
    stop: threading.Event
    thread: threading.Thread

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.server.server_address[1])


@contextlib.contextmanager
def running(root: Path, folder: Path, build: Build | None = None) -> Iterator[Running]:
    """Serve `folder` (built by a stand-in unless `build` is given) while watching `root`."""
    stand_in = StandIn(folder)
    server = bind("127.0.0.1", 0, folder, LiveState())
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=(root, server, build or stand_in, stop))
    thread.start()
    wait_for(lambda: server.state.version > 0)
    time.sleep(0.2)  # the watcher starts after the first build
    try:
        yield Running(server, stand_in, stop, thread)
    finally:
        stop.set()
        thread.join(timeout=10)
        assert not thread.is_alive()


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll `condition` until it holds; fail after `timeout` seconds."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("timed out waiting")
        time.sleep(0.01)


def raw_get(
    port: int,
    target: str,
    method: str = "GET",
    etag: str | None = None,
    host: str | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """Send `METHOD target HTTP/1.1` exactly as written (no client-side normalisation)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        extra = f"If-None-Match: {etag}\r\n" if etag else ""
        host = host or f"127.0.0.1:{port}"
        request = f"{method} {target} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n"
        sock.sendall(request.encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body
