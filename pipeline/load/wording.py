"""Words for validation messages: where a value is, what was found, what is expected.

Messages name positions as people count them ("the 2nd entry of `tags`", not `tags.1`),
values by their kind ("a list", "the unquoted date 2025-02-10"), and the expected form
in words, from the exported JSON Schema node of the key. Every text is a template with
named placeholders, so that it can be translated as a whole.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.load.yamlparse import UnquotedDate

_CONTROL = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029]")
ENTRY = "the {nth} entry of {parent}"
FIELD_OF_ENTRY = "`{key}` of {parent}"
GOT = {
    "date": "the unquoted date {text}",
    "text": "the text {text}",
    "empty": "an empty text",
    "number": "the number {text}",
    "bool": "`{text}`",
    "none": "no value",
    "list": "a list",
    "mapping": "a mapping",
}
FORMS = {
    "date": 'a quoted date such as "2025-03-21"',
    "slug": 'a lowercase kebab-case id such as "clip-deep-dive"',
    "years": 'a year range with an en dash such as "2015–2019"',
    "line": "one line of text",
    "paragraph": "text",
    "path": 'a path relative to the repository root, such as "notebooks/vlm/01.ipynb"',
    "code": 'a path under code/, optionally with `::Symbol`, such as "code/vlm/clip/model.py::CLIP"',
    "text": "text",
    "integer": "a whole number",
    "integer range": "a whole number from {low} to {high}",
    "integer minimum": "a whole number of at least {low}",
    "boolean": "true or false",
    "list": "a list of entries, each {item}",
    "mapping": "a mapping of keys to values",
    "value": "a valid value",
    "enum": "one of {values}",
}


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def where(loc: tuple[Any, ...]) -> str:
    """A value's place in words: `title`, `outputs.metadata`, the 2nd entry of `tags`,
    `date` of the 1st entry of `updates`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text = ENTRY.format(nth=ordinal(part + 1), parent=text)
        elif not text:
            text = f"`{part}`"
        elif text.endswith("`") and text.startswith("`"):
            text = f"{text[:-1]}.{part}`"
        else:
            text = FIELD_OF_ENTRY.format(key=part, parent=text)
    return text or "the front matter"


def got(value: Any) -> str:
    """What was found, in words."""
    if isinstance(value, UnquotedDate):
        return GOT["date"].format(text=value.text)
    if isinstance(value, bool):
        return GOT["bool"].format(text=str(value).lower())
    if isinstance(value, int | float):
        return GOT["number"].format(text=value)
    if isinstance(value, str):
        return GOT["text"].format(text=_quote(value)) if value else GOT["empty"]
    if value is None:
        return GOT["none"]
    return GOT["list"] if isinstance(value, list) else GOT["mapping"]


def _quote(value: str) -> str:
    """A string in double quotes, shortened, its control characters escaped as YAML does."""
    shown = value if len(value) <= 60 else value[:57] + "…"
    return '"' + _CONTROL.sub(_escape, shown) + '"'


def _escape(found: re.Match[str]) -> str:
    return found.group().encode("unicode_escape").decode("ascii")


def node_at(schema: dict[str, Any], loc: tuple[Any, ...]) -> dict[str, Any]:
    """The JSON Schema node describing the value at `loc` ({} when unknown)."""
    node = _resolve(schema, schema)
    for part in loc:
        if isinstance(part, int):
            node = _resolve(schema, node.get("items", {}))
        else:
            node = _resolve(schema, node.get("properties", {}).get(part, {}))
    return node


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """A node with `$ref` followed and an optional (`anyOf` with null) unwrapped."""
    if "$ref" in node:
        node = schema.get("$defs", {}).get(node["$ref"].rsplit("/", 1)[-1], {})
    options = [n for n in node.get("anyOf", ()) if n.get("type") != "null"]
    return _resolve(schema, options[0]) if len(options) == 1 else node


def expected(schema: dict[str, Any], node: dict[str, Any], patterns: dict[str, str]) -> str:
    """The form a schema node asks for, in words (`patterns`: pattern -> FORMS key)."""
    if "anyOf" in node:
        forms = (expected(schema, _resolve(schema, n), patterns) for n in node["anyOf"])
        return " or ".join(dict.fromkeys(forms))
    if "const" in node:
        return f"`{node['const']}`"
    kind = node.get("type")
    if "enum" in node:
        return FORMS["enum"].format(values=", ".join(f"`{v}`" for v in node["enum"]))
    if kind == "string":
        return FORMS[patterns.get(node.get("pattern", ""), "text")]
    if kind == "integer":
        low, high = node.get("minimum"), node.get("maximum")
        if low is not None and high is not None:
            return FORMS["integer range"].format(low=low, high=high)
        return FORMS["integer minimum"].format(low=low) if low is not None else FORMS["integer"]
    if kind == "array":
        item = expected(schema, _resolve(schema, node.get("items", {})), patterns)
        return FORMS["list"].format(item=item)
    return FORMS.get({"boolean": "boolean", "object": "mapping"}.get(str(kind), ""), FORMS["value"])
