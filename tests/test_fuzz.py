"""Structure-aware fuzzing of whole repositories against the pipeline's contracts.

`make test` runs a few seeded examples per family (the same ones every time); set
`FUZZ_EXAMPLES=N` (or run `make fuzz`) for N random examples per family.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import FAMILIES, KNOWN, Mutation, check_contracts, make_base

_LONG = os.environ.get("FUZZ_EXAMPLES")
_COMMON = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
# the short run is seeded and remembers nothing between runs; the long one is random
_SETTINGS = (
    settings(_COMMON, max_examples=int(_LONG))
    if _LONG
    else settings(_COMMON, max_examples=3, derandomize=True, database=None)
)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample series, made once per module."""
    return make_base(tmp_path_factory.mktemp("fuzz") / "base")


@pytest.mark.parametrize("family", sorted(FAMILIES))
@_SETTINGS
@given(data=st.data())
def test_contracts_hold_under_mutation(base: Path, family: str, data: st.DataObject) -> None:
    mutations: list[Mutation] = data.draw(st.lists(FAMILIES[family], min_size=1, max_size=3))
    _check(base, mutations)


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_contracts_hold_for_cases_found_before(base: Path, name: str) -> None:
    _check(base, [KNOWN[name]])


def _check(base: Path, mutations: list[Mutation]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        shutil.copytree(base, root, symlinks=True)
        (Path(folder) / "outside").mkdir()
        for mutation in mutations:
            mutation.apply(root)
        check_contracts(root)
