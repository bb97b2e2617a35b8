"""Worker processes give the same answers and outputs as loading in one process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.corpus import generate
from pipeline.load import workers
from tests.conftest import run_cli


def _outputs(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for folder in ("data", "docs")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("broken", [False, True], ids=["clean", "broken"])
def test_worker_processes_change_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: bool
) -> None:
    monkeypatch.delenv("CI", raising=False)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    generate(serial, 30, seed=8, defects=8 if broken else 0)
    if broken:  # problems found while reading: invalid UTF-8, a file over the size limit
        articles = sorted(serial.glob("content/*/0*.md"))
        articles[5].write_bytes(articles[5].read_bytes() + b"\n\xff\xfe\n")
        articles[9].write_bytes(articles[9].read_bytes() + b"x" * 1_100_000)
    shutil.copytree(serial, parallel)
    expected = [
        run_cli("validate", "--format", "json", "--no-cache", "--root", str(serial)),
        run_cli("build", "--no-cache", "--root", str(serial)),
    ]
    monkeypatch.setattr(workers, "PARALLEL_MIN", 2)
    for cache in (["--no-cache"], [], []):  # without a cache, writing it, reading it
        found = [
            run_cli("validate", "--format", "json", *cache, "--root", str(parallel)),
            run_cli("build", *cache, "--root", str(parallel)),
        ]
        assert [(r.code, r.out) for r in found] == [(r.code, r.out) for r in expected]
        assert _outputs(parallel) == _outputs(serial)
    if broken:
        assert '"ENC001"' in expected[0].out and '"ENC002"' in expected[0].out
    else:
        assert expected[1].code == 0 and "data/bench/metadata.json" in _outputs(serial)
