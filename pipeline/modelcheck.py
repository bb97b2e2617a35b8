"""Validating a loaded YAML mapping against a model, errors mapped to positions.

Valid values take the fast path of `pipeline.fastvalid`; Pydantic is imported only to
decide (and explain) the rest.
"""

from __future__ import annotations

import difflib
import importlib
from typing import TYPE_CHECKING, Any

from pipeline.codes import diag
from pipeline.diagnostics import Diagnostic
from pipeline.fastvalid import Record, accept, to_record
from pipeline.yamlload import YamlResult

if TYPE_CHECKING:
    from pydantic import BaseModel

# Schema name (`schema/<name>.schema.json`) -> the Pydantic model that defines it.
MODELS = {
    "article": ("schema.article", "ArticleFrontMatter"),
    "series": ("schema.series", "SeriesConfig"),
}


def model_class(name: str) -> type[BaseModel]:
    """The Pydantic model of a schema name (imported on first use)."""
    module, attribute = MODELS[name]
    model: type[BaseModel] = getattr(importlib.import_module(module), attribute)
    return model


def validate(
    name: str, loaded: YamlResult, path: str, codes: dict[str, str]
) -> tuple[Record | None, list[Diagnostic]]:
    """Validate `loaded.value`; `codes` maps 'unknown', 'missing', 'invalid' to codes.

    The result is a Record with the model's field names and values.
    """
    record = accept(name, loaded.value)
    if record is not None:
        return record, []
    from pydantic import ValidationError

    model = model_class(name)
    try:
        valid = model.model_validate(loaded.value)
    except ValidationError as exc:
        errors = _merge_unions(exc.errors())
        return None, [_to_diagnostic(model, err, loaded, path, codes) for err in errors]
    return to_record(valid.model_dump(by_alias=False)), []


AUTO = "literal['auto']"  # how Pydantic names the `Literal["auto"]` member of a union


def _merge_unions(errors: list[Any]) -> list[Any]:
    """One error for a value that is neither a number of minutes nor `auto` (Pydantic
    reports each member of `Minutes | Literal["auto"]`, at `(key, "constrained-int")` and
    `(key, AUTO)`): the number's error, worded for both."""
    tagged = {tuple(e["loc"])[:-1] for e in errors if tuple(e["loc"])[-1:] == (AUTO,)}
    merged = []
    for err in errors:
        loc = tuple(err["loc"])
        if loc[:-1] not in tagged:
            merged.append(err)
        elif loc[-1] != AUTO:
            err = {**err, "loc": loc[:-1]}
            if err["type"] == "int_type":
                err |= {"type": "int_or_auto", "msg": "Input should be a whole number or `auto`"}
            merged.append(err)
    return merged


def _to_diagnostic(
    model: type[BaseModel], err: Any, loaded: YamlResult, path: str, codes: dict[str, str]
) -> Diagnostic:
    loc = tuple(err["loc"])
    dotted = ".".join(str(part) for part in loc) or "(root)"
    if err["type"] == "extra_forbidden":
        line, column = loaded.key_positions.get(loc) or loaded.position(loc)
        known = _known_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else f"known keys: {', '.join(known)}"
        return diag(codes["unknown"], path, line, column, f"unknown key `{dotted}`", hint)
    if err["type"] == "missing":
        line, column = (
            loaded.position(loc[:-1]) if len(loc) > 1 else (loaded.value_positions.get((), (1, 1)))
        )
        return diag(
            codes["missing"],
            path,
            line,
            column,
            f"required key `{dotted}` is missing",
            f"add `{loc[-1]}:` with a value",
        )
    line, column = loaded.position(loc)
    message, fix = _explain(err)
    return diag(codes["invalid"], path, line, column, f"`{dotted}`: {message}", fix)


def _known_keys(model: type[BaseModel], parent: tuple[Any, ...]) -> list[str]:
    """Aliases of the model (or nested model) at `parent`."""
    current: type[BaseModel] = model
    for part in parent:
        if isinstance(part, int):
            continue
        field = next((f for f in current.model_fields.values() if f.alias == part), None)
        nested = _nested_model(field.annotation) if field else None
        if nested is None:
            return []
        current = nested
    return sorted(f.alias or name for name, f in current.model_fields.items())


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _nested_model(arg)
        if found:
            return found
    return None


_HINTS = {
    "string_type": "quote the value as a string",
    "int_type": "write a whole number without quotes",
    "int_or_auto": "write a whole number of minutes without quotes, or `auto`",
    "bool_type": "write true or false",
    "list_type": 'write a list: ["a", "b"]',
    "dict_type": "write a mapping of keys to values",
}
_VALUE_HINTS = {
    "calendar date": 'use a date that exists, e.g. "2025-02-28"',
    "before the article's date": "dates of changes cannot be earlier than `date`",
}


def _formats() -> dict[str | None, tuple[str, str]]:
    from schema.series import YEARS_PATTERN
    from schema.types import DATE_PATTERN, SLUG_PATTERN

    return {
        DATE_PATTERN: ("is not an ISO date", 'write a quoted date such as "2025-03-21"'),
        SLUG_PATTERN: (
            "is not lowercase ASCII kebab-case",
            'write words joined by hyphens, e.g. "clip-deep-dive"',
        ),
        YEARS_PATTERN: ("is not a year range", 'write the years with an en dash, e.g. "2020–2021"'),
    }


def _explain(err: Any) -> tuple[str, str | None]:
    """A readable message and fix for one Pydantic error."""
    formats = _formats()
    got = err.get("input")
    shown = repr(got) if isinstance(got, str | int | float | bool) or got is None else "value"
    pattern = (err.get("ctx") or {}).get("pattern")
    if err["type"] == "string_pattern_mismatch" and pattern in formats:
        what, fix = formats[pattern]
        return f"{shown} {what}", fix
    if err["type"] == "value_error":
        text = str(err["msg"]).removeprefix("Value error, ")
        return text, next((h for key, h in _VALUE_HINTS.items() if key in text), None)
    return f"{err['msg']} (got {shown})", _HINTS.get(err["type"])
