"""`python -m pipeline preview` as an author runs it: serve, Ctrl-C, usage errors."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bench import live
from tests.conftest import REPO, Result
from tests.preview.support import raw_get
from tests.sitesample import write_sample

SERVING = re.compile(r"preview: serving .* at http://127\.0\.0\.1:(\d+)/ \(Ctrl-C stops\)")


def _start(root: Path) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "pipeline", "preview", "--root", str(root), "--port", "0"]
    return subprocess.Popen(
        argv,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def test_it_serves_the_series_and_ctrl_c_exits_cleanly(tmp_path: Path) -> None:
    root = write_sample(tmp_path / "repo")
    process = _start(root)
    assert process.stdout is not None and process.stderr is not None
    try:
        lines = [process.stdout.readline(), process.stdout.readline()]
        served = SERVING.search(lines[1])
        assert served, lines
        status, _, page = raw_get(int(served.group(1)), "/demo/hoc-tuong-phan/")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert live.BUILT.match(lines[0]) and "(the site)" in lines[0]  # what the bench reads
    assert live.SERVING.match(lines[1])
    assert status == 200 and b"/__live.js?" in page
    assert "Học tương phản".encode() in page
    assert process.returncode == 0, err
    assert out == "preview: stopped\n"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert (root / ".cache" / "preview" / "demo" / "hoc-tuong-phan" / "index.html").is_file()


def test_a_missing_root_is_a_usage_error(tmp_path: Path, cli: Callable[..., Result]) -> None:
    result = cli("preview", "--root", str(tmp_path / "nope"), "--port", "0")
    assert (result.code, result.err) == (2, f"error: root {tmp_path / 'nope'} is not a folder\n")


def test_an_output_folder_of_other_files_is_refused_before_serving(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = write_sample(tmp_path / "repo")
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("x", encoding="utf-8")
    result = cli("preview", "--root", str(root), "--port", "0", "--out", str(other))
    assert result.code == 2, result
    assert "holds files that no site build wrote" in result.err
    assert "serving" not in result.out
    assert (other / "notes.txt").read_text(encoding="utf-8") == "x"
