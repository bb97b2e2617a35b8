"""The results table and the performance targets of docs/performance.md."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bench.hooks import HookTimes
from bench.suite import BROKEN, COMMANDS, HUGO, REAL, SITE, SizeResult, expected_codes

HOOKS_TARGET_S = 0.4
BUILD_OVERHEAD = 0.20
SCALING = 1.5
BROKEN_RATIO = 2.0  # validate with a broken link in every article, over the clean corpus
# size -> (validate cold s, validate warm s, peak RSS MiB of validate cold or None)
LIMITS: dict[int, tuple[float, float, float | None]] = {
    REAL: (0.200, 0.120, None),
    1_000: (1.2, 0.4, None),
    10_000: (10.0, 2.0, 800.0),
}
# The Python floor on this machine when the targets were set (seconds): the targets are
# absolute times at that speed. The machine is shared and its speed drifts (runs have
# measured the same floor 1.3x to 2.4x slower), so each time target is also shown scaled
# by this run's floor over the reference one: the same ratio to the floor.
REFERENCE_FLOOR: dict[int, float] = {REAL: 0.037, 1_000: 0.19, 10_000: 1.53}
SITE_REAL_S = 1.0  # the real series' site, cold
# size -> (site cold over hugo on the same corpus, peak RSS MiB of the site's process tree)
SITE_VS_HUGO: dict[int, tuple[float, float | None]] = {1_000: (1.0, None), 10_000: (2.0, 1024.0)}
NO_HUGO = "hugo not found: the site-vs-Hugo targets are skipped (`apt-get install hugo`)"


@dataclass(frozen=True, slots=True)
class Target:
    """One checked target: what, the measured value, the limit, and the verdict."""

    name: str
    measured: str
    limit: str
    passed: bool
    scaled_limit: str = ""  # the time target at this run's floor ("" when not a time)
    scaled_passed: bool | None = None

    @property
    def verdict(self) -> bool:
        """Passed at this run's floor when the target is a time, else passed."""
        return self.passed if self.scaled_passed is None else self.scaled_passed


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
        for name in (n for n in COMMANDS if n in result.summaries):
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


def floor_scale(result: SizeResult) -> float | None:
    """This run's floor over the reference floor of the same size (None: no reference)."""
    reference = REFERENCE_FLOOR.get(result.size)
    return result.summaries["floor"].median / reference if reference else None


def time_target(name: str, measured: float, limit: float, scale: float | None) -> Target:
    """A time target, with its verdict at this run's floor when a reference exists."""
    scaled = "" if scale is None else f"<= {_seconds(limit * scale)} at this run's floor"
    return Target(
        name,
        _seconds(measured),
        f"<= {_seconds(limit)}",
        measured <= limit,
        scaled,
        None if scale is None else measured <= limit * scale,
    )


def _time_targets(result: SizeResult) -> list[Target]:
    cold_limit, warm_limit, rss_limit = LIMITS[result.size]
    cold = result.summaries["validate cold"]
    warm = result.summaries["validate warm"]
    name = _size_label(result)
    scale = floor_scale(result)
    found = [
        time_target(f"{name}: validate cold", cold.median, cold_limit, scale),
        time_target(f"{name}: validate warm", warm.median, warm_limit, scale),
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


def _broken_targets(result: SizeResult) -> list[Target]:
    """Broken links cost their hints, never a comparison of each with every file."""
    broken = result.summaries[BROKEN]
    ratio = broken.median / result.summaries["validate cold"].median
    name = _size_label(result)
    return [
        Target(
            f"{name}: validate with broken links vs clean (cold)",
            f"{ratio:.2f}x",
            f"<= {BROKEN_RATIO}x",
            ratio <= BROKEN_RATIO,
        ),
        Target(
            f"{name}: broken links runs exit 1",
            "yes" if broken.codes == expected_codes(BROKEN) else "no",
            "all exit 1",
            broken.codes == expected_codes(BROKEN),
        ),
    ]


def site_targets(result: SizeResult) -> list[Target]:
    """The static site: the real series within SITE_REAL_S, generated corpora against Hugo
    building the same articles in the same run (skipped without `hugo`)."""
    site = result.summaries[SITE]
    name = _size_label(result)
    if result.size == REAL:
        return [time_target(f"{name}: site cold", site.median, SITE_REAL_S, floor_scale(result))]
    limits = SITE_VS_HUGO.get(result.size)
    if limits is None or HUGO not in result.summaries:
        return []
    ratio = site.median / result.summaries[HUGO].median
    found = [
        Target(
            f"{name}: site cold vs hugo",
            f"{ratio:.2f}x",
            f"<= {limits[0]}x",
            ratio <= limits[0],
        )
    ]
    if limits[1] is not None:
        peak = max(site.rss_mb, site.tree_mb)
        found.append(
            Target(
                f"{name}: site cold peak RSS (process tree)",
                f"{peak:,.0f} MB",
                f"<= {limits[1]:,.0f} MB",
                peak <= limits[1],
            )
        )
    return found


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
        ok = all(s.ok for n, s in result.summaries.items() if n != BROKEN)
        found.append(
            Target(
                f"{_size_label(result)}: every run exits 0", "yes" if ok else "no", "all exit 0", ok
            )
        )
        if BROKEN in result.summaries:
            found += _broken_targets(result)
        if SITE in result.summaries:
            found += site_targets(result)
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
        real = by_size.get(REAL)
        found.append(
            time_target(
                "pre-commit: sum of pipeline hooks",
                hooks.pipeline_sum,
                HOOKS_TARGET_S,
                floor_scale(real) if real else None,
            )
        )
    return found


def targets_text(found: list[Target]) -> str:
    """One line per target: the verdict at this run's floor, the absolute verdict, name,
    measured value and both limits."""
    width = max((len(t.name) for t in found), default=0)
    lines = ["at floor  absolute"]
    for t in found:
        scaled = "" if t.scaled_passed is None else ("PASS" if t.scaled_passed else "FAIL")
        limits = f"{t.limit}; {t.scaled_limit}" if t.scaled_limit else t.limit
        lines.append(
            f"{scaled:<8}  {'PASS' if t.passed else 'FAIL':<8}  {t.name.ljust(width)}  "
            f"{t.measured} (target {limits})"
        )
    return "\n".join(lines)
