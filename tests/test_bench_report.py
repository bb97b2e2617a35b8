"""The verdicts of `make bench`: absolute, at this run's floor, and the exit decision."""

from __future__ import annotations

import pytest

from bench.hooks import HookTimes
from bench.measure import Summary
from bench.report import (
    LIMITS,
    REFERENCE_FLOOR,
    Target,
    table,
    targets,
    targets_text,
)
from bench.suite import REAL, SizeResult


def _summary(seconds: float, rss: float = 50.0, code: int = 0) -> Summary:
    return Summary(seconds, rss, 3, (code,), "", rss)


def _result(
    size: int,
    slowdown: float,
    share: float,
    build_excess: float = 0.1,
    rss: float = 50.0,
    code: int = 0,
) -> SizeResult:
    """A measured size whose floor is `slowdown` times the reference floor and whose
    validate runs take `share` of the absolute limits, scaled by the same slowdown."""
    cold, warm, _ = LIMITS[size]
    cold_s = cold * share * slowdown
    summaries = {
        "validate cold": _summary(cold_s, rss, code),
        "validate warm": _summary(warm * share * slowdown),
        "build cold": _summary(cold_s * (1 + build_excess)),
        "floor": _summary(REFERENCE_FLOOR[size] * slowdown),
    }
    label = "real series" if size == REAL else "generated"
    return SizeResult(size, size, label, 0.0, summaries)


def _hooks(seconds: float) -> HookTimes:
    return HookTimes(
        seconds + 0.1,
        0,
        {"validate-and-build": seconds / 2, "schema": seconds / 2, "ruff-check": 0.01},
        ("validate-and-build", "schema"),
        {"validate-and-build": 0, "schema": 0, "ruff-check": 0},
    )


def _by_name(found: list[Target]) -> dict[str, Target]:
    return {t.name: t for t in found}


def _all_sizes(slowdown: float, share: float, **kwargs: float) -> list[SizeResult]:
    return [_result(size, slowdown, share, **kwargs) for size in (REAL, 1_000, 10_000)]


def test_a_slow_machine_fails_absolute_but_passes_at_its_floor() -> None:
    # twice as slow a machine, the pipeline at 90% of each target at reference speed
    found = targets(_all_sizes(2.0, 0.9), _hooks(0.2 * 2.0))
    times = [t for t in found if t.scaled_passed is not None]
    assert len(times) == 7  # cold and warm at three sizes, and the hooks
    assert not any(t.passed for t in times[:-1])  # 1.8x each limit: absolute fails
    assert all(t.scaled_passed for t in times)
    assert all(t.verdict for t in found)  # so `make bench` exits 0


def test_too_slow_for_its_floor_fails() -> None:
    results = _all_sizes(1.0, 0.9)
    results[1] = _result(1_000, 1.5, 1.1)  # 10% over the target scaled by a 1.5x floor
    found = _by_name(targets(results, None))
    cold = found["1000: validate cold"]
    assert not cold.passed and cold.scaled_passed is False and not cold.verdict
    assert "<= 1.80 s at this run's floor" in cold.scaled_limit
    assert found["10000: validate cold"].verdict


@pytest.mark.parametrize(("excess", "passed"), [(0.19, True), (0.21, False)])
def test_build_may_add_at_most_a_fifth(excess: float, passed: bool) -> None:
    found = _by_name(targets(_all_sizes(1.0, 0.5, build_excess=excess), None))
    row = found["1000: build vs validate (cold)"]
    assert row.passed is passed and row.scaled_passed is None and row.verdict is passed
    assert row.measured == f"+{excess * 100:.0f}%"


def test_memory_failed_runs_and_scaling_are_checked() -> None:
    results = _all_sizes(1.0, 0.5)
    results[2] = _result(10_000, 1.0, 0.5, rss=900.0)
    results[0] = _result(REAL, 1.0, 0.5, code=1)
    found = _by_name(targets(results, None))
    assert not found["10000: validate cold peak RSS (process tree)"].verdict
    assert not found["15 (real): every run exits 0"].verdict
    assert found["1000: every run exits 0"].verdict
    # 10,000 articles at 0.5 x 10 s against 1,000 at 0.5 x 1.2 s: 0.83x per article
    assert found["time per article, 10,000 vs 1,000"].measured == "0.83x"
    assert found["time per article, 10,000 vs 1,000"].verdict


def test_the_report_shows_both_verdicts_and_floor_ratios() -> None:
    results = _all_sizes(2.0, 0.9)
    text = targets_text(targets(results, _hooks(0.3)))
    first = text.splitlines()[1]
    assert text.startswith("at floor  absolute\n")
    assert first.startswith("PASS      FAIL      15 (real): validate cold")
    assert "build vs validate" in text and "\n          PASS" in text  # no floor verdict
    rows = table(results).splitlines()
    assert rows[0].startswith("| size | command | median wall (ms)")
    floor_row = next(r for r in rows if r.startswith("| 1000 | floor |"))
    assert floor_row.endswith("| 1.0 |")


def test_only_unexpected_exits_are_reported(capsys: pytest.CaptureFixture[str]) -> None:
    from bench.__main__ import report_exits
    from bench.suite import BROKEN

    summaries = {
        "validate cold": _summary(1.0),
        BROKEN: _summary(1.0, code=1),
    }
    report_exits(SizeResult(1_000, 1_000, "generated", 0.0, summaries))
    assert capsys.readouterr().err == ""
    summaries = {"validate cold": _summary(1.0, code=1), BROKEN: _summary(1.0)}
    report_exits(SizeResult(1_000, 1_000, "generated", 0.0, summaries))
    err = capsys.readouterr().err
    assert "validate cold exited (1,)" in err and f"{BROKEN} exited (0,)" in err
