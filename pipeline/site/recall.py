"""What the previous build of a long-running preview made, so that the next one makes
again only what its inputs changed.

One entry per name (a page, an article's body, the graph): the last inputs and what they
made. A build without a `Recall` (the `site` command) keeps nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Recall:
    """The last (inputs, value) made under each name."""

    def __init__(self) -> None:
        self._last: dict[Hashable, tuple[Any, Any]] = {}

    def get(self, name: Hashable, inputs: Any, make: Callable[[], T]) -> T:
        """The value made under `name` from equal `inputs`, else `make()` (remembered)."""
        last = self._last.get(name)
        if last is not None and last[0] == inputs:
            value: T = last[1]
            return value
        made = make()
        self._last[name] = (inputs, made)
        return made


def recalled(recall: Recall | None, name: Hashable, inputs: Any, make: Callable[[], T]) -> T:
    """`recall.get(...)`, or `make()` when nothing is recalled."""
    return make() if recall is None else recall.get(name, inputs, make)
