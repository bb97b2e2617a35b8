"""The preview server: only the built folder, the injected script, events, rebuilds."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.preview.command import bind, changed_names
from pipeline.preview.paths import request_parts
from pipeline.preview.script import SCRIPT_SRC, SCRIPT_URL
from pipeline.preview.server import LiveState
from tests.conftest import Result
from tests.preview.support import Running, StandIn, raw_get, running, wait_for

SECRET = b"TOP SECRET"

TRAVERSALS = [
    "/../secret.txt",
    "/a/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/%2e%2e%2fsecret.txt",
    "/..%2fsecret.txt",
    "/a/%2e%2e/%2e%2e/secret.txt",
    "/..%5csecret.txt",
    "/..\\secret.txt",
    "//../secret.txt",
    "/out-link",
    "/escape/secret.txt",
    "/index.html%00.txt",
    "/%ff",
    "http://x/../secret.txt",
]


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "content" / "demo").mkdir(parents=True)
    (tmp_path / "secret.txt").write_bytes(SECRET)
    site = tmp_path / ".cache" / "preview"
    site.mkdir(parents=True)
    (site / "out-link").symlink_to(tmp_path / "secret.txt")
    (site / "escape").symlink_to(tmp_path)
    (site / "in-link.css").symlink_to(site / "style.css")
    return tmp_path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A root with sources, a secret beside the built folder and links leading out of it."""
    return _repo(tmp_path)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """One preview of such a root for the read-only requests."""
    root = _repo(tmp_path_factory.mktemp("traversal"))
    with running(root, root / ".cache" / "preview") as live:
        yield live


@pytest.mark.parametrize("target", TRAVERSALS)
def test_nothing_outside_the_built_folder_is_served(shared: Running, target: str) -> None:
    status, _, body = raw_get(shared.port, target)
    assert status in (400, 404), target
    assert SECRET not in body


def test_built_files_are_served_and_folders_get_their_index(repo: Path) -> None:
    with running(repo, repo / ".cache" / "preview") as live:
        css = raw_get(live.port, "/style.css?v=1")
        linked = raw_get(live.port, "/in-link.css")
        folder = raw_get(live.port, "/a?x=1")
        index = raw_get(live.port, "/a/")
        head = raw_get(live.port, "/a/", method="HEAD")
        missing = raw_get(live.port, "/nope.html")
    assert css[0] == 200 and css[1]["content-type"] == "text/css; charset=utf-8"
    assert css[2] == b"p { color: red }"
    assert linked[0] == 200 and linked[2] == css[2]
    assert folder[0] == 301 and folder[1]["location"] == "/a/"
    assert index[0] == 200 and index[2].startswith(b"<p>a</p><script ")
    assert head[0] == 200 and head[2] == b""
    assert head[1]["content-length"] == str(len(index[2]))
    assert missing[0] == 404


def test_the_script_is_added_at_serve_time_not_built_into_the_site(repo: Path) -> None:
    with running(repo, repo / ".cache" / "preview") as live:
        status, _, page = raw_get(live.port, "/")
        script = raw_get(live.port, SCRIPT_URL)
    on_disk = (repo / ".cache" / "preview" / "index.html").read_bytes()
    assert status == 200
    tag = f'<script async src="{SCRIPT_SRC}" data-version="1" data-problems="[]"></script>'
    assert page == on_disk.replace(b"</body>", tag.encode() + b"</body>")
    assert SCRIPT_URL.encode() not in on_disk
    assert script[0] == 200 and script[1]["content-type"].startswith("text/javascript")
    assert script[1]["cache-control"] == "max-age=31536000, immutable"
    assert b"new EventSource" in script[2]


def test_files_other_than_pages_are_revalidated_and_pages_never_cached(repo: Path) -> None:
    with running(repo, repo / ".cache" / "preview") as live:
        page = raw_get(live.port, "/")
        first = raw_get(live.port, "/style.css")
        again = raw_get(live.port, "/style.css", etag=first[1]["etag"])
        (repo / ".cache" / "preview" / "style.css").write_text("p {}", encoding="utf-8")
        changed = raw_get(live.port, "/style.css", etag=first[1]["etag"])
    assert page[1]["cache-control"] == "no-store" and "etag" not in page[1]
    assert first[1]["cache-control"] == "no-cache"
    assert again[0] == 304 and again[2] == b""
    assert changed[0] == 200 and changed[2] == b"p {}"


