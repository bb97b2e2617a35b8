"""`python -m bench [--sizes 15,1000,10000] [--repeat N] [--quick]`: time the pipeline.

Size 15 is the real series (a copy of the working tree); other sizes are corpora generated
once per run by `bench.corpus` in a temporary folder. Prints a Markdown table and one
line per target with two verdicts: at this run's Python floor (the time target scaled by
how much slower or faster the floor runs than when the targets were set) and absolute.
Exits 1 when a target fails at this run's floor (2 on bad arguments).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from bench import hooks, hugo, live
from bench.measure import REPO
from bench.repo import extract_ref
from bench.report import (
    NO_HUGO,
    floor_scale,
    hooks_table,
    table,
    targets,
    targets_text,
    time_target,
)
from bench.suite import REAL, SizeResult, expected_codes, measure_size

DEFAULT_SIZES = (15, 1_000, 10_000)
QUICK_SIZES = (15, 1_000)
QUICK_REPEAT = 3
REPEAT = 5  # a median of 5 shrugs off two slow runs of a shared machine; 3 only one


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a list of sizes: {text!r}") from exc
    if not sizes or min(sizes) < 2:
        raise argparse.ArgumentTypeError("sizes are article counts of at least 2")
    return sizes


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", type=_sizes, help="comma-separated sizes (15 = real series)")
    parser.add_argument("--repeat", type=int, help="runs per command (default 5)")
    parser.add_argument("--quick", action="store_true", help="sizes 15 and 1,000, 3 runs each")
    parser.add_argument("--no-hooks", action="store_true", help="skip the pre-commit timing")
    parser.add_argument("--no-live", action="store_true", help="skip the preview's reload latency")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write results as JSON")
    parser.add_argument(
        "--ref",
        metavar="REV",
        help="measure the repository as of this git revision (default: the working tree)",
    )
    return parser


def _repeat(args: argparse.Namespace) -> int:
    if args.repeat:
        return int(args.repeat)
    if args.quick:
        return QUICK_REPEAT
    return REPEAT


def _conditions(ref: str | None) -> str:
    pipeline = f"git revision {ref}" if ref else "the working tree"
    return (
        f"pipeline: {pipeline}; machine: {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.machine()}; Python {platform.python_version()} ({sys.executable})"
    )


def _measure(
    sizes: Sequence[int], args: argparse.Namespace, folder: Path, source: Path
) -> list[SizeResult]:
    results = []
    for size in sizes:
        repeat = _repeat(args)
        print(f"measuring {size} articles, {repeat} runs per command ...", file=sys.stderr)
        result = measure_size(size, repeat, folder, source)
        print(f"  corpus ready in {result.prepare_s:.1f} s ({result.label})", file=sys.stderr)
        report_exits(result)
        results.append(result)
    return results


def report_exits(result: SizeResult) -> None:
    """On stderr: each command whose runs did not exit as expected, with its output."""
    for name, summary in result.summaries.items():
        if summary.codes != expected_codes(name):
            print(f"  {name} exited {summary.codes}; output:\n{summary.tail}", file=sys.stderr)


def _latency(
    args: argparse.Namespace, results: list[SizeResult], folder: Path, source: Path
) -> live.Latency | str | None:
    """The preview's edit-to-browser latency on the real series (a line when not measured)."""
    if args.no_live or all(r.size != REAL for r in results):
        return None
    print("timing the preview's reload on the real series ...", file=sys.stderr)
    return live.run(folder, source)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; 0 when every target passes (time targets at this run's floor,
    see bench.report.REFERENCE_FLOOR), 1 otherwise."""
    args = _parser().parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        source = extract_ref(args.ref, Path(folder) / "source") if args.ref else REPO
        results = _measure(sizes, args, Path(folder), source)
        hook_times = None
        if not args.no_hooks and hooks.available():
            print("timing the pre-commit hooks on the real series ...", file=sys.stderr)
            hook_times = hooks.time_hooks(_repeat(args), source)
        latency = _latency(args, results, Path(folder), source)
    found = targets(results, hook_times)
    real = next((r for r in results if r.size == REAL), None)
    if isinstance(latency, live.Latency) and real is not None:
        name = f"{REAL} (real): preview edit to browser, median of {len(latency.delays)}"
        found.append(time_target(name, latency.median, live.LIMIT_S, floor_scale(real)))
    print(_conditions(args.ref))
    print()
    print(table(results))
    if hook_times is not None:
        print()
        print(hooks_table(hook_times))
    if latency is not None:
        print()
        if isinstance(latency, live.Latency) and real is not None:
            print(live.table(latency, real.summaries["floor"].median))
        else:
            print(latency)
    print()
    if hugo.available() is None and any(size != 15 for size in sizes):
        print(NO_HUGO)
    print(targets_text(found))
    if args.json:
        document = {
            "conditions": _conditions(args.ref),
            "results": [asdict(r) for r in results],
            "hooks": asdict(hook_times) if hook_times else None,
            "live": asdict(latency) if isinstance(latency, live.Latency) else latency,
            "targets": [asdict(t) for t in found],
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0 if all(t.verdict for t in found) else 1


if __name__ == "__main__":
    sys.exit(main())
