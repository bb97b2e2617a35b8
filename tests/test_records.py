"""Both validation paths give equal typed records on every sample repository, and the
records survive the cache's JSON form."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pipeline.core.records import (
    FrontMatter,
    SeriesConfig,
    front_matter_from_json,
    record_to_json,
    series_config_from_json,
)
from pipeline.load.fastvalid import accept
from pipeline.load.frontmatter import split_front_matter
from pipeline.load.modelcheck import model_class
from pipeline.load.yamlparse import load_yaml_mapping
from tests.conftest import FIXTURES, copy_tree
from tests.test_fixtures import CASES

ROOT = Path(__file__).resolve().parent.parent
RECORDS: dict[str, Callable[[dict[str, Any]], FrontMatter | SeriesConfig]] = {
    "article": front_matter_from_json,
    "series": series_config_from_json,
}


def _values(root: Path) -> Iterator[tuple[str, str, Any]]:
    """(schema name, file, YAML value) of every series config and front matter under root."""
    for path in sorted(root.glob("content/*/series.yaml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        yield "series", str(path), load_yaml_mapping(text, path.name).value.value
    for path in sorted(root.glob("content/*/*.md")):
        try:
            split = split_front_matter(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        if split.yaml is not None and split.closed:
            yield "article", str(path), load_yaml_mapping(split.yaml, path.name, 2).value.value


def _both(name: str, value: Any) -> tuple[Any, Any]:
    """The fast validator's record (None when unsure) and Pydantic's (None when invalid)."""
    fast = accept(name, value)
    try:
        dumped = model_class(name).model_validate(value).model_dump(by_alias=False)
    except ValidationError:
        dumped = None
    record = RECORDS[name]
    return (
        None if fast is None else record(fast),
        None if dumped is None else record(dumped),
    )


def test_both_paths_give_equal_records_on_every_sample_repository(tmp_path: Path) -> None:
    fast_count = slow_only = 0
    for index, (code, kind) in enumerate(CASES):
        root = copy_tree(FIXTURES / code / kind, tmp_path / str(index))
        for name, path, value in _values(root):
            fast, slow = _both(name, value)
            if fast is not None:
                assert fast == slow, path
                assert type(fast) is type(slow)
                assert RECORDS[name](json.loads(json.dumps(record_to_json(fast)))) == fast
                fast_count += 1
            elif slow is not None:
                slow_only += 1
    assert fast_count > len(CASES)  # most sample files take the fast path
    assert slow_only == 0  # and every valid one does


def test_the_real_series_validates_to_records() -> None:
    names = [name for name, _, _ in _values(ROOT)]
    assert "series" in names and "article" in names
    for name, path, value in _values(ROOT):
        fast, slow = _both(name, value)
        assert fast is not None and fast == slow, path
        assert isinstance(fast, FrontMatter | SeriesConfig)


def test_valid_articles_hold_front_matter_records(sample: Callable[[str, str], Path]) -> None:
    from pipeline.load.loader import load_corpus

    corpus = load_corpus(sample("FM005", "fail"))
    articles = [a for s in corpus.series for a in s.articles]
    valid = [a for s in corpus.series for a in s.valid_articles()]
    assert any(a.front is None for a in articles)
    assert valid == [a for a in articles if a.front is not None]
    assert all(isinstance(a.front, FrontMatter) for a in valid)


def _model_fields(model: Any) -> dict[str, Any]:
    """Field name -> the nested model it holds (None for a plain value), in order."""
    from pydantic import BaseModel

    def nested(annotation: Any) -> Any:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        return next(filter(None, map(nested, getattr(annotation, "__args__", ()))), None)

    return {name: nested(field.annotation) for name, field in model.model_fields.items()}


def test_records_have_the_models_fields_in_order() -> None:
    import pipeline.core.records as records

    pending = [(model_class("article"), FrontMatter), (model_class("series"), SeriesConfig)]
    while pending:
        model, record = pending.pop()
        fields = _model_fields(model)
        assert record._fields == tuple(fields), record.__name__
        for inner in filter(None, fields.values()):
            pending.append((inner, getattr(records, inner.__name__)))
