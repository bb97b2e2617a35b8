"""The CI workflow reviews every pull request, whatever the tests say."""

from __future__ import annotations

from typing import Any

import yaml

from tests.conftest import REPO


def _workflow() -> dict[str, Any]:
    text = (REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


def _runs(job: dict[str, Any]) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


def test_review_runs_apart_from_the_tests_and_without_pytorch() -> None:
    jobs = _workflow()["jobs"]
    review = next(j for j in jobs.values() if any("--changed-since" in r for r in _runs(j)))
    assert "needs" not in review
    assert not any("make test" in r or ".ci/run" in r for r in _runs(review))
    assert "make setup" in _runs(review)
    for step in review["steps"]:
        if "pipeline build --check" in step.get("run", "") or "schema --check" in step.get(
            "run", ""
        ):
            assert step["if"].startswith("always()")


def test_pip_is_cached_graphviz_installed_and_tests_run_through_ci_run() -> None:
    jobs = _workflow()["jobs"].values()
    for job in jobs:
        setup = next(
            s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python")
        )
        assert setup["with"]["cache"] == "pip"
    test = next(j for j in jobs if ".ci/run" in _runs(j))
    assert any("install -y -q graphviz" in r for r in _runs(test))
    assert "make test" in (REPO / ".ci/run").read_text(encoding="utf-8")


def test_actions_are_pinned_to_current_majors() -> None:
    current = {"actions/checkout": 6, "actions/setup-python": 6}
    for job in _workflow()["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                name, version = step["uses"].split("@")
                assert int(version.removeprefix("v")) >= current[name], step["uses"]
