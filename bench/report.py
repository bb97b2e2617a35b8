"""The results table and the performance targets of docs/performance.md."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bench.hooks import HookTimes
from bench.suite import COMMANDS, REAL, SizeResult

HOOKS_TARGET_S = 0.4
BUILD_OVERHEAD = 0.20
SCALING = 1.5
# size -> (validate cold s, validate warm s, peak RSS MiB of validate cold or None)
LIMITS: dict[int, tuple[float, float, float | None]] = {
    REAL: (0.200, 0.120, None),
    1_000: (1.2, 0.4, None),
    10_000: (10.0, 2.0, 800.0),
}


@dataclass(frozen=True, slots=True)
class Target:
    """One checked target: what, the measured value, the limit, and the verdict."""

    name: str
    measured: str
    limit: str
    passed: bool


def _size_label(result: SizeResult) -> str:
    return f"{result.size} (real)" if result.label == "real series" else str(result.size)


def table(results: Iterable[SizeResult]) -> str:
    """A Markdown table: size, command, median wall, peak RSS, ms per article, x floor."""
    lines = [
        "| size | command | median wall (ms) | peak RSS (MB) | tree RSS (MB) | ms/article "
        "| x floor |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        floor = result.summaries["floor"].median
        for name in COMMANDS:
            summary = result.summaries[name]
            flag = "" if summary.ok else f" (exit {','.join(map(str, summary.codes))})"
            lines.append(
                f"| {_size_label(result)} | {name}{flag} | {summary.median * 1000:,.0f} "
                f"| {summary.rss_mb:,.1f} | {summary.tree_mb:,.1f} "
                f"| {summary.median * 1000 / result.articles:.2f} | {summary.median / floor:.1f} |"
            )
    return "\n".join(lines)


def hooks_table(hooks: HookTimes) -> str:
    """Per-hook medians and exit codes, the pipeline hooks' sum, the whole pre-commit run."""
    lines = ["| hook | median wall (ms) | exit |", "|---|---:|---:|"]
    lines += [
        f"| {name} | {wall * 1000:,.0f} | {hooks.exit_codes[name]} |"
        for name, wall in hooks.hooks.items()
    ]
    names = ", ".join(hooks.pipeline_hooks)
    lines.append(
        f"| **sum of pipeline hooks** ({names}) | **{hooks.pipeline_sum * 1000:,.0f}** | |"
    )
    lines.append(
        f"| whole `pre-commit run --all-files` | {hooks.total * 1000:,.0f} | {hooks.total_code} |"
    )
    return "\n".join(lines)


def _seconds(value: float) -> str:
    return f"{value * 1000:,.0f} ms" if value < 1 else f"{value:,.2f} s"


def _time_targets(result: SizeResult) -> list[Target]:
    cold_limit, warm_limit, rss_limit = LIMITS[result.size]
    cold = result.summaries["validate cold"]
    warm = result.summaries["validate warm"]
    name = _size_label(result)
    found = [
        Target(
            f"{name}: validate cold",
            _seconds(cold.median),
            f"<= {_seconds(cold_limit)}",
            cold.median <= cold_limit,
        ),
        Target(
            f"{name}: validate warm",
            _seconds(warm.median),
            f"<= {_seconds(warm_limit)}",
            warm.median <= warm_limit,
        ),
    ]
    if rss_limit is not None:
        peak = max(cold.rss_mb, cold.tree_mb)
        found.append(
            Target(
                f"{name}: validate cold peak RSS (process tree)",
                f"{peak:,.0f} MB",
                f"<= {rss_limit:,.0f} MB",
                peak <= rss_limit,
            )
        )
    return found


def _per_article(result: SizeResult) -> float:
    return result.summaries["validate cold"].median / result.articles


def targets(results: list[SizeResult], hooks: HookTimes | None) -> list[Target]:
    """Every target that the measured sizes allow to check."""
    found: list[Target] = []
    by_size = {r.size: r for r in results}
    for result in results:
        if result.size in LIMITS:
            found += _time_targets(result)
        validate = result.summaries["validate cold"].median
        build = result.summaries["build cold"].median
        found.append(
            Target(
                f"{_size_label(result)}: build vs validate (cold)",
                f"{(build / validate - 1) * 100:+.0f}%",
                f"<= +{BUILD_OVERHEAD * 100:.0f}%",
                build <= validate * (1 + BUILD_OVERHEAD),
            )
        )
        ok = all(s.ok for s in result.summaries.values())
        found.append(
            Target(
                f"{_size_label(result)}: every run exits 0", "yes" if ok else "no", "all exit 0", ok
            )
        )
    if 1_000 in by_size and 10_000 in by_size:
        ratio = _per_article(by_size[10_000]) / _per_article(by_size[1_000])
        found.append(
            Target(
                "time per article, 10,000 vs 1,000",
                f"{ratio:.2f}x",
                f"<= {SCALING}x",
                ratio <= SCALING,
            )
        )
    if hooks is not None:
        found.append(
            Target(
                "pre-commit: sum of pipeline hooks",
                _seconds(hooks.pipeline_sum),
                f"<= {_seconds(HOOKS_TARGET_S)}",
                hooks.pipeline_sum <= HOOKS_TARGET_S,
            )
        )
    return found


def targets_text(found: list[Target]) -> str:
    """One line per target: PASS/FAIL, name, measured value and target."""
    width = max((len(t.name) for t in found), default=0)
    return "\n".join(
        f"{'PASS' if t.passed else 'FAIL'}  {t.name.ljust(width)}  {t.measured} (target {t.limit})"
        for t in found
    )
