"""The fast validator never accepts what Pydantic rejects, and returns Pydantic's values."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from pipeline.core.records import (
    FrontMatter,
    front_matter_from_json,
    record_to_json,
    series_config_from_json,
)
from pipeline.core.records import (
    SeriesConfig as ConfigRecord,
)
from pipeline.load import fastvalid
from pipeline.load.fastvalid import accept
from pipeline.load.frontmatter import split_front_matter
from pipeline.load.modelcheck import MODELS, model_class
from pipeline.load.yamlparse import UnquotedDate, load_yaml_mapping
from schema.article import ArticleFrontMatter
from schema.series import SeriesConfig
from tests.conftest import run_python

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "content" / "vlm").glob("*.md"))
FRONT: dict[str, Any] = {
    "title": "Bài thử",
    "date": "2025-03-21",
    "category": "vision-language-models",
    "tags": ["clip", "vlm"],
    "excerpt": "Một câu.",
    "author": "Tác giả",
    "readingTime": 12,
    "series": "vlm",
    "order": 3,
    "phase": "origins",
    "prerequisites": ["a-b"],
    "code": ["code/vlm/clip/model.py::CLIP"],
    "notebooks": ["notebooks/vlm/01.ipynb"],
    "updated": "2025-04-01",
    "updates": [{"date": "2025-04-01", "summary": "Sửa lỗi."}],
}
CONFIG: dict[str, Any] = {
    "id": "vlm",
    "title": "Series",
    "description": "Mô tả.",
    "roadmap": "content/vlm/00-roadmap.md",
    "articleCount": 2,
    "phases": [{"id": "origins", "title": "Khởi nguyên", "years": "2015–2019"}],
    "tiers": [{"id": "nen-tang", "title": "Nền tảng", "articles": ["a-b"]}],
    "outputs": {"metadata": "data/vlm/metadata.json", "changelog": "docs/changelog.md"},
    "orthography": {"tonePlacement": "old", "glossary": [{"use": "tỉ", "avoid": ["tỷ"]}]},
}
# Values that probe every keyword: wrong types, bools as numbers, bounds, bad patterns,
# impossible dates, line breaks, Unicode digits and letters, empty containers.
ODD_VALUES = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        1,
        -1,
        600,
        601,
        9999,
        10_000,
        1.5,
        "",
        "a",
        "a-b",
        "A-b",
        "a--b",
        "a" * 81,
        "2025-02-30",
        "2025-03-21",
        "2025-03-21\n",
        "2024-01-01",
        "２０２５-03-21",
        "2015-2019",
        "2015–2019",
        "/abs/path",
        "code/x.py::Bad-Name",
        "code/x.py::ok_name",
        "tiếng-việt",
        "auto",
        "Auto",
        [],
        ["a-b"],
        ["A"],
        [1],
        {},
        {"date": "2025-04-01", "summary": "x"},
        [{"date": "2024-01-01", "summary": "x"}],
        [{"date": "2025-04-01", "summary": ""}],
        [{"date": "2025-04-01", "summary": "x", "extra": 1}],
        # what the YAML loader makes of unquoted dates, and whole numbers with a decimal point
        UnquotedDate("2025-03-21"),
        UnquotedDate("2025-04-01"),
        [UnquotedDate("2025-04-01")],
        [{"date": UnquotedDate("2025-04-01"), "summary": "x"}],
        10.0,
        12.0,
        # control characters in one-line text
        "a\rb",
        "a\r\nb",
        "a\x00b",
        "a\tb",
        "a\u2028b",
        "a\x85b",
        "a\x7fb",
        "code/x\r.py",
        "notebooks/\x85x.ipynb",
        # orthography settings: the two placements, near misses, glossary entries
        "old",
        "new",
        "Old",
        "cũ",
        {"tonePlacement": "new"},
        {"tonePlacement": "mới"},
        {"tonePlacement": True},
        {"glossary": []},
        [{"use": "tỉ", "avoid": ["tỷ"]}],
        [{"use": "tỉ", "avoid": []}],
        [{"use": "tỉ"}],
        [{"use": "", "avoid": ["tỷ"]}],
        [{"use": "tỉ", "avoid": ["a\tb"]}],
    ]
)


RECORDS = {"article": front_matter_from_json, "series": series_config_from_json}
NAMES = {ArticleFrontMatter: "article", SeriesConfig: "series"}


def _pydantic(model: type[BaseModel], value: Any) -> FrontMatter | ConfigRecord | None:
    """Pydantic's values as the pipeline's records, or None when it rejects the value."""
    try:
        return RECORDS[NAMES[model]](model.model_validate(value).model_dump(by_alias=False))
    except ValidationError:
        return None


def _fast(name: str, value: Any) -> FrontMatter | ConfigRecord | None:
    """The fast validator's values as the pipeline's records, or None when it is unsure."""
    values = accept(name, value)
    return None if values is None else RECORDS[name](values)


def _mutated(base: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    value = copy.deepcopy(base)
    keys = sorted(value)
    for _ in range(data.draw(st.integers(0, 3))):
        action = data.draw(st.sampled_from(["drop", "set", "add", "nested"]))
        key = data.draw(st.sampled_from(keys))
        if action == "drop":
            value.pop(key, None)
        elif action == "set":
            value[key] = data.draw(ODD_VALUES)
        elif action == "add":
            value[data.draw(st.sampled_from(["extra", "reading_time", "Title"]))] = 1
        elif isinstance(value.get(key), list) and value[key]:
            item = value[key][0]
            if isinstance(item, dict) and item:
                item[data.draw(st.sampled_from(sorted(item)))] = data.draw(ODD_VALUES)
            else:
                value[key][0] = data.draw(ODD_VALUES)
    return value


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_front_matter_accepted_only_when_pydantic_accepts_with_equal_values(
    data: st.DataObject,
) -> None:
    value = _mutated(FRONT, data)
    fast = _fast("article", value)
    if fast is not None:
        assert fast == _pydantic(ArticleFrontMatter, value)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_orthography_settings_accepted_only_when_pydantic_accepts_with_equal_values(
    data: st.DataObject,
) -> None:
    value = copy.deepcopy(CONFIG)
    value["orthography"] = _mutated(CONFIG["orthography"], data)
    fast = _fast("series", value)
    if fast is not None:
        assert fast == _pydantic(SeriesConfig, value)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_series_config_accepted_only_when_pydantic_accepts_with_equal_values(
    data: st.DataObject,
) -> None:
    value = _mutated(CONFIG, data)
    fast = _fast("series", value)
    if fast is not None:
        assert fast == _pydantic(SeriesConfig, value)


def test_valid_samples_take_the_fast_path_with_defaults_filled() -> None:
    assert _fast("article", FRONT) == _pydantic(ArticleFrontMatter, FRONT)
    auto = {**FRONT, "readingTime": "auto"}
    record = _fast("article", auto)
    assert record is not None and record == _pydantic(ArticleFrontMatter, auto)
    minimal = {k: v for k, v in FRONT.items() if k not in ("phase", "code", "updates", "updated")}
    record = _fast("article", minimal)
    assert record is not None and record == _pydantic(ArticleFrontMatter, minimal)
    assert isinstance(record, FrontMatter)
    assert (record.phase, record.code, record.featured, record.draft) == (None, (), False, False)
    config = _fast("series", CONFIG)
    assert isinstance(config, ConfigRecord) and config == _pydantic(SeriesConfig, CONFIG)
    assert config.limits.max_file_bytes == 1_000_000 and config.outputs.graph is None


@pytest.mark.parametrize(
    "change",
    [
        {"readingTime": True},
        {"readingTime": "Auto"},
        {"readingTime": "1"},
        {"order": "3"},
        {"date": "2025-02-30"},
        {"date": "2025-03-21\n"},
        {"updated": "2025-01-01"},
        {"updates": [{"date": "2024-01-01", "summary": "x"}]},
        {"tags": []},
        {"extra": 1},
        {"date": UnquotedDate("2025-03-21")},
        {"updated": UnquotedDate("2025-04-01")},
        {"updates": [{"date": UnquotedDate("2025-04-01"), "summary": "x"}]},
        {"readingTime": 12.0},
        {"order": 3.0},
        {"title": "a\rb"},
        {"title": "a\x00b"},
        {"excerpt": "a\nb"},
        {"author": "a\u2029b"},
        {"updates": [{"date": "2025-04-01", "summary": "a\r\nb"}]},
        {"notebooks": ["notebooks/vlm/01\r.ipynb"]},
        {"code": ["code/vlm/clip/model.py\x00::CLIP"]},
    ],
)
def test_invalid_samples_are_left_to_pydantic(change: dict[str, Any]) -> None:
    value = {**FRONT, **change}
    assert _fast("article", value) is None
    assert _pydantic(ArticleFrontMatter, value) is None


@pytest.mark.parametrize(
    ("yaml_text", "key", "value"),
    [
        ("date: 2025-03-21", "date", UnquotedDate("2025-03-21")),
        ('date: "2025-03-21"', "date", "2025-03-21"),
        ("readingTime: 12.0", "readingTime", 12.0),
    ],
)
def test_both_paths_see_what_the_loader_makes_of_a_value(
    yaml_text: str, key: str, value: Any
) -> None:
    loaded, _ = load_yaml_mapping(yaml_text + "\n", "f.md")
    assert loaded.value == {key: value}
    sample = {**FRONT, key: value}
    fast, slow = _fast("article", sample), _pydantic(ArticleFrontMatter, sample)
    assert (fast is None, slow is None) == ((False, False) if type(value) is str else (True, True))


def test_control_characters_are_refused_in_one_line_text_but_line_breaks_kept_in_paragraphs() -> (
    None
):
    config = {**CONFIG, "description": "Dòng một.\nDòng hai."}
    assert _pydantic(SeriesConfig, config) is not None
    assert _pydantic(SeriesConfig, {**CONFIG, "description": "a\x00b"}) is None
    assert _pydantic(SeriesConfig, {**CONFIG, "title": "a\nb"}) is None


def test_every_article_of_the_series_takes_the_fast_path() -> None:
    for path in ARTICLES:
        split = split_front_matter(path.read_text(encoding="utf-8"))
        assert split.yaml is not None
        value = load_yaml_mapping(split.yaml, path.name, first_line=2).value.value
        record = _fast("article", value)
        assert record is not None, path.name
        assert record == _pydantic(ArticleFrontMatter, value)
    config = load_yaml_mapping(
        (ROOT / "content/vlm/series.yaml").read_text("utf-8"), "s"
    ).value.value
    assert _fast("series", config) == _pydantic(SeriesConfig, config)


def _validator_functions(schema: Any) -> set[str]:
    """Names of the Python functions a Pydantic core schema calls while validating."""
    found: set[str] = set()
    if isinstance(schema, dict):
        if str(schema.get("type", "")).startswith("function-"):
            function = schema["function"]
            found.add(getattr(function.get("function"), "__name__", repr(function)))
        for value in schema.values():
            found |= _validator_functions(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= _validator_functions(value)
    return found


def test_the_models_declare_no_validator_the_fast_path_does_not_know() -> None:
    known = {"_real_date"}  # the `format: date` keyword
    known |= {name for names in fastvalid.RULE_VALIDATORS.values() for name in names}
    for name in MODELS:
        model = model_class(name)
        model.model_rebuild()
        assert _validator_functions(model.__pydantic_core_schema__) <= known
    declared = ArticleFrontMatter.__pydantic_decorators__.field_validators
    assert set(declared) == set(fastvalid.RULE_VALIDATORS["Article front matter"])
    assert not SeriesConfig.__pydantic_decorators__.field_validators


def test_an_unknown_schema_keyword_turns_the_fast_path_off(tmp_path: Path) -> None:
    schema = json.loads((ROOT / "schema/article.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["title"]["uniqueItems"] = True
    (tmp_path / "article.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    original = fastvalid.SCHEMA_DIR
    fastvalid.load_schema.cache_clear()
    fastvalid._validator.cache_clear()
    try:
        fastvalid.SCHEMA_DIR = tmp_path
        assert fastvalid.load_schema("article") is None
        assert _fast("article", FRONT) is None
    finally:
        fastvalid.SCHEMA_DIR = original
        fastvalid.load_schema.cache_clear()
        fastvalid._validator.cache_clear()


def test_records_round_trip_through_plain_values() -> None:
    values = accept("series", CONFIG)
    assert values is not None
    record = series_config_from_json(values)
    assert record_to_json(record) == values
    assert series_config_from_json(record_to_json(record)) == record
    assert record_to_json(record)["limits"] == {"max_file_bytes": 1_000_000}
    front = _fast("article", FRONT)
    assert isinstance(front, FrontMatter) and front.updates[0].summary == "Sửa lỗi."
    assert front_matter_from_json(record_to_json(front)) == front


def test_validating_the_series_never_imports_pydantic() -> None:
    script = (
        "import sys; from pathlib import Path; from pipeline.commands.stages import validate_root; "
        "v = validate_root(Path(sys.argv[1])); assert not v.report.errors, v.report; "
        "from pipeline.commands.stages import render_outputs; render_outputs(Path(sys.argv[1]), v.corpus); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'schema')))"
    )
    assert run_python(script, str(ROOT)).strip() == "[]"
