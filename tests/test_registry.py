"""The registry is the documentation: every code is emitted somewhere and documented."""

from __future__ import annotations

from pipeline.checks import CHECKS, LOADER_CODES
from pipeline.core.codes import RULES
from pipeline.render.docs import render_diagnostics_doc
from tests.conftest import REPO


def test_every_code_has_exactly_one_owner() -> None:
    owners = [*LOADER_CODES, "GEN001", "GEN002", "GEN003", "CHG001"]
    for check in CHECKS:
        owners.extend(check.codes)
    assert sorted(owners) == sorted(RULES)


def test_diagnostics_doc_is_current_and_documents_every_code() -> None:
    doc = (REPO / "docs/diagnostics.md").read_text(encoding="utf-8")
    assert doc == render_diagnostics_doc()
    for code, rule in RULES.items():
        assert f"### {code}: {rule.summary}" in doc


def test_every_rule_is_fully_documented() -> None:
    for rule in RULES.values():
        assert rule.summary and rule.why and rule.example and rule.fix
