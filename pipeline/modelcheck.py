"""Validating a loaded YAML mapping against a Pydantic model, errors mapped to positions."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from pipeline.codes import diag
from pipeline.diagnostics import Diagnostic
from pipeline.yamlload import YamlResult

M = TypeVar("M", bound=BaseModel)


def validate(
    model: type[M], loaded: YamlResult, path: str, codes: dict[str, str]
) -> tuple[M | None, list[Diagnostic]]:
    """Validate `loaded.value`; `codes` maps 'unknown', 'missing', 'invalid' to codes."""
    try:
        return model.model_validate(loaded.value), []
    except ValidationError as exc:
        return None, [_to_diagnostic(model, err, loaded, path, codes) for err in exc.errors()]


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
    message = str(err["msg"]).removeprefix("Value error, ")
    got = err.get("input")
    shown = f" (got {got!r})" if isinstance(got, str | int | float | bool) else ""
    return diag(
        codes["invalid"],
        path,
        line,
        column,
        f"`{dotted}`: {message}{shown}",
        _hint_for(err["type"]),
    )


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
    "bool_type": "write true or false",
    "list_type": 'write a list: ["a", "b"]',
    "string_pattern_mismatch": "see the front matter reference in the README for the format",
    "value_error": "fix the value",
}


def _hint_for(kind: str) -> str | None:
    return _HINTS.get(kind)
