"""Worker processes give the same answers and outputs as loading in one process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.corpus import generate
from pipeline import engine, load, prerender
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
    monkeypatch.setattr(load, "PARALLEL_MIN", 2)
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


def _build_outputs(root: Path) -> tuple[int, str, dict[str, bytes]]:
    result = run_cli("build", "--no-cache", "--root", str(root))
    return result.code, result.out, _outputs(root)


def test_rendering_in_a_forked_process_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial, forked, failing = tmp_path / "serial", tmp_path / "forked", tmp_path / "failing"
    generate(serial, 30, seed=10)
    shutil.copytree(serial, forked)
    shutil.copytree(serial, failing)
    expected = _build_outputs(serial)
    assert expected[0] == 0 and expected[2]
    monkeypatch.setattr(prerender, "MIN_ARTICLES", 2)
    parent, fail_in_child = os.getpid(), [False]
    in_parent: list[str] = []
    original_render = engine.render_outputs

    def render(*args: object) -> object:
        if os.getpid() == parent:
            in_parent.append("render")
        elif fail_in_child[0]:
            raise RuntimeError("the child fails")
        return original_render(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "render_outputs", render)
    assert _build_outputs(forked) == expected
    assert in_parent == []  # the child's rendering was used
    # a child that fails leaves the rendering to the parent, with the same result
    fail_in_child[0] = True
    assert _build_outputs(failing) == expected
    assert in_parent == ["render"]


def test_a_forked_rendering_is_dropped_when_the_checks_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path, 30, seed=11, defects=3)
    monkeypatch.setattr(prerender, "MIN_ARTICLES", 2)
    result = run_cli("build", "--no-cache", "--root", str(tmp_path))
    assert result.code == 1 and "nothing written" in result.err
    assert _outputs(tmp_path) == {}
