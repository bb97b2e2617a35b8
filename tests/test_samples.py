"""The sample-repository harness: a shared base, and per case an overlay of what differs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_cli
from tests.samples import main, materialise, repeated, snapshot, stray
from tests.test_fixtures import CASES


def _write(root: Path, tree: dict[str, str]) -> Path:
    """Files from `name -> text`; a text starting with `-> ` makes a symbolic link."""
    for name, text in tree.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text.startswith("-> "):
            path.symlink_to(text.removeprefix("-> "))
        else:
            path.write_text(text, encoding="utf-8")
    return root


def test_no_overlay_repeats_the_base() -> None:
    """Each file of a case differs from the base's, so a reviewer sees only its triggers."""
    dead = [
        f"{code}/{kind}/{name}" for code, kind in CASES for name in repeated(FIXTURES / code / kind)
    ]
    assert dead == [], "identical to tests/fixtures/_base; delete them from the case"


def test_every_remove_entry_names_a_base_file() -> None:
    wrong = [
        f"{code}/{kind}: {name}" for code, kind in CASES for name in stray(FIXTURES / code / kind)
    ]
    assert wrong == [], "`remove` lists a path that is not a base file, or that the case supplies"


def test_base_and_overlay_materialise_as_expected(tmp_path: Path) -> None:
    base = _write(
        tmp_path / "base",
        {
            "args": "validate\n",
            "a/keep.md": "keep",
            "a/old.md": "old",
            "b/only.md": "gone",
            "l": "x",
        },
    )
    case = _write(
        tmp_path / "case",
        {
            "a/old.md": "new",
            "c/d/added.md": "added",
            "l": "-> a/keep.md",
            "remove": "b/only.md\n\n",
        },
    )
    (case / "run.sh").write_text("#!/bin/sh\n", encoding="utf-8")
    (case / "run.sh").chmod(0o755)
    made = materialise(case, tmp_path / "out", base)
    expected = _write(
        tmp_path / "expected",
        {"args": "validate\n", "a/keep.md": "keep", "a/old.md": "new", "c/d/added.md": "added"},
    )
    (expected / "l").symlink_to("a/keep.md")
    (expected / "run.sh").write_text("#!/bin/sh\n", encoding="utf-8")
    (expected / "run.sh").chmod(0o755)
    assert snapshot(made) == snapshot(expected)
    assert not (made / "b").exists()  # the folder a removal empties goes too, as in a full copy
    assert snapshot(base)["a/old.md"] == ("file", b"old")  # the base is untouched


def test_harness_checks_name_dead_weight_and_stray_removals(tmp_path: Path) -> None:
    base = _write(
        tmp_path / "base", {"same.md": "x", "other.md": "y", "link": "-> same.md", "t.sh": "z"}
    )
    case = _write(
        tmp_path / "case",
        {
            "same.md": "x",
            "other.md": "changed",
            "link": "-> other.md",
            "t.sh": "z",
            "new.md": "x",
            "remove": "same.md\nnot-in-base.md\n",
        },
    )
    (case / "t.sh").chmod(0o755)  # same bytes, but the executable bit is a difference
    assert repeated(case, base) == ["same.md"]
    assert stray(case, base) == ["same.md", "not-in-base.md"]


def test_base_is_a_clean_series(tmp_path: Path) -> None:
    """Every diagnostic of a failing case comes from its overlay."""
    (tmp_path / "empty").mkdir()
    root = materialise(tmp_path / "empty", tmp_path / "base")
    result = run_cli("validate", "--strict", "--format", "json", "--root", str(root))
    assert result.code == 0, result
    assert json.loads(result.out)["diagnostics"] == []


def test_samples_command_writes_one_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, kind = CASES[0]
    assert main([code, kind, str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'out'}\n"
    assert snapshot(tmp_path / "out") == snapshot(
        materialise(FIXTURES / code / kind, tmp_path / "ref")
    )
    assert main([code, kind, str(tmp_path / "out")]) == 2  # never writes over a folder
    assert main(["NOPE001", "fail", str(tmp_path / "x")]) == 2
    assert not os.path.exists(tmp_path / "x")
