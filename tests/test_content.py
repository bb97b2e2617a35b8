"""Dogfood: the shipped series validates clean and its committed outputs are current."""

from __future__ import annotations

import json
import unicodedata

import jsonschema

from tests.conftest import REPO, run_cli


def test_series_validates_clean_with_no_warnings() -> None:
    result = run_cli("validate", "--strict", "--root", str(REPO))
    assert result.code == 0, result
    assert result.out.startswith("0 errors, 0 warnings in ")


def test_committed_outputs_are_current() -> None:
    result = run_cli("build", "--check", "--root", str(REPO))
    assert result.code == 0, result


def test_exported_schemas_and_generated_docs_are_current() -> None:
    result = run_cli("schema", "--check", "--root", str(REPO))
    assert result.code == 0, result


def test_committed_metadata_matches_committed_schema() -> None:
    schema = json.loads((REPO / "schema/metadata.schema.json").read_text(encoding="utf-8"))
    data = json.loads((REPO / "data/vlm/metadata.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert [a["order"] for a in data["articles"]] == list(range(1, 15))
    assert len(data["phases"]) == 5 and len(data["tiers"]) == 4


def test_prerequisites_form_a_graph_not_a_chain() -> None:
    data = json.loads((REPO / "data/vlm/metadata.json").read_text(encoding="utf-8"))
    articles = data["articles"]
    assert any(len(a["prerequisites"]) >= 2 for a in articles)
    assert any(len(a["dependents"]) >= 2 for a in articles)
    position = {slug: i for i, slug in enumerate(data["readingOrder"])}
    for article in articles:
        for prerequisite in article["readingPath"]:
            assert position[prerequisite] < position[article["slug"]]


def test_articles_are_nfc_vietnamese() -> None:
    for path in sorted((REPO / "content/vlm").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path.name
