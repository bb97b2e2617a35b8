"""One implementation of each rule: a check's shortcut for the common case decides as its
full path does, on every sample repository that exercises the check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from pipeline.checks import links, prose
from pipeline.commands.stages import load_root
from tests.test_fixtures import CASES, _prepare

# (the check's module, the name of its shortcut, its family of codes)
SHORTCUTS = ((links, "_plainly_fine", "LNK"), (prose, "_plainly_right", "REF"))
RUNS = [
    (module, shortcut, code, kind)
    for module, shortcut, family in SHORTCUTS
    for code, kind in CASES
    if code.startswith(family)
]


@pytest.mark.parametrize(
    ("module", "shortcut", "code", "kind"), RUNS, ids=[f"{c}-{k}" for _, _, c, k in RUNS]
)
def test_a_shortcut_hides_no_diagnostic(
    module: ModuleType,
    shortcut: str,
    code: str,
    kind: str,
    sample: Callable[[str, str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = sample(code, kind)
    _prepare(root)
    corpus = load_root(root)
    taken = list(module.check(corpus))
    monkeypatch.setattr(module, shortcut, lambda *args: False)
    assert list(module.check(corpus)) == taken
    assert (code in {d.code for d in taken}) == (kind == "fail")
