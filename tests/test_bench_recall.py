"""The pipeline finds exactly the defects injected into a generated corpus, and nothing else.

The corpus generator of the benchmark (`bench/corpus.py`) writes realistic Vietnamese
articles with cross-links, anchors, reference links, images, code and notebook references,
prose references and decoys (links inside code that must not be reported).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from bench.corpus import DEFECT_CODES, Defect, generate
from bench.plan import layout
from tests.conftest import run_cli

ARTICLES = 150
DEFECTS = 25


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_clean_corpus_has_no_diagnostics(tmp_path: Path) -> None:
    assert generate(tmp_path, ARTICLES, seed=11) == []
    result = run_cli("validate", "--root", str(tmp_path))
    assert result.code == 0, result
    assert result.out.splitlines()[-1] == f"0 errors, 0 warnings in {ARTICLES + 1} files"


def test_every_injected_defect_and_nothing_else(tmp_path: Path) -> None:
    defects = generate(tmp_path, ARTICLES, seed=5, defects=DEFECTS)
    assert len(defects) == DEFECTS
    assert {d.code for d in defects} == set(DEFECT_CODES)
    assert len({d.path for d in defects}) == DEFECTS  # one defect per article

    result = run_cli("validate", "--format", "json", "--root", str(tmp_path))
    assert result.code == 1, result
    reported = json.loads(result.out)["diagnostics"]
    found = {(d["path"], d["code"]) for d in reported}
    assert found == {(d.path, d.code) for d in defects}
    assert len(reported) == DEFECTS
    lines = {(d["path"], d["code"]): d["line"] for d in reported}
    assert all(lines[(d.path, d.code)] == d.line for d in defects)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 40, seed=2, defects=10)
    second = generate(tmp_path / "b", 40, seed=2, defects=10)
    generate(tmp_path / "c", 40, seed=3, defects=10)
    assert first == second
    assert all(isinstance(d, Defect) for d in first)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_large_corpora_are_split_into_series() -> None:
    assert layout(1_000) == [("bench", 1_000)]
    assert [size for _, size in layout(10_000)] == [1_000] * 10
    assert sum(size for _, size in layout(2_501)) == 2_501
