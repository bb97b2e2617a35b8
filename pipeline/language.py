"""Which language diagnostics are printed in: `--lang`, else the locale, else the repository.

The locale is read as gettext does: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is
set and not empty decides; `C` and `POSIX` name no language, so the repository's default
(`[tool.pipeline] lang` in the root's pyproject.toml) applies, then English. A locale of a
language the pipeline does not speak gets English, its source language.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pipeline.diagnostics import UsageError
from pipeline.i18n import LANGUAGES, SOURCE

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
TABLE = b"\n[tool.pipeline]"  # the table's header, at the start of a line


def from_locale(environ: Mapping[str, str]) -> str | None:
    """The language the environment's locale names, or None (unset, `C`, `POSIX`)."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            language = value.split(".")[0].split("@")[0].split("_")[0].lower()
            if language in ("c", "posix"):
                return None
            return language if language in LANGUAGES else SOURCE
    return None


def from_repository(root: Path) -> str | None:
    """`[tool.pipeline] lang` of `root/pyproject.toml`, or None without one."""
    try:
        data = b"\n" + (root / "pyproject.toml").read_bytes()
    except OSError:
        return None
    start = data.find(TABLE)
    if start == -1:  # the common case reads no TOML
        return None
    import tomllib

    following = data.find(b"\n[", start + len(TABLE))
    try:  # the table alone: a project file can be long, and only this table is read
        text = data[start : None if following == -1 else following].decode("utf-8")
        table = tomllib.loads(text).get("tool", {}).get("pipeline", {})
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{root / 'pyproject.toml'} cannot be read: {exc}") from exc
    language = table.get("lang")
    if language is not None and language not in LANGUAGES:
        raise UsageError(
            f"[tool.pipeline] lang = {language!r} in {root / 'pyproject.toml'} is not a "
            f"supported language; use one of: {', '.join(LANGUAGES)}"
        )
    return str(language) if language is not None else None


def choose(flag: str | None, environ: Mapping[str, str], root: Path) -> str:
    """The language of this run."""
    return flag or from_locale(environ) or from_repository(root) or SOURCE
