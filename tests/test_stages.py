"""Stages own their codes: what each stage emits on the sample repositories is exactly what
the registry (`pipeline/core/codes.py`) assigns to it.

Every stage's entry point is wrapped to record the codes it returns; a code printed by the
command line that no stage recorded was emitted from outside the stages, which fails too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from pipeline import checks
from pipeline.commands import stages
from pipeline.core.codes import BUILD, LOAD, REVIEW, RULES, codes_of
from pipeline.core.diagnostics import Diagnostic
from pipeline.load import changes
from tests.test_fixtures import CASES, _observed

_PRINTED = re.compile(r"^\S.*?:\d+:\d+: (?:error|warning) ([A-Z]+\d+) ", re.MULTILINE)

Seen = defaultdict[str, set[str]]


def _edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{path} no longer holds {old!r}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


# Paths the samples of `tests/fixtures` do not take, each a passing sample with one edit:
# (the sample, the edit, the code it must make its stage emit).
VARIANTS = (
    (("SER001", "pass"), _edit("content/demo/series.yaml", "id: demo", "id: other"), "SER001"),
    (
        ("GEN003", "pass"),
        _edit("content/demo/02-hai.md", "<!-- END GENERATED reading-box -->", ""),
        "GEN002",
    ),
)


def _codes(found: Iterable[Diagnostic]) -> set[str]:
    return {d.code for d in found}


def _wrap(
    seen: set[str], run: Callable[..., Any], pick: Callable[[Any], Iterable[Diagnostic]]
) -> Callable[..., Any]:
    def recorded(*args: Any, **kwargs: Any) -> Any:
        result = run(*args, **kwargs)
        if isinstance(result, list):
            result = list(result)
        seen.update(_codes(pick(result)))
        return result

    return recorded


def _record(monkeypatch: pytest.MonkeyPatch) -> Seen:
    """Wrap every stage's entry point; the returned map fills as the stages run."""
    seen: Seen = defaultdict(set)
    same: Callable[[Any], Any] = lambda result: result  # noqa: E731
    monkeypatch.setattr(
        stages, "load_corpus", _wrap(seen[LOAD], stages.load_corpus, lambda c: c.load_diagnostics)
    )
    wrapped = tuple(
        check._replace(run=_wrap(seen[check.name], lambda c, f=check.run: list(f(c)), same))
        for check in checks.CHECKS
    )
    monkeypatch.setattr(checks, "CHECKS", wrapped)
    monkeypatch.setattr(
        stages, "section_problems", _wrap(seen[BUILD], stages.section_problems, same)
    )
    monkeypatch.setattr(
        stages, "render_outputs", _wrap(seen[BUILD], stages.render_outputs, lambda r: r[1])
    )
    monkeypatch.setattr(
        stages, "stale_output_problems", _wrap(seen[BUILD], stages.stale_output_problems, same)
    )
    monkeypatch.setattr(
        changes,
        "missing_update_notes",
        _wrap(seen[REVIEW], changes.missing_update_notes, same),
    )
    return seen


def test_each_stage_emits_exactly_the_codes_the_registry_gives_it(
    sample: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    emitted: Seen = defaultdict(set)
    runs = [(case, None) for case in CASES] + [(case, edit) for case, edit, _ in VARIANTS]
    for number, ((code, kind), edit) in enumerate(runs):
        root = sample(code, kind).rename(tmp_path / f"run-{number}")  # copied again: moved away
        if edit is not None:
            edit(root)
        with monkeypatch.context() as patch:
            seen = _record(patch)
            printed = set(_PRINTED.findall(_observed(root)))
        if edit is not None:
            assert printed & {c for _, _, c in VARIANTS}, f"the edit of {code}/{kind} did nothing"
        for stage, found in seen.items():
            stray = found - set(codes_of(stage))
            assert not stray, f"{code}/{kind}: stage {stage} emitted {sorted(stray)}"
            emitted[stage] |= found
        unowned = printed - set().union(*seen.values())
        assert not unowned, f"{code}/{kind}: {sorted(unowned)} printed but emitted by no stage"
    declared = {(stage, rule.code) for rule in RULES.values() for stage in rule.stages}
    observed = {(stage, c) for stage, found in emitted.items() for c in found}
    assert sorted(declared - observed) == [], "declared but never emitted by a sample repository"
    assert observed == declared
