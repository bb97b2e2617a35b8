"""The registry is the documentation: every code is emitted somewhere and documented."""

from __future__ import annotations

from pipeline.checks import CHECKS
from pipeline.core.codes import BUILD, LOAD, REVIEW, RULES
from pipeline.render.docs import render_diagnostics_doc
from tests.conftest import REPO


def test_every_code_names_the_stages_that_emit_it() -> None:
    stages = {LOAD, BUILD, REVIEW, *(check.name for check in CHECKS)}
    for rule in RULES.values():
        assert rule.stages, rule.code
        assert set(rule.stages) <= stages, rule.code
        assert len(set(rule.stages)) == len(rule.stages), rule.code
    assert {stage for rule in RULES.values() for stage in rule.stages} == stages


def test_diagnostics_doc_is_current_and_documents_every_code() -> None:
    doc = (REPO / "docs/diagnostics.md").read_text(encoding="utf-8")
    assert doc == render_diagnostics_doc()
    for code, rule in RULES.items():
        assert f"### {code}: {rule.summary}" in doc


def test_every_rule_is_fully_documented() -> None:
    for rule in RULES.values():
        assert rule.summary and rule.why and rule.example and rule.fix
