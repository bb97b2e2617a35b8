"""The one shape of a loading step that can fail: its value and the diagnostics it found.

Every function in the `load` package that can report a problem returns a `Found`
(unpacked as `value, problems = ...`); none appends to a list it was given and none
returns a diagnostic in place of its value. Pure values travel well: the cache stores
them, worker processes send them back, and only `loader.load_corpus` gathers them.
"""

from __future__ import annotations

from typing import Generic, NamedTuple, TypeVar

from pipeline.core.diagnostics import Diagnostic

T = TypeVar("T", covariant=True)  # a Found[None] is a Found[bytes | None]


class Found(NamedTuple, Generic[T]):
    """A value (None when the step failed outright) and the diagnostics found on the way."""

    value: T
    diagnostics: tuple[Diagnostic, ...] = ()
