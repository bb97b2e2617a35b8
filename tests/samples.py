"""Sample repositories: one shared base, and per case an overlay of what differs from it.

`tests/fixtures/_base/` is a small clean series. A case, `tests/fixtures/<CODE>/<kind>/`,
holds only the files that replace or add to the base's, and optionally a file `remove`
listing base paths (one a line) that the case lacks. `materialise` lays base and overlay
into a folder: that folder is the sample repository the CLI runs on.

`python -m tests.samples CODE KIND DEST` writes one case's repository to DEST, to look at it
or run the CLI on it by hand.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = FIXTURES / "_base"
REMOVE = "remove"  # the overlay's list of base files the case lacks; not part of the repository

# What a tree holds at one path: ("link", target), ("exec", bytes) or ("file", bytes).
Entry = tuple[str, bytes]


def files(root: Path) -> dict[str, Path]:
    """Every file and symbolic link under `root`, by POSIX path relative to it, sorted."""
    found: dict[str, Path] = {}
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        links = [name for name in dirs if (here / name).is_symlink()]  # leaves, not followed
        for name in [*names, *links]:
            found[(here / name).relative_to(root).as_posix()] = here / name
    return dict(sorted(found.items()))


def entry(path: Path) -> Entry:
    """What git would record of one file: a link's target, or the bytes and executable bit."""
    if path.is_symlink():
        return ("link", os.fsencode(os.readlink(path)))
    executable = path.stat().st_mode & stat.S_IXUSR
    return ("exec" if executable else "file", path.read_bytes())


def snapshot(root: Path) -> dict[str, Entry]:
    """The whole tree under `root` as path -> entry, to compare trees exactly."""
    return {name: entry(path) for name, path in files(root).items()}


def removed(case: Path) -> list[str]:
    """The base paths that the case's `remove` file lists (none without one)."""
    listing = case / REMOVE
    if not listing.is_file():
        return []
    lines = listing.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def overlay(case: Path) -> dict[str, Path]:
    """The files the case lays over the base (its `remove` list excluded)."""
    return {name: path for name, path in files(case).items() if name != REMOVE}


def materialise(case: Path, target: Path, base: Path = BASE) -> Path:
    """Write base + overlay of `case` to the new folder `target`; return `target`."""
    shutil.copytree(base, target, symlinks=True)
    for name in removed(case):
        _delete(target, name)
    for name, source in overlay(case).items():
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        if destination.is_symlink() or destination.exists():
            destination.unlink()
        if source.is_symlink():
            os.symlink(os.readlink(source), destination)
        else:
            shutil.copy2(source, destination)
    return target


def _delete(root: Path, name: str) -> None:
    """Delete one file, then the folders it leaves empty (a full copy would not have them)."""
    path = root / name
    path.unlink()
    for parent in path.parents:
        if parent == root or any(parent.iterdir()):
            break
        parent.rmdir()


def repeated(case: Path, base: Path = BASE) -> list[str]:
    """Overlay files identical to the base file they override: dead weight that hides what
    triggers the case."""
    ours, theirs = overlay(case), files(base)
    return [
        name for name, path in ours.items() if name in theirs and entry(path) == entry(theirs[name])
    ]


def stray(case: Path, base: Path = BASE) -> list[str]:
    """`remove` entries that name no base file, or a file the overlay supplies as well."""
    ours, theirs = overlay(case), files(base)
    return [name for name in removed(case) if name not in theirs or name in ours]


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m tests.samples CODE KIND DEST`: write that case's sample repository to DEST."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 3:
        print("usage: python -m tests.samples CODE fail|pass DEST", file=sys.stderr)
        return 2
    code, kind, dest = args
    case = FIXTURES / code / kind
    if not case.is_dir() or kind not in ("fail", "pass"):
        print(f"error: no sample repository {case}", file=sys.stderr)
        return 2
    if Path(dest).exists():
        print(f"error: {dest} already exists", file=sys.stderr)
        return 2
    print(materialise(case, Path(dest)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