def _events(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(b"GET /__events HTTP/1.1\r\nHost: localhost\r\n\r\n")
    return sock


def _read_until(sock: socket.socket, marker: bytes) -> bytes:
    data = b""
    while marker not in data:
        chunk = sock.recv(4096)
        assert chunk, f"stream ended before {marker!r}: {data!r}"
        data += chunk
    return data


def test_a_change_rebuilds_only_that_file_and_announces_a_new_version(repo: Path) -> None:
    with running(repo, repo / ".cache" / "preview") as live, _events(live.port) as stream:
        head = _read_until(stream, b"data: 1\n\n")
        (repo / "content" / "demo" / "01-a.md").write_text("# A\n", encoding="utf-8")
        _read_until(stream, b"data: 2\n\n")
        page = raw_get(live.port, "/")[2]
    assert b"text/event-stream" in head
    assert live.build.calls[0] is None
    assert ["content/demo/01-a.md"] in live.build.calls[1:]
    assert b'data-version="2"' in page and b"<p id=n>" in page


def test_writing_the_built_folder_triggers_no_rebuild(repo: Path) -> None:
    with running(repo, repo / ".cache" / "preview") as live:
        (repo / ".cache" / "preview" / "extra.html").write_text("x", encoding="utf-8")
        (repo / "data").mkdir()
        (repo / "data" / "x.json").write_text("{}", encoding="utf-8")
        time.sleep(0.5)
    assert live.build.calls == [None]


def test_a_failing_build_shows_why_on_the_page_and_the_server_keeps_serving(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = repo / ".cache" / "preview"
    build = StandIn(folder)
    with running(repo, folder, build) as live:
        build.fail = "boom <b>"
        (repo / "content" / "demo" / "x.md").write_text("x", encoding="utf-8")
        wait_for(lambda: live.server.state.version == 2)
        broken = raw_get(live.port, "/")[2]
        build.fail = None
        (repo / "content" / "demo" / "x.md").write_text("y", encoding="utf-8")
        wait_for(lambda: live.server.state.version == 3)
        fixed = raw_get(live.port, "/")[2]
    assert (
        b'data-problems="[&quot;the site build failed: ValueError: boom &lt;b&gt;&quot;]"' in broken
    )
    assert b'data-version="3" data-problems="[]"' in fixed
    assert "ValueError: boom <b>" in capsys.readouterr().err


def test_a_build_with_problems_lists_them_for_the_page(repo: Path) -> None:
    folder = repo / ".cache" / "preview"
    build = StandIn(folder, problems=("content/demo/01-a.md:3:1: error FM001 một lỗi",))
    with running(repo, folder, build) as live:
        page = raw_get(live.port, "/")[2]
    assert (
        'data-problems="[&quot;content/demo/01-a.md:3:1: error FM001 một lỗi&quot;]"'.encode()
        in page
    )


@pytest.mark.parametrize(
    ("target", "parts"),
    [
        ("/", ()),
        ("/a/b.html?x=1#y", ("a", "b.html")),
        ("/h%E1%BB%8Dc/", ("học",)),
        ("/./a//b", ("a", "b")),
        ("/%2e%2e/x", None),
        ("/a/..", None),
        ("/a%5cb", None),
        ("/%00", None),
        ("/%c3", None),
    ],
)
def test_request_parts(target: str, parts: tuple[str, ...] | None) -> None:
    assert request_parts(target) == parts


def test_a_port_in_use_is_a_usage_error(tmp_path: Path, cli: Callable[..., Result]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("preview", "--root", str(tmp_path), "--port", str(port))
    assert result.code == 2, result
    assert result.err == (
        f"error: port {port} on 127.0.0.1 is in use; pass another with --port N "
        "(0 picks a free one)\n"
    )


def test_another_host_than_loopback_is_warned_about(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("preview", "--root", str(tmp_path), "--host", "0.0.0.0", "--port", str(port))
    assert result.code == 2, result
    assert result.err.startswith(
        "warning: serving on 0.0.0.0, not 127.0.0.1: other machines can open the preview"
    )


@pytest.mark.parametrize("out", ["content/site", ".", ".."])
def test_the_built_folder_stays_apart_from_the_sources(
    tmp_path: Path, out: str, cli: Callable[..., Result]
) -> None:
    (tmp_path / "content").mkdir()
    result = cli("preview", "--root", str(tmp_path), "--out", str(tmp_path / out))
    assert result.code == 2, result
    assert "would mix the built site with the sources" in result.err


def test_a_burst_of_changes_is_one_rebuild_named_briefly(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with running(repo, repo / ".cache" / "preview") as live:
        for name in "abcde":
            (repo / "content" / "demo" / f"{name}.md").write_text(name, encoding="utf-8")
        wait_for(lambda: len(live.build.calls) >= 2)
        time.sleep(0.3)
    changed = [c for c in live.build.calls[1:] if c is not None]
    assert sorted({p for c in changed for p in c}) == [f"content/demo/{n}.md" for n in "abcde"]
    assert len(changed) <= 2  # one burst, or two when the watcher looked in the middle
    assert f"({changed_names(changed[0])}) in " in capsys.readouterr().out


def test_the_changed_paths_are_named_briefly() -> None:
    assert changed_names(["b", "a"]) == "a, b"
    assert changed_names(["e", "d", "c", "b", "a"]) == "a, b, c and 2 more"


def test_an_address_this_machine_does_not_have_is_a_usage_error(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    result = cli("preview", "--root", str(tmp_path), "--host", "192.0.2.1", "--port", "0")
    assert result.code == 2, result
    assert result.err.splitlines()[-1] == (
        "error: cannot serve on 192.0.2.1:0: Cannot assign requested address"
    )


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1", 200),
        ("localhost:8000", 200),
        ("[::1]:8000", 200),
        ("LOCALHOST", 200),
        ("evil.example", 403),
        ("evil.example:8000", 403),
        ("127.0.0.1.evil.example", 403),
        ("", 403),
    ],
)
def test_only_requests_for_the_loopback_name_are_answered(
    shared: Running, host: str, status: int
) -> None:
    """A site whose name was made to resolve to 127.0.0.1 (DNS rebinding) gets nothing."""
    answer = raw_get(shared.port, "/style.css", host=host or " ")
    assert answer[0] == status
    assert (answer[2] == b"p { color: red }") is (status == 200)


def test_a_server_bound_elsewhere_on_purpose_answers_any_name(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    server = bind("0.0.0.0", 0, tmp_path, LiveState())
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        answer = raw_get(server.server_address[1], "/a.txt", host="laptop.lan:8000")
    finally:
        server.shutdown()
        server.server_close()
    assert (answer[0], answer[2]) == (200, b"a")
