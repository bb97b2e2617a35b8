"""The records of a series' images folder and its figure manifest (read by `load/images.py`)."""

from __future__ import annotations

from typing import NamedTuple


class Source(NamedTuple):
    """A source file of a figure: the recorded SHA-256 and today's (None when missing)."""

    path: str
    recorded: str
    actual: str | None


class Figure(NamedTuple):
    """A manifest entry: the figure's path, its recorded and actual SHA-256 (None when the
    file is missing), its sources, and the manifest line that names it."""

    path: str
    recorded: str
    actual: str | None
    sources: tuple[Source, ...]
    line: int


class ImageFolder(NamedTuple):
    """One series' images folder: every file in it (the manifest aside), the manifest's
    path, its entries, and why it could not be read (message, line, column) if it could not."""

    folder: str
    files: tuple[str, ...]
    manifest: str
    figures: tuple[Figure, ...] = ()
    error: tuple[str, int, int] | None = None
    generator: str = ""  # the command that writes the figures, as the manifest names it
