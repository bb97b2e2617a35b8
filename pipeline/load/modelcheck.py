"""Validating a loaded YAML mapping against a model, errors mapped to positions.

Valid values take the fast path of `pipeline.load.fastvalid`; Pydantic is imported only to
decide (and explain) the rest.
"""

from __future__ import annotations

import difflib
import functools
import importlib
from typing import TYPE_CHECKING, Any

from pipeline.core.codes import diag
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.i18n import N_, msg
from pipeline.domain.suggest import quoted
from pipeline.load.fastvalid import accept
from pipeline.load.found import Found
from pipeline.load.wording import expected, fill, got, node_at, value_error, where
from pipeline.load.yamlparse import UnquotedDate, YamlResult

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
) -> Found[dict[str, Any] | None]:
    """Validate `loaded.value`; `codes` maps 'unknown', 'missing', 'invalid' to codes.

    The result holds the model's plain values, as `model_dump()` gives them (snake_case
    names, defaults filled in), whichever path validated them; `pipeline.core.records`
    turns them into records.
    """
    values = accept(name, loaded.value)
    if values is not None:
        return Found(values)
    from pydantic import ValidationError

    model = model_class(name)
    try:
        valid = model.model_validate(loaded.value)
    except ValidationError as exc:
        errors = _merge_unions(exc.errors())
        return Found(None, tuple(_to_diagnostic(model, err, loaded, path, codes) for err in errors))
    return Found(valid.model_dump(by_alias=False))


UNKNOWN = N_("unknown key {where}")
MISSING = N_("required key {where} is missing")
INVALID = N_("{where} must be {expected}, got {got}")
UNQUOTED = N_(
    "{where} is an unquoted date ({text}): YAML readers turn it into a date object, not text"
)
TOO_FEW = N_("{where} must have at least {count} entry")
TOO_LONG = N_("{where} must be at most {most} characters long, got {length}")


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
    place = where(loc)
    if err["type"] == "extra_forbidden":
        line, column = loaded.key_positions.get(loc) or loaded.position(loc)
        known = _known_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = (
            msg("did you mean {word}?", word=quoted(close[0]))
            if close
            else msg("known keys: {keys}", keys=", ".join(known))
        )
        return diag(codes["unknown"], path, line, column, msg(UNKNOWN, where=place), hint)
    if err["type"] == "missing":
        line, column = (
            loaded.position(loc[:-1]) if len(loc) > 1 else (loaded.value_positions.get((), (1, 1)))
        )
        message = msg(MISSING, where=place)
        hint = msg("add `{key}:` with a value", key=loc[-1])
        return diag(codes["missing"], path, line, column, message, hint)
    line, column = loaded.position(loc)
    value = err.get("input")
    if isinstance(value, UnquotedDate) and err["type"] == "string_type":
        message = msg(UNQUOTED, where=place, text=value.text)
        key = f"{loc[-1]}: " if isinstance(loc[-1], str) else ""
        hint = msg('quote it: `{key}"{date}"`', key=key, date=value.text)
        return diag(codes.get("date", codes["invalid"]), path, line, column, message, hint)
    explained, fix = _explain(model, err, place)
    return diag(codes["invalid"], path, line, column, explained, fix)


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
    "string_type": N_('put the value in double quotes: "{value}"'),
    "int_type": N_("write a whole number, without quotes"),
    "int_or_auto": N_("write a whole number of minutes without quotes, or `auto`"),
    "container": N_("write a single value here, not a list or a mapping"),
    "int_from_float": N_("write the whole number without a decimal point: {whole}"),
    "bool_type": N_("write true or false, without quotes"),
    "list_type": N_('write a list in brackets: ["a", "b"]'),
    "dict_type": N_("write a mapping of keys to values"),
    "model_type": N_("write a mapping of keys to values"),
    "too_short": N_("add at least one value"),
    "string_too_short": N_("write the text; it cannot be empty"),
    "greater_than_equal": N_("use a number of at least {ge}"),
    "less_than_equal": N_("use a number of at most {le}"),
}
_VALUE_HINTS = {
    "calendar date": N_('use a date that exists, e.g. "2025-02-28"'),
    "before the article's date": N_("dates of changes cannot be earlier than `date`"),
}


@functools.cache
def _json_schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()


def _patterns() -> dict[str, tuple[str, str]]:
    """Known patterns: the wording.FORMS key of each, and the fix for a mismatch."""
    from schema.article import CODE_REF_PATTERN
    from schema.series import YEARS_PATTERN
    from schema.types import (
        DATE_PATTERN,
        LINE_PATTERN,
        PARAGRAPH_PATTERN,
        REPO_PATH_PATTERN,
        SLUG_PATTERN,
    )

    return {
        DATE_PATTERN: ("date", N_('write a quoted date such as "2025-03-21"')),
        SLUG_PATTERN: ("slug", N_('write words joined by hyphens, e.g. "clip-deep-dive"')),
        YEARS_PATTERN: ("years", N_('write the years with an en dash, e.g. "2020–2021"')),
        LINE_PATTERN: (
            "line",
            N_(
                "remove the control character (a line break, tab or NUL; shown escaped), "
                "and write the text on one line"
            ),
        ),
        PARAGRAPH_PATTERN: (
            "paragraph",
            N_("remove the control character (a line break, tab or NUL; shown escaped)"),
        ),
        REPO_PATH_PATTERN: (
            "path",
            N_("write the path from the repository root, with `/`, on one line"),
        ),
        CODE_REF_PATTERN: (
            "code",
            N_("write the path from the repository root, with `/`, on one line"),
        ),
    }


def _explain(model: type[BaseModel], err: Any, place: str) -> tuple[str, str | None]:
    """A readable message and fix for one Pydantic error at `place`."""
    kind: str = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        text = str(err["msg"]).removeprefix("Value error, ")
        fix = next((h for k, h in _VALUE_HINTS.items() if k in text), None)
        return msg("{where}: {text}", where=place, text=value_error(text)), fix and msg(fix)
    if kind == "too_short" and isinstance(value, list):
        hint = msg(_HINTS["too_short"])
        return msg(TOO_FEW, where=place, count=ctx.get("min_length", 1)), hint
    if kind == "string_too_long" and isinstance(value, str):
        most = ctx.get("max_length")
        message = msg(TOO_LONG, where=place, most=most, length=len(value))
        return message, msg("shorten it to {most} characters or fewer", most=most)
    patterns = _patterns()
    schema = _json_schema(model)
    form = expected(
        schema, node_at(schema, tuple(err["loc"])), {k: v[0] for k, v in patterns.items()}
    )
    message = msg(INVALID, where=place, expected=form, got=got(value))
    if kind == "string_pattern_mismatch":
        known = patterns.get(str(ctx.get("pattern")))
        return message, msg(known[1]) if known else None
    whole = int(value) if isinstance(value, float) and value.is_integer() else None
    if kind in ("int_type", "int_or_auto") and whole is not None:
        kind = "int_from_float"
    elif kind in ("string_type", "int_type", "int_or_auto", "bool_type") and isinstance(
        value, list | dict
    ):
        kind = "container"
    fix = _HINTS.get(kind)
    shown = str(value).lower() if isinstance(value, bool) else value
    return message, fix and fill(fix, {**ctx, "value": shown, "whole": whole})
