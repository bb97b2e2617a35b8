"""`python -m vlm.figures [--check] [--root DIR] [NAMES ...]`: write or check the figures."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from vlm.figures.runner import ROOT, outputs, select, specs, write_atomic


def main(argv: Sequence[str] | None = None) -> int:
    """Write the figures (all, or those named); with --check write nothing and exit 1 when
    a committed figure or the manifest differs from what the code makes now."""
    parser = argparse.ArgumentParser(prog="python -m vlm.figures", description=main.__doc__)
    parser.add_argument("names", nargs="*", help="figures to make, e.g. 03-patch-grid")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    all_specs = specs()
    stale = []
    for path, data in outputs(select(all_specs, args.names), all_specs, root):
        shown = path.relative_to(root).as_posix()
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(shown)
        elif write_atomic(path, data):
            print(f"wrote {shown}")
    for shown in stale:
        print(f"stale: {shown}", file=sys.stderr)
    if stale:
        print("run `make figures` and commit the changed files", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
