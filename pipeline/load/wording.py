"""Words for validation messages: where a value is, what was found, what is expected.

Messages name positions as people count them ("the 2nd entry of `tags`", not `tags.1`),
values by their kind ("a list", "the unquoted date 2025-02-10"), and the expected form
in words, from the exported JSON Schema node of the key. Every text is a template with
named placeholders, so that it can be translated as a whole.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from pipeline.core.i18n import N_, Text, msg
from pipeline.load.yamlparse import UnquotedDate

_CONTROL = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029]")
ENTRY = N_("the {nth} entry of {parent}")
FIELD_OF_ENTRY = N_("`{key}` of {parent}")
GOT = {
    "date": N_("the unquoted date {text}"),
    "text": N_("the text {text}"),
    "empty": N_("an empty text"),
    "number": N_("the number {text}"),
    "bool": N_("`{text}`"),
    "none": N_("no value"),
    "list": N_("a list"),
    "mapping": N_("a mapping"),
}
FORMS = {
    "date": N_('a quoted date such as "2025-03-21"'),
    "slug": N_('a lowercase kebab-case id such as "clip-deep-dive"'),
    "years": N_('a year range with an en dash such as "2015–2019"'),
    "line": N_("one line of text"),
    "paragraph": N_("text"),
    "path": N_('a path relative to the repository root, such as "notebooks/vlm/01.ipynb"'),
    "code": N_(
        'a path under code/, optionally with `::Symbol`, such as "code/vlm/clip/model.py::CLIP"'
    ),
    "text": N_("text"),
    "integer": N_("a whole number"),
    "integer range": N_("a whole number from {low} to {high}"),
    "integer minimum": N_("a whole number of at least {low}"),
    "boolean": N_("true or false"),
    "list": N_("a list of entries, each {item}"),
    "mapping": N_("a mapping of keys to values"),
    "value": N_("a valid value"),
    "enum": N_("one of {values}"),
}


ORDINALS = {1: N_("{number}st"), 2: N_("{number}nd"), 3: N_("{number}rd"), 0: N_("{number}th")}
FRONT_MATTER = N_("the front matter")


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    last = 0 if 10 <= number % 100 <= 20 else number % 10
    return msg(ORDINALS.get(last, ORDINALS[0]), number=number)


def where(loc: tuple[Any, ...]) -> str:
    """A value's place in words: `title`, `outputs.metadata`, the 2nd entry of `tags`,
    `date` of the 1st entry of `updates`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text = msg(ENTRY, nth=ordinal(part + 1), parent=text)
        elif not text:
            text = f"`{part}`"
        elif not isinstance(text, Text):  # a key path: `outputs.metadata`
            text = f"{text[:-1]}.{part}`"
        else:
            text = msg(FIELD_OF_ENTRY, key=part, parent=text)
    return text or msg(FRONT_MATTER)


def got(value: Any) -> str:
    """What was found, in words."""
    if isinstance(value, UnquotedDate):
        return msg(GOT["date"], text=value.text)
    if isinstance(value, bool):
        return msg(GOT["bool"], text=str(value).lower())
    if isinstance(value, int | float):
        return msg(GOT["number"], text=str(value))
    if isinstance(value, str):
        return msg(GOT["text"], text=_quote(value)) if value else msg(GOT["empty"])
    if value is None:
        return msg(GOT["none"])
    return msg(GOT["list"]) if isinstance(value, list) else msg(GOT["mapping"])


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
        return functools.reduce(_either, dict.fromkeys(forms))
    if "const" in node:
        return f"`{node['const']}`"
    kind = node.get("type")
    if "enum" in node:
        return msg(FORMS["enum"], values=", ".join(f"`{v}`" for v in node["enum"]))
    if kind == "string":
        return msg(FORMS[patterns.get(node.get("pattern", ""), "text")])
    if kind == "integer":
        low, high = node.get("minimum"), node.get("maximum")
        if low is not None and high is not None:
            return msg(FORMS["integer range"], low=low, high=high)
        return msg(FORMS["integer minimum"], low=low) if low is not None else msg(FORMS["integer"])
    if kind == "array":
        item = expected(schema, _resolve(schema, node.get("items", {})), patterns)
        return msg(FORMS["list"], item=item)
    form = {"boolean": "boolean", "object": "mapping"}.get(str(kind), "value")
    return msg(FORMS[form])


def _either(first: str, second: str) -> str:
    return msg("{first} or {second}", first=first, second=second)


# The texts of the schema's own validators (schema/), as translatable templates.
VALUE_ERRORS = (
    (r"(?P<value>.+) is not a real calendar date", N_("{value} is not a real calendar date")),
    (
        r"update of (?P<value>.+) is before the article's date (?P<date>.+)",
        N_("update of {value} is before the article's date {date}"),
    ),
    (
        r"(?P<value>.+) is before the article's date (?P<date>.+)",
        N_("{value} is before the article's date {date}"),
    ),
)


def value_error(text: str) -> str:
    """A validator's message as a translatable text (unchanged when it is not known)."""
    for pattern, template in VALUE_ERRORS:
        found = re.fullmatch(pattern, text)
        if found:
            return msg(template, **found.groupdict())
    return text


def fill(template: str, values: dict[str, Any]) -> Text:
    """`template` with the values it names (others are not kept)."""
    import string  # only when a Pydantic error is explained

    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return msg(template, **{k: v for k, v in values.items() if k in names})
