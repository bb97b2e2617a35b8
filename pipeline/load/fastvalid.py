"""A fast accept-only validator: front matter and series configs without importing Pydantic.

Pydantic stays the source of truth: it defines the models, exports `schema/*.schema.json`,
and explains every rejected file. Importing it and building its validators costs about
100 ms, more than the rest of a run on the real series, so valid files take this path:
`accept` checks a YAML value against the exported JSON Schema (only the keywords Pydantic
emits for our models) plus the models' own validators listed in `RULES`, and returns the
same plain values as Pydantic's `model_dump()` (snake_case names, defaults filled in), which
the caller turns into the records of `pipeline.core.records`. It answers None whenever it
is not sure (an unknown keyword, a line break in a string checked by a pattern): the
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
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"
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
    "const",
    "$ref",
    "enum",
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


class Unsure(Exception):
    """The value may or may not be valid: let Pydantic decide."""


def snake(alias: str) -> str:
    """`readingTime` -> `reading_time` (the inverse of the models' camelCase aliases)."""
    return _CAMEL.sub(r"_\1", alias).lower()


def _before_date(values: dict[str, Any]) -> bool:
    """`ArticleFrontMatter`: `updated` and every `updates[].date` come on or after `date`."""
    added = values["date"]
    if values["updated"] is not None and values["updated"] < added:
        return False
    return all(entry["date"] >= added for entry in values["updates"])


# The models' own validators (beyond their JSON Schema), by schema title. A test checks
# that these are exactly the validators the Pydantic models declare.
RULES: dict[str, Callable[[dict[str, Any]], bool]] = {"Article front matter": _before_date}
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


def accept(name: str, value: Any) -> dict[str, Any] | None:
    """The validated values (as `model_dump()` gives them) when `value` is certainly valid
    against schema `name`, else None."""
    validator = _validator(name)
    if validator is None:
        return None
    try:
        result = validator(value)
    except Unsure:
        return None
    return result if isinstance(result, dict) else None


Validator = Callable[[Any], Any]  # returns the validated value or raises Unsure


@cache
def _validator(name: str) -> Validator | None:
    """Schema `name` compiled once into nested closures (no keyword lookups per value)."""
    schema = load_schema(name)
    return None if schema is None else _compile(schema, schema.get("$defs", {}))


def _compile(node: dict[str, Any], defs: dict[str, Any]) -> Validator:
    if "$ref" in node:
        return _compile(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
    if "anyOf" in node:
        return _any_of([_compile(option, defs) for option in node["anyOf"]])
    if "const" in node:
        return _const(node["const"])
    if "enum" in node:
        return _one_of(node["enum"])
    kind = node.get("type")
    if kind == "string":
        return _string(node)
    if kind == "integer":
        return _integer(node.get("minimum"), node.get("maximum"))
    if kind == "array":
        return _array(_compile(node["items"], defs), node.get("minItems", 0))
    if kind == "object":
        return _object(node, defs)
    if kind in ("boolean", "null"):
        return _exactly(_TYPES[kind])
    return _never


def _never(value: Any) -> Any:
    raise Unsure


def _exactly(kind: type) -> Validator:
    """Strict JSON types: a bool is not an integer, a subclass is not the type."""

    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise Unsure
        return value

    return check


def _const(expected: Any) -> Validator:
    """Exactly this JSON value (a string or integer `Literal` of the models)."""
    kind = type(expected)

    def check(value: Any) -> Any:
        if type(value) is not kind or value != expected:
            raise Unsure
        return value

    return check


def _one_of(allowed: list[Any]) -> Validator:
    """A `Literal` of texts: one of them exactly (a text only: `True == 1` in Python)."""
    texts = frozenset(v for v in allowed if type(v) is str)
    if len(texts) != len(allowed):
        return _never

    def check(value: Any) -> Any:
        if type(value) is not str or value not in texts:
            raise Unsure
        return value

    return check


def _any_of(options: list[Validator]) -> Validator:
    def check(value: Any) -> Any:
        for option in options:
            try:
                return option(value)
            except Unsure:
                continue
        raise Unsure

    return check


def _integer(low: int | None, high: int | None) -> Validator:
    def check(value: Any) -> Any:
        if type(value) is not int:
            raise Unsure
        if (low is not None and value < low) or (high is not None and value > high):
            raise Unsure
        return value

    return check


def _array(item: Validator, shortest: int) -> Validator:
    def check(value: Any) -> Any:
        if type(value) is not list or len(value) < shortest:
            raise Unsure
        return [item(entry) for entry in value]

    return check


def _string(node: dict[str, Any]) -> Validator:
    shortest, longest = node.get("minLength", 0), node.get("maxLength")
    pattern = re.compile(node["pattern"], re.ASCII) if "pattern" in node else None
    form = node.get("format")
    if form not in (None, "date"):
        return _never

    def check(value: Any) -> Any:
        if type(value) is not str or len(value) < shortest:
            raise Unsure
        if longest is not None and len(value) > longest:
            raise Unsure
        # re.ASCII makes \d and \w stricter than Pydantic's Unicode classes, and a line
        # break is refused because Python's `$` also matches before a final newline: both
        # only make this validator say "unsure" more often, never accept more.
        if pattern is not None and ("\n" in value or pattern.search(value) is None):
            raise Unsure
        if form == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise Unsure from None
        return value

    return check


def _object(node: dict[str, Any], defs: dict[str, Any]) -> Validator:
    properties: dict[str, Any] = node.get("properties", {})
    if node.get("additionalProperties") is not False:
        return _never
    known = frozenset(properties)
    required = frozenset(node.get("required", ()))
    fields = [
        (alias, snake(alias), _compile(spec, defs), _default(spec, defs))
        for alias, spec in properties.items()
    ]
    rule = RULES.get(node.get("title", ""))

    def check(value: Any) -> Any:
        if type(value) is not dict or not known.issuperset(value):
            raise Unsure
        if not required.issubset(value):
            raise Unsure
        values: dict[str, Any] = {}
        for alias, name, validate, default in fields:
            if alias in value:
                values[name] = validate(value[alias])
            else:
                values[name] = default()
        if rule is not None and not rule(values):
            raise Unsure
        return values

    return check


def _default(spec: dict[str, Any], defs: dict[str, Any]) -> Callable[[], Any]:
    """What Pydantic fills in for an absent optional key (a fresh value each time)."""
    if "default" in spec:
        value = spec["default"]
        if isinstance(value, list | dict):
            text = json.dumps(value)
            return lambda: json.loads(text)
        return lambda: value
    if spec.get("type") == "array":
        return list
    if "$ref" in spec:
        nested = _compile(spec, defs)
        return lambda: nested({})
    return _absent


def _absent() -> Any:
    raise Unsure
