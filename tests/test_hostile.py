"""Hostile and broken input: every failure is a diagnostic, nothing crashes, hangs or runs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, REPO, copy_tree, run_cli

Sample = Callable[[str, str], Path]
ARTICLE = "content/demo/02-hai.md"


def _base(tmp_path: Path, name: str = "repo") -> Path:
    return copy_tree(FIXTURES / "LNK001" / "pass", tmp_path / name)


def _append(root: Path, text: str, rel: str = ARTICLE) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _codes(root: Path, *extra: str) -> list[tuple[str, int, int, str]]:
    result = run_cli("validate", "--format", "json", "--root", str(root), *extra)
    assert result.code in (0, 1), result
    data = json.loads(result.out)
    return [(d["path"], d["line"], d["column"], d["code"]) for d in data["diagnostics"]]


def _metadata(root: Path) -> bytes:
    assert run_cli("build", "--root", str(root)).code == 0
    return (root / "data/demo/metadata.json").read_bytes()


# Encoding -------------------------------------------------------------------------------


def test_bom_and_crlf_give_the_same_result_as_plain_lf(tmp_path: Path) -> None:
    plain = _base(tmp_path, "plain")
    windows = _base(tmp_path, "windows")
    for path in (windows / "content/demo").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert _metadata(windows) == _metadata(plain)


def test_nfd_text_gives_the_same_result_as_nfc(tmp_path: Path) -> None:
    nfc = _base(tmp_path, "nfc")
    nfd = _base(tmp_path, "nfd")
    for path in (nfd / "content/demo").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    assert _codes(nfd) == []
    assert _metadata(nfd) == _metadata(nfc)


def test_mixed_newlines_keep_line_numbers(tmp_path: Path) -> None:
    root = _base(tmp_path)
    path = root / ARTICLE
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    mixed = "\r\n".join(lines[:10]) + "\r" + "\n".join(lines[10:]) + "\r\n[x](khong-co.md)\n"
    path.write_bytes(mixed.encode("utf-8"))
    assert _codes(root) == [(ARTICLE, 23, 1, "LNK001")]


def test_nul_byte_in_utf8_text_is_reported(tmp_path: Path) -> None:
    root = _base(tmp_path)
    (root / ARTICLE).write_bytes((root / ARTICLE).read_bytes() + b"\nabc\x00def\n")
    assert (ARTICLE, 23, 4, "ENC004") in _codes(root)


# YAML -----------------------------------------------------------------------------------


def _front(root: Path, old: str, new: str) -> None:
    path = root / ARTICLE
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('title: "Hai: tiếp theo"', 'title: "Hai: tiếp theo\n  bad: [', (ARTICLE, 4, 8, "YML001")),
        ("readingTime: 1", "readingTime: 1\nfeatured: on", (ARTICLE, 9, 11, "YML004")),
        ("readingTime: 1", "readingTime: 12:30", (ARTICLE, 8, 14, "YML004")),
        ("readingTime: 1", "readingTime: 1e3", (ARTICLE, 8, 14, "YML004")),
        ('date: "2025-01-01"', 'date: "2025-02-30"', (ARTICLE, 3, 7, "FM005")),
        ('date: "2025-01-01"', "date: 2025-02-30", (ARTICLE, 3, 7, "FM007")),
        ("readingTime: 1", "readingTime: " + "[" * 5000 + "]" * 5000, (ARTICLE, 8, 1, "YML007")),
    ],
    ids=[
        "syntax",
        "on",
        "sexagesimal",
        "exponent",
        "impossible-date",
        "unquoted-date",
        "deep-nesting",
    ],
)
def test_yaml_problems_are_positioned(
    tmp_path: Path, old: str, new: str, expected: tuple[str, int, int, str]
) -> None:
    root = _base(tmp_path)
    _front(root, old, new)
    found = _codes(root)
    assert [d[3] for d in found] == [expected[3]]
    if expected[3] != "YML007":
        assert found == [expected]


def test_unsafe_tag_is_never_constructed(tmp_path: Path) -> None:
    root = _base(tmp_path)
    marker = tmp_path / "PWNED"
    _front(
        root,
        'excerpt: "Một bài để kiểm thử."',
        f'excerpt: !!python/object/apply:os.system ["touch {marker}"]',
    )
    assert [d[3] for d in _codes(root)] == ["YML005"]
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    root = _base(tmp_path)
    lines = ['l0: &l0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]" for i in range(1, 30)]
    _front(root, "readingTime: 1", "readingTime: 1\n" + "\n".join(lines))
    assert [d[3] for d in _codes(root)] == ["YML006"]


def test_enormous_scalar_is_stopped_by_the_size_limit(tmp_path: Path) -> None:
    root = _base(tmp_path)
    _front(root, 'excerpt: "Một bài để kiểm thử."', 'excerpt: "' + "a" * 2_000_000 + '"')
    assert _codes(root) == [(ARTICLE, 1, 1, "ENC002")]


# Markdown -------------------------------------------------------------------------------


def test_unclosed_fence_hides_the_links_after_it(tmp_path: Path) -> None:
    root = _base(tmp_path)
    _append(root, "\n```python\n[x](khong-co.md)\n# not a heading\n")
    assert _codes(root) == []


def test_thousands_of_links_are_all_reported(tmp_path: Path) -> None:
    root = _base(tmp_path)
    _append(root, "\n" + " ".join(f"[l{i}](thieu-{i}.md)" for i in range(3000)) + "\n")
    found = [d for d in _codes(root) if d[3] != "FM006"]
    assert len(found) == 3000
    assert {d[3] for d in found} == {"LNK001"}
    assert found[-1][1] == 23 and found[-1][2] > 40_000


def test_html_autolinks_encoded_and_angle_destinations(tmp_path: Path) -> None:
    root = _base(tmp_path)
    (root / "docs").mkdir()
    (root / "docs/tên tệp.md").write_text("# Đầu đề\n", encoding="utf-8")
    _append(
        root,
        '\n<div id="neo-html">khối HTML</div>\n\n<https://example.org> '
        "[a](../../docs/t%C3%AAn%20t%E1%BB%87p.md#%C4%91%E1%BA%A7u-%C4%91%E1%BB%81) "
        "[b](<../../docs/tên tệp.md#đầu-đề>) [c](#neo-html)\n",
    )
    assert _codes(root) == []


# Paths ----------------------------------------------------------------------------------


def test_symlinked_article_outside_the_root_is_not_read(tmp_path: Path) -> None:
    root = _base(tmp_path)
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: bí mật\n---\n", encoding="utf-8")
    (root / "content/demo/03-ba.md").symlink_to(secret)
    assert ("content/demo/03-ba.md", 1, 1, "ENC003") in _codes(root)


def test_symlinked_link_target_outside_the_root(tmp_path: Path) -> None:
    root = _base(tmp_path)
    (tmp_path / "ngoai.md").write_text("# Ngoài\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs/ngoai.md").symlink_to(tmp_path / "ngoai.md")
    _append(root, "\n[x](../../docs/ngoai.md)\n")
    assert _codes(root) == [(ARTICLE, 23, 1, "LNK003")]


def test_fifo_article_does_not_hang(tmp_path: Path) -> None:
    root = _base(tmp_path)
    os.mkfifo(root / "content/demo/03-ba.md")
    assert ("content/demo/03-ba.md", 1, 1, "ENC003") in _codes(root)


def test_unreadable_folder_is_a_diagnostic_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _base(tmp_path)
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("content/demo"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    found = _codes(root)
    assert ("content/demo", 1, 1, "ENC003") in found


def test_code_is_parsed_never_imported(tmp_path: Path) -> None:
    root = _base(tmp_path)
    marker = tmp_path / "IMPORTED"
    (root / "code/demo/model.py").write_text(
        f"import pathlib\npathlib.Path({str(marker)!r}).touch()\n\n\nclass Model:\n    pass\n",
        encoding="utf-8",
    )
    assert _codes(root) == []
    assert not marker.exists()


# Fuzz -----------------------------------------------------------------------------------


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_never_crash(tmp_path: Path, data: bytes) -> None:
    root = tmp_path / "fuzz"
    if not root.exists():
        copy_tree(FIXTURES / "LNK001" / "pass", root)
    (root / ARTICLE).write_bytes(b"---\ntitle: x\n" + data)
    result = run_cli("validate", "--root", str(root))
    assert result.code in (0, 1), result


# Outputs --------------------------------------------------------------------------------


def _build_process(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "build", "--root", str(root)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_two_builds_at_once_leave_valid_outputs(tmp_path: Path) -> None:
    root = _base(tmp_path)
    expected = _metadata(_base(tmp_path, "reference"))
    processes = [_build_process(root) for _ in range(2)]
    assert [p.wait(timeout=60) for p in processes] == [0, 0]
    assert (root / "data/demo/metadata.json").read_bytes() == expected
    assert sorted(p.name for p in (root / "data/demo").iterdir()) == ["metadata.json"]


def test_a_build_killed_at_any_moment_leaves_old_or_new(tmp_path: Path) -> None:
    root = _base(tmp_path)
    old = _metadata(root)
    after = _base(tmp_path, "after")
    _append(after, "\nMột câu mới.\n", "content/demo/01-mot.md")
    new = _metadata(after)
    _append(root, "\nMột câu mới.\n", "content/demo/01-mot.md")
    for delay in (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4):
        process = _build_process(root)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        current = (root / "data/demo/metadata.json").read_bytes()
        assert current in (old, new)
    assert _metadata(root) == new != old


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000,
        "*" * 100_000,
        "> " * 20_000 + "x",
        "- " * 20_000 + "x",
        "`" * 50_000,
        "a" * 500_000,
        "<div>\n" * 20_000,
        "| a |\n|---|\n" + "| b |\n" * 20_000,
    ],
    ids=["brackets", "stars", "quotes", "lists", "backticks", "long-line", "html", "table"],
)
def test_pathological_markdown_finishes(tmp_path: Path, body: str) -> None:
    root = _base(tmp_path)
    _append(root, "\n" + body + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "validate", "--no-cache", "--root", str(root)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr


def test_outputs_never_leave_the_root_or_collide(tmp_path: Path) -> None:
    root = _base(tmp_path)
    config = root / "content/demo/series.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "  graph: ../../ngoai.md\n", encoding="utf-8")
    assert [d[3] for d in _codes(root)] == ["SER012"]
    assert run_cli("build", "--root", str(root)).code == 1
    assert not (tmp_path.parent / "ngoai.md").exists()
    config.write_text(text + "  graph: content/demo/01-mot.md\n", encoding="utf-8")
    assert [d[3] for d in _codes(root)] == ["SER016"]
    config.write_text(text.replace("id: demo", "id: khac"), encoding="utf-8")
    found = _codes(root)
    assert ("content/demo/series.yaml", 1, 5, "SER001") in found
