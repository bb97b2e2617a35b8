"""Dogfood: the shipped series passes what an author runs, and so does a series grown by `new`.

These tests know nothing of today's articles (their number, titles or eras): every rule the
content follows is a `validate` rule with a code. `content_checks` also runs on a copy of
the repository that gained an article through `new`.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import REPO, run_cli


def validates_without_errors(root: Path) -> None:
    """`validate` as an author runs it: errors fail, warnings do not."""
    result = run_cli("validate", "--root", str(root))
    assert result.code == 0, result


def outputs_are_current(root: Path) -> None:
    result = run_cli("build", "--check", "--root", str(root))
    assert result.code == 0, result


def metadata_matches_the_schema(root: Path) -> None:
    schema = json.loads((REPO / "schema/metadata.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for path in _metadata_files(root):
        validator.validate(json.loads(path.read_text(encoding="utf-8")))


def reading_paths_follow_the_reading_order(root: Path) -> None:
    for path in _metadata_files(root):
        data = json.loads(path.read_text(encoding="utf-8"))
        position = {slug: i for i, slug in enumerate(data["readingOrder"])}
        assert sorted(position) == sorted(a["slug"] for a in data["articles"])
        for article in data["articles"]:
            for prerequisite in article["readingPath"]:
                assert position[prerequisite] < position[article["slug"]]


def metadata_is_canonical_json(root: Path) -> None:
    """Two-space indent, UTF-8 without escapes, trailing newline: as json.dumps writes it."""
    for path in _metadata_files(root):
        text = path.read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def _metadata_files(root: Path) -> list[Path]:
    configs = sorted((root / "content").glob("*/series.yaml"))
    found = [
        root / m.group(1)
        for config in configs
        if (m := re.search(r"(?m)^\s+metadata:\s*(\S+)", config.read_text(encoding="utf-8")))
    ]
    assert len(found) == len(configs) > 0
    return found


CONTENT_CHECKS: list[Callable[[Path], None]] = [
    validates_without_errors,
    outputs_are_current,
    metadata_matches_the_schema,
    reading_paths_follow_the_reading_order,
    metadata_is_canonical_json,
]


@pytest.mark.parametrize("check", CONTENT_CHECKS, ids=lambda c: c.__name__)
def test_shipped_series(check: Callable[[Path], None]) -> None:
    check(REPO)


def test_exported_schemas_and_generated_docs_are_current() -> None:
    result = run_cli("schema", "--check", "--root", str(REPO))
    assert result.code == 0, result


def _copy_of_repository(target: Path) -> Path:
    skip = shutil.ignore_patterns(".git", ".venv", ".cache", "*_cache", "__pycache__", "tests")
    return Path(shutil.copytree(REPO, target, symlinks=True, ignore=skip))


def _filled(text: str) -> str:
    """The scaffold as an author leaves it: TODOs written, no longer a draft."""
    text = text.replace("\ndraft: true\n", "\n")
    text = text.replace('excerpt: "TODO: ', 'excerpt: "')
    return re.sub(r"(?m)^TODO: .*$", "Một đoạn văn do tác giả viết cho mục này.", text)


def test_a_new_article_keeps_every_content_check_passing(tmp_path: Path) -> None:
    root = _copy_of_repository(tmp_path / "repo")
    last = max((root / "content/vlm").glob("[0-9][0-9]-*.md"))
    after = last.stem.split("-", 1)[1]
    number = int(last.stem[:2]) + 1
    made = run_cli(
        "new",
        "--root",
        str(root),
        "--title",
        f"Bài kiểm thử số {number}: Video–LLM",
        "--after",
        after,
        "--date",
        "2025-06-01",
    )
    assert made.code == 0, made
    for check in CONTENT_CHECKS:
        check(root)
    article = root / f"content/vlm/{number:02d}-bai-kiem-thu-so-{number}-video-llm.md"
    article.write_text(_filled(article.read_text(encoding="utf-8")), encoding="utf-8")
    built = run_cli("build", "--root", str(root))
    assert built.code == 0, built
    for check in CONTENT_CHECKS:
        check(root)
    published = json.loads((root / "data/vlm/metadata.json").read_text(encoding="utf-8"))
    assert published["articles"][-1]["order"] == number
    roadmap = (root / published["series"]["roadmap"]).read_text(encoding="utf-8")
    assert f"**{len(published['articles'])} bài**" in roadmap
