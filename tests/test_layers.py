"""The stages import downwards only: core <- domain <- load, checks, render <- commands <- cli.

Read from the sources with `ast` (imports inside functions and under TYPE_CHECKING count).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, run_python

PIPELINE = REPO / "pipeline"
# The rank of each room; a module may import its own room or one of a lower rank. Loading,
# checking and rendering share a rank: none of them imports another.
RANKS = {"core": 0, "domain": 1, "load": 2, "checks": 2, "render": 2, "commands": 3}
TOP = 4  # pipeline/cli.py, pipeline/__main__.py


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANKS else ""


def _rank(module: str) -> int:
    room = _room(module)
    return RANKS[room] if room else TOP


def _module_of(path: Path, base: Path) -> str:
    parts = path.relative_to(base).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            found.update(names if node.module == "pipeline" else [node.module])
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "pipeline" or name.startswith("pipeline.")}


def back_edges(root: Path) -> list[str]:
    """`importer -> imported` for each import of a room above or beside the importer's."""
    edges = []
    for path in sorted(root.rglob("*.py")):
        importer = _module_of(path, root.parent)
        for imported in sorted(_imports(path)):
            same = _room(importer) == _room(imported)
            if not same and _rank(imported) >= _rank(importer):
                edges.append(f"{importer} -> {imported}")
    return edges


def test_no_stage_imports_a_later_or_sibling_stage() -> None:
    assert back_edges(PIPELINE) == []


def test_every_module_lives_in_a_room() -> None:
    loose = {p.name for p in PIPELINE.glob("*.py")}
    assert loose == {"__init__.py", "__main__.py", "cli.py"}


def test_a_back_edge_is_found(tmp_path: Path) -> None:
    fake = tmp_path / "pipeline"
    (fake / "checks").mkdir(parents=True)
    (fake / "checks" / "x.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pipeline.load import y\n"
    )
    (fake / "core").mkdir()
    (fake / "core" / "z.py").write_text("def f():\n    import pipeline.domain.text\n")
    assert back_edges(fake) == [
        "pipeline.checks.x -> pipeline.load",
        "pipeline.core.z -> pipeline.domain.text",
    ]


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_validation_never_imports_rendering(kind: str, sample: Callable[[str, str], Path]) -> None:
    # GEN003's samples reach the region check (a stale region, then a fresh one)
    root = sample("GEN003", kind)
    script = (
        "import sys; from pipeline.cli import main; "
        "code = main(['validate', '--no-cache', '--root', sys.argv[1]]); "
        "print(code, sorted(m for m in sys.modules if m.startswith('pipeline.render')))"
    )
    expected = 1 if kind == "fail" else 0
    assert run_python(script, str(root)).split("\n")[-2] == f"{expected} []"


def test_only_the_loader_holds_the_cache() -> None:
    """Commands and other stages pass a flag (`use_cache`); the cache object stays in load/."""
    holders = sorted(
        path.relative_to(PIPELINE).as_posix()
        for path in PIPELINE.rglob("*.py")
        if "LoadCache" in path.read_text(encoding="utf-8")
        and path.relative_to(PIPELINE).parts[0] != "load"
    )
    assert holders == []
