"""build: determinism, atomicity, nothing written on error, the changelog's hand-written text."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core import writer
from pipeline.domain import metadata as domain_metadata
from pipeline.render import metadata
from pipeline.render.jsonschema import EXPORTS, json_schema
from schema.metadata import SCHEMA_VERSION, Metadata
from tests.conftest import run_cli

Sample = Callable[[str, str], Path]
OUTPUTS = ("data/demo/metadata.json", "docs/changelog.md")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {rel: (root / rel).read_bytes() for rel in OUTPUTS}


def test_two_builds_are_byte_identical(sample: Sample) -> None:
    root = sample("LNK001", "pass")
    assert run_cli("build", "--root", str(root)).code == 0
    first = _snapshot(root)
    second = run_cli("build", "--root", str(root))
    assert second.code == 0
    assert _snapshot(root) == first
    assert "data/demo/metadata.json unchanged" in second.err


def test_error_leaves_previous_outputs_untouched(sample: Sample) -> None:
    root = sample("LNK001", "pass")
    assert run_cli("build", "--root", str(root)).code == 0
    before = _snapshot(root)
    article = root / "content/demo/02-hai.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n[x](khong-co.md)\n", "utf-8")
    result = run_cli("build", "--root", str(root))
    assert result.code == 1
    assert "LNK001" in result.out
    assert "nothing written" in result.err
    assert _snapshot(root) == before


def test_nothing_is_written_on_error_even_the_first_time(sample: Sample) -> None:
    root = sample("GR001", "fail")
    assert run_cli("build", "--root", str(root)).code == 1
    assert not (root / "data").exists()
    assert not (root / "docs").exists()


def test_metadata_matches_its_exported_schema(sample: Sample) -> None:
    root = sample("GR005", "pass")
    assert run_cli("build", "--root", str(root)).code == 0
    data = json.loads((root / "data/demo/metadata.json").read_text(encoding="utf-8"))
    model, mode = EXPORTS["schema/metadata.schema.json"]
    jsonschema.Draft202012Validator(json_schema(model, mode)).validate(data)
    ba = data["articles"][2]
    assert ba["slug"] == "ba"
    assert ba["readingPath"] == ["mot", "hai"]
    assert data["articles"][0]["dependents"] == ["hai"]
    assert data["readingOrder"] == ["mot", "hai", "ba"]
    assert data["articles"][1]["headings"] == [{"level": 1, "text": "Hai", "id": "hai"}]


def test_metadata_is_what_the_pydantic_model_writes(sample: Sample) -> None:
    """Built from plain values, the file still has the model's fields in the model's order."""
    root = sample("GR005", "pass")
    assert run_cli("build", "--root", str(root)).code == 0
    text = (root / "data/demo/metadata.json").read_text(encoding="utf-8")
    model = Metadata.model_validate_json(text)
    assert model.model_dump_json(by_alias=True, indent=2) + "\n" == text
    assert SCHEMA_VERSION == domain_metadata.SCHEMA_VERSION


def test_changelog_keeps_hand_written_text_and_newline_style(sample: Sample) -> None:
    root = sample("LNK001", "pass")
    changelog = root / "docs/changelog.md"
    changelog.parent.mkdir(parents=True)
    changelog.write_bytes(b"# Nh\xe1\xba\xadt k\xc3\xbd\r\n\r\nVi\xe1\xba\xbft tay.\r\n")
    assert run_cli("build", "--root", str(root)).code == 0
    first = changelog.read_bytes()
    assert first.startswith(b"# Nh\xe1\xba\xadt k\xc3\xbd\r\n\r\nVi\xe1\xba\xbft tay.\r\n\r\n")
    assert b"\r\n## 2025-01-01\r\n" in first and b"\n\n" not in first
    text = first.decode("utf-8") + "\r\nGhi chú cuối, viết tay.\r\n"
    changelog.write_bytes(text.encode("utf-8"))
    assert run_cli("build", "--root", str(root)).code == 0
    assert changelog.read_bytes() == text.encode("utf-8")


def test_changelog_lists_additions_and_changes_newest_first(sample: Sample) -> None:
    root = sample("LNK001", "pass")
    article = root / "content/demo/02-hai.md"
    text = article.read_text(encoding="utf-8").replace(
        "notebooks:",
        'updated: "2025-02-01"\nupdates: [{date: "2025-02-01", summary: "Sửa ví dụ."}]\nnotebooks:',
    )
    article.write_text(text, encoding="utf-8")
    assert run_cli("build", "--root", str(root)).code == 0
    changelog = (root / "docs/changelog.md").read_text(encoding="utf-8")
    assert changelog.index("## 2025-02-01") < changelog.index("## 2025-01-01")
    assert "- [Hai: tiếp theo](../content/demo/02-hai.md): Sửa ví dụ." in changelog


def test_crash_during_write_keeps_the_old_file(
    sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = sample("LNK001", "pass")
    assert run_cli("build", "--root", str(root)).code == 0
    before = _snapshot(root)
    article = root / "content/demo/01-mot.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nThêm một câu.\n", "utf-8")

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, "replace", crash)
    result = run_cli("build", "--root", str(root))
    assert result.code == 2
    assert result.err.startswith("error: No space left on device")
    assert _snapshot(root) == before
    leftovers = [p.name for p in (root / "data/demo").iterdir()]
    assert leftovers == ["metadata.json"]


def test_output_folder_that_cannot_be_created_is_exit_2(sample: Sample) -> None:
    root = sample("LNK001", "pass")
    (root / "data").write_text("a file where a folder should be\n", encoding="utf-8")
    result = run_cli("build", "--root", str(root))
    assert result.code == 2
    assert result.err.startswith("error: ")


def test_written_file_keeps_ordinary_permissions(sample: Sample) -> None:
    root = sample("LNK001", "pass")
    assert run_cli("build", "--root", str(root)).code == 0
    mode = os.stat(root / "data/demo/metadata.json").st_mode & 0o777
    assert mode == 0o644


_LEAF = st.one_of(st.none(), st.booleans(), st.integers(-(10**15), 10**15), st.text())
_TREE = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=24,
)


@settings(max_examples=300)
@given(_TREE)
def test_metadata_writer_is_json_dumps_with_two_space_indent(value: object) -> None:
    expected = (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    assert metadata.render_json(value, large=True) == expected
    assert metadata.render_json(value, large=False) == expected


def test_reading_time_auto_publishes_the_estimate(sample: Sample) -> None:
    root = sample("FM006", "fail")  # `readingTime: 30` on a one-minute text: FM006
    article = root / "content/demo/01-mot.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("readingTime: 30", "readingTime: auto"), encoding="utf-8")
    validated = run_cli("validate", "--root", str(root))
    assert validated.code == 0 and "FM006" not in validated.out, validated
    assert run_cli("build", "--root", str(root)).code == 0
    data = json.loads((root / "data/demo/metadata.json").read_text(encoding="utf-8"))
    info = next(a for a in data["articles"] if a["path"] == "content/demo/01-mot.md")
    assert info["readingTime"] == info["readingTimeEstimate"] == 1
