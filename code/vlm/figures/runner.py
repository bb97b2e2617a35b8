"""Build every figure, write the SVGs and the manifest, or check that they are up to date."""

from __future__ import annotations

import ast
import hashlib
import importlib
import json
import os
import pkgutil
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from matplotlib.figure import Figure

ROOT = Path(__file__).resolve().parents[3]
IMAGES = "content/vlm/images"
MANIFEST = "figures.json"
_MODULE = re.compile(r"a(\d\d)_\w+")


class Spec(NamedTuple):
    """One registered figure: its file name, its article's module and its builder."""

    file: str
    module: ModuleType
    build: Callable[[], Figure]


def modules() -> list[ModuleType]:
    """The per-article modules `aNN_topic`, in article order."""
    folder = [str(Path(__file__).parent)]
    names = sorted(m.name for m in pkgutil.iter_modules(folder) if _MODULE.fullmatch(m.name))
    return [importlib.import_module(f"vlm.figures.{name}") for name in names]


def specs() -> list[Spec]:
    """Every registered figure, in article order, then in registry order."""
    found = []
    for module in modules():
        for name, build in module.FIGURES.items():
            found.append(Spec(f"{module.ARTICLE}-{name}.svg", module, build))
    return found


def select(all_specs: list[Spec], names: Sequence[str]) -> list[Spec]:
    """The figures named `names` (`03-patch-grid`, `patch-grid` or the file name)."""
    if not names:
        return all_specs
    chosen = []
    for name in names:
        hits = [s for s in all_specs if name in (s.file, s.file[:-4], s.file[3:-4])]
        if not hits:
            known = ", ".join(s.file[:-4] for s in all_specs)
            raise SystemExit(f"no figure named {name!r}; known: {known}")
        chosen += [s for s in hits if s not in chosen]
    return chosen


def sources(spec: Spec) -> dict[str, str]:
    """SHA-256 of each source file the figure is made from: its module and the modules of
    this package it imports (the style, the toy data), named by their paths in the repository."""
    module = Path(str(spec.module.__file__))
    files = [module, *(module.with_name(f"{name}.py") for name in _helpers(module))]
    return {f.resolve().relative_to(ROOT).as_posix(): _sha(f.read_bytes()) for f in files}


def _helpers(module: Path) -> list[str]:
    """Names of the `vlm.figures` modules that `module` imports, sorted."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    prefix = f"{__package__}."
    return sorted(
        {
            node.module.removeprefix(prefix)
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(prefix)
        }
    )


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def render(spec: Spec) -> bytes:
    """The figure's SVG bytes, built from seed 0 on one thread."""
    import torch

    from vlm.figures.style import to_svg

    torch.manual_seed(0)
    torch.set_num_threads(1)
    return to_svg(spec.build())


def manifest_text(entries: dict[str, Any]) -> str:
    """The manifest: each figure's SHA-256 and those of its sources, sorted by file name."""
    data = {
        "version": 1,
        "generator": "make figures",
        "figures": dict(sorted(entries.items())),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_manifest(folder: Path) -> dict[str, Any]:
    """The figures recorded in the manifest (empty when there is none yet)."""
    path = folder / MANIFEST
    if not path.exists():
        return {}
    figures: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["figures"]
    return figures


def outputs(chosen: list[Spec], all_specs: list[Spec], root: Path) -> Iterator[tuple[Path, bytes]]:
    """Each file to write (the chosen figures, then the manifest) with its bytes."""
    folder = root / IMAGES
    entries = {k: v for k, v in read_manifest(folder).items() if k in {s.file for s in all_specs}}
    for spec in chosen:
        data = render(spec)
        entries[spec.file] = {"sha256": _sha(data), "sources": sources(spec)}
        yield folder / spec.file, data
    yield folder / MANIFEST, manifest_text(entries).encode("utf-8")


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` through a temporary file and a rename; False when unchanged."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)
    return True
