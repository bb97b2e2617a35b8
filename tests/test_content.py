"""Dogfood: the shipped series validates clean and its committed outputs are current."""

from __future__ import annotations

import json
import re
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


def _code_section(text: str) -> str:
    section = text.split("## Mã nguồn đi kèm", 1)[1]
    return section.split("\n## ", 1)[0]


def test_code_excerpts_match_the_companion_code() -> None:
    """Every line of a Python excerpt in "Mã nguồn đi kèm" exists in the code it cites."""
    for path in sorted((REPO / "content/vlm").glob("[01][0-9]-*.md"))[1:]:
        text = path.read_text(encoding="utf-8")
        section = _code_section(text)
        cited = set(re.findall(r"\(\.\./\.\./(code/vlm/[^)#]+\.py)", section))
        listed = re.search(r"^code: (\[.*\])$", text, re.MULTILINE)
        assert listed, path.name
        cited |= {ref.split("::")[0] for ref in json.loads(listed.group(1))}
        source = {
            line.strip()
            for rel in cited
            for line in (REPO / rel).read_text(encoding="utf-8").splitlines()
        }
        blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
        assert blocks, f"{path.name} shows no code"
        for block in blocks:
            for line in block.splitlines():
                excerpt = line.strip()
                if excerpt and not excerpt.startswith(("#", "...", "…")):
                    assert excerpt in source, f"{path.name}: {excerpt!r}"


def test_metadata_is_canonical_json() -> None:
    """Two-space indent, UTF-8 without escapes, trailing newline: as json.dumps writes it."""
    text = (REPO / "data/vlm/metadata.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
