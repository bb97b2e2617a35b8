"""Did-you-mean hints stay right and cheap when many links are broken in a large folder."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from bench.broken import break_links
from bench.corpus import generate
from bench.measure import Summary
from bench.report import BROKEN_RATIO, targets
from bench.suite import BROKEN, SizeResult
from pipeline.domain.suggest import SHORTLIST, SMALL, Candidates, closest
from tests.conftest import run_cli

ARTICLES = 300  # well above SMALL: the index decides which candidates difflib compares


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("hints")
    generate(folder / "clean", ARTICLES, seed=3)
    return folder / "broken", break_links(folder / "clean", folder / "broken")


def test_every_mistyped_link_is_reported_with_the_meant_file(
    broken: tuple[Path, dict[str, str]],
) -> None:
    root, meant = broken
    assert len(meant) > SMALL
    result = run_cli("validate", "--format", "json", "--root", str(root))
    assert result.code == 1, result
    hints = {
        d["path"]: d["hint"] for d in json.loads(result.out)["diagnostics"] if d["code"] == "LNK001"
    }
    assert hints == {path: f"did you mean `{name}`?" for path, name in meant.items()}


def test_hints_compare_a_bounded_number_of_candidates(
    broken: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, meant = broken
    compared = 0
    quick_ratio = difflib.SequenceMatcher.quick_ratio

    def counting(self: difflib.SequenceMatcher[str]) -> float:
        nonlocal compared
        compared += 1
        return quick_ratio(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "quick_ratio", counting)
    assert run_cli("validate", "--no-cache", "--root", str(root)).code == 1
    assert 0 < compared <= len(meant) * SHORTLIST  # every file with every missing name: 90,000


def test_the_index_agrees_with_difflib_on_close_names() -> None:
    names = [f"{n:04d}-{word}-{n % 7}.md" for n, word in enumerate(["anh", "chu", "mo"] * 40)]
    index = Candidates(names)
    for name in names[::5]:
        typo = name[:6] + name[7:]
        best = difflib.get_close_matches(typo, names, n=1)
        assert index.closest(typo) == best
    assert closest("CHU", ["anh", "chữ"]) == "chữ"  # case and diacritics still fold


def _size(broken_s: float, code: int = 1) -> SizeResult:
    summaries = {
        "validate cold": Summary(1.0, 50.0, 3, (0,)),
        "validate warm": Summary(0.2, 50.0, 3, (0,)),
        "build cold": Summary(1.1, 50.0, 3, (0,)),
        "floor": Summary(0.2, 10.0, 3, (0,)),
        BROKEN: Summary(broken_s, 50.0, 3, (code,)),
    }
    return SizeResult(1_000, 1_000, "generated", 0.0, summaries)


@pytest.mark.parametrize(
    ("seconds", "code", "passed"),
    [(1.5, 1, True), (BROKEN_RATIO + 0.5, 1, False), (1.2, 0, False)],
)
def test_the_bench_target_for_broken_links(seconds: float, code: int, passed: bool) -> None:
    found = {t.name: t for t in targets([_size(seconds, code)], None)}
    assert found["1000: every run exits 0"].passed
    verdicts = [
        found["1000: validate with broken links vs clean (cold)"].passed,
        found["1000: broken links runs exit 1"].passed,
    ]
    assert all(verdicts) is passed
