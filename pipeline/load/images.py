"""The images folder of each series (`content/<id>/images/`) and its figure manifest.

`figures.json`, written by the companion code's `python -m vlm.figures`, records for each
generated figure the SHA-256 of its bytes and of the source files that made it. Hashing
them again here tells `validate` whether a figure is stale without running that code.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipeline.core.i18n import msg
from pipeline.core.images import Figure, ImageFolder, Source

IMAGES = "images"
MANIFEST = "figures.json"


def load_images(root: Path, series_folder: str) -> ImageFolder:
    """The images folder of the series at `series_folder` (relative to `root`)."""
    folder = f"{series_folder}/{IMAGES}"
    manifest = f"{folder}/{MANIFEST}"
    base = root / folder
    files = (
        tuple(
            sorted(
                p.relative_to(root).as_posix()
                for p in base.rglob("*")
                if p.is_file() and not p.name.startswith(".") and p.name != MANIFEST
            )
        )
        if base.is_dir()
        else ()
    )
    if not (base / MANIFEST).is_file():
        return ImageFolder(folder, files, manifest)
    try:
        text = (base / MANIFEST).read_text(encoding="utf-8")
        data = json.loads(text)
        entries, generator = data["figures"], str(data.get("generator", ""))
        figures = tuple(_figure(root, folder, text, n, e) for n, e in sorted(entries.items()))
    except json.JSONDecodeError as exc:
        return ImageFolder(folder, files, manifest, error=(exc.msg, exc.lineno, exc.colno))
    except (OSError, UnicodeDecodeError, KeyError, TypeError, AttributeError) as exc:
        why = msg("missing key {key}", key=str(exc)) if isinstance(exc, KeyError) else str(exc)
        return ImageFolder(folder, files, manifest, error=(why, 1, 1))
    return ImageFolder(folder, files, manifest, figures, generator=generator)


def _figure(root: Path, folder: str, text: str, name: str, entry: dict[str, object]) -> Figure:
    sources = entry["sources"]
    if not isinstance(sources, dict) or not isinstance(entry["sha256"], str):
        raise TypeError(f"entry {name!r} needs a `sha256` string and a `sources` mapping")
    for relative in (name, *sources):
        if not _inside(relative):
            raise TypeError(f"path {relative!r} leaves the repository")
    path = f"{folder}/{name}"
    return Figure(
        path,
        entry["sha256"],
        _sha(root / path),
        tuple(Source(p, str(h), _sha(root / p)) for p, h in sorted(sources.items())),
        _line_of(text, f'"{name}"'),
    )


def _inside(relative: str) -> bool:
    parts = relative.split("/")
    return (
        bool(relative)
        and not relative.startswith("/")
        and ".." not in parts
        and "\\" not in relative
    )


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1
