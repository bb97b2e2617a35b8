"""Extraction of the registry's texts into the message catalogue (a Babel extractor).

`pybabel extract` (see `make messages`) finds `msg(...)` and `N_(...)` templates in the
code with its Python extractor; the registry's summary, why, example and fix of each code
are plain strings in `Rule(...)` calls, found here. Only the extraction imports this module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import IO, Any

FIELDS = ("summary", "why", "example", "fix")  # Rule's fields after code and severity


def extract_rules(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Each text of each `Rule(code, severity, summary, why, example, fix)`, with the
    code and the field as the translator's comment."""
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Rule"):
            continue
        code = node.args[0]
        if not (isinstance(code, ast.Constant) and isinstance(code.value, str)):
            continue
        for field, arg in zip(FIELDS, node.args[2:], strict=False):
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield arg.lineno, None, arg.value, [f"{code.value} {field}"]
