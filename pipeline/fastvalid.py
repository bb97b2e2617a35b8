"""A fast accept-only validator: front matter and series configs without importing Pydantic.

Pydantic stays the source of truth: it defines the models, exports `schema/*.schema.json`,
and explains every rejected file. Importing it and building its validators costs about
100 ms, more than the rest of a run on the real series, so valid files take this path:
`accept` checks a YAML value against the exported JSON Schema (only the keywords Pydantic
emits for our models) plus the models' own validators listed in `RULES`, and returns the
same values Pydantic would, as `Record`s. It answers None whenever it is not sure
(an unknown keyword, a line break in a string checked by a pattern): the
caller then validates with Pydantic. `tests/test_fastvalid.py` proves that whatever this
accepts, Pydantic accepts with equal values.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
ANNOTATIONS = frozenset({"title", "description", "examples", "default", "$schema", "$defs"})
KNOWN = ANNOTATIONS | {
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minItems",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "anyOf",
    "$ref",
}
_TYPES: dict[str, type] = {
    "string": str,
    "integer": int,
    "boolean": bool,
    "array": list,
    "object": dict,
    "null": type(None),
}
_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


class Record(SimpleNamespace):
    """A validated model's fields as plain attributes (snake_case names, nested Records)."""


class Unsure(Exception):
    """The value may or may not be valid: let Pydantic decide."""


def snake(alias: str) -> str:
    """`readingTime` -> `reading_time` (the inverse of the models' camelCase aliases)."""
    return _CAMEL.sub(r"_\1", alias).lower()


def _before_date(record: Record) -> bool:
    """`ArticleFrontMatter`: `updated` and every `updates[].date` come on or after `date`."""
    added = record.date
    if record.updated is not None and record.updated < added:
        return False
    return all(entry.date >= added for entry in record.updates)


# The models' own validators (beyond their JSON Schema), by schema title. A test checks
# that these are exactly the validators the Pydantic models declare.
RULES: dict[str, Callable[[Record], bool]] = {"Article front matter": _before_date}
RULE_VALIDATORS = {"Article front matter": ("_updated_after_date", "_updates_after_date")}


@cache
def load_schema(name: str) -> dict[str, Any] | None:
    """An exported schema (`article`, `series`), or None when this module cannot use it."""
    try:
        schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return schema if isinstance(schema, dict) and _supported(schema) else None


def _supported(node: Any) -> bool:
    """Whether every keyword of a schema node (and of the nodes inside it) is understood."""
    if not isinstance(node, dict) or not set(node) <= KNOWN:
        return False
    inner = [*node.get("properties", {}).values(), *node.get("$defs", {}).values()]
    inner += [*node.get("anyOf", []), *([node["items"]] if "items" in node else [])]
    return all(_supported(child) for child in inner)


def accept(name: str, value: Any) -> Record | None:
    """The validated record when `value` is certainly valid against schema `name`, else None."""
    schema = load_schema(name)
    if schema is None:
        return None
    try:
        result = _check(schema, value, schema.get("$defs", {}))
    except Unsure:
        return None
    return result if isinstance(result, Record) else None


def _check(node: dict[str, Any], value: Any, defs: dict[str, Any]) -> Any:
    if "$ref" in node:
        return _check(defs[node["$ref"].rsplit("/", 1)[-1]], value, defs)
    if "anyOf" in node:
        for option in node["anyOf"]:
            try:
                return _check(option, value, defs)
            except Unsure:
                continue
        raise Unsure
    kind = node.get("type")
    if not _has_type(value, kind):
        raise Unsure
    if kind == "string":
        return _string(node, value)
    if kind == "integer":
        if value < node.get("minimum", value) or value > node.get("maximum", value):
            raise Unsure
        return value
    if kind == "array":
        if len(value) < node.get("minItems", 0):
            raise Unsure
        return [_check(node["items"], item, defs) for item in value]
    if kind == "object":
        return _object(node, value, defs)
    return value


def _has_type(value: Any, kind: Any) -> bool:
    """Strict JSON types: a bool is not an integer, a subclass is not the type."""
    return kind in _TYPES and type(value) is _TYPES[kind]


def _string(node: dict[str, Any], value: str) -> str:
    if not node.get("minLength", 0) <= len(value) <= node.get("maxLength", len(value)):
        raise Unsure
    pattern = node.get("pattern")
    # re.ASCII makes \d and \w stricter than Pydantic's Unicode classes, and a line break
    # is refused because Python's `$` also matches before a final newline: both only make
    # this validator say "unsure" more often, never accept more.
    if pattern is not None and ("\n" in value or _regex(pattern).search(value) is None):
        raise Unsure
    if node.get("format") == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise Unsure from None
    elif "format" in node:
        raise Unsure
    return value


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


def _object(node: dict[str, Any], value: dict[Any, Any], defs: dict[str, Any]) -> Record:
    properties: dict[str, Any] = node.get("properties", {})
    if node.get("additionalProperties") is not False or not set(value) <= set(properties):
        raise Unsure
    if not set(node.get("required", ())) <= set(value):
        raise Unsure
    fields: dict[str, Any] = {}
    for alias, spec in properties.items():
        if alias in value:
            fields[snake(alias)] = _check(spec, value[alias], defs)
        else:
            fields[snake(alias)] = _default(spec, defs)
    record = Record(**fields)
    rule = RULES.get(node.get("title", ""))
    if rule is not None and not rule(record):
        raise Unsure
    return record


def _default(spec: dict[str, Any], defs: dict[str, Any]) -> Any:
    """The value Pydantic fills in for an absent optional key."""
    if "default" in spec:
        return json.loads(json.dumps(spec["default"]))  # a fresh copy
    if spec.get("type") == "array":
        return []
    if "$ref" in spec:
        return _check(spec, {}, defs)
    raise Unsure


def to_record(value: Any) -> Any:
    """A model's `model_dump()` (snake_case names) as Records, e.g. from the cache."""
    kind = type(value)
    if kind is dict:
        return Record(**{k: to_record(v) if type(v) in _NESTED else v for k, v in value.items()})
    if kind is list:
        # lists of the models are homogeneous: only lists of objects need converting
        return [to_record(v) for v in value] if value and type(value[0]) is dict else value
    return value


_NESTED = (dict, list)


def from_record(value: Any) -> Any:
    """The inverse of `to_record`: plain JSON values."""
    if isinstance(value, Record):
        return {k: from_record(v) for k, v in vars(value).items()}
    if isinstance(value, list):
        return [from_record(v) for v in value]
    return value
