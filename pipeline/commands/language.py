"""Which language diagnostics are printed in: `--lang`, else the locale, else the series.

The locale is read as gettext does: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is
set and not empty decides; `C` and `POSIX` name no language, so the series' default applies
(`lang` in series.yaml, read with the rest of the config), then English. A locale of a
language the pipeline does not speak gets English, its source language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from pipeline.core.i18n import LANGUAGES, SOURCE

if TYPE_CHECKING:
    from pipeline.core.corpus import Corpus

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


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


def configured(corpus: Corpus) -> str | None:
    """The language of the first series (in folder order) whose series.yaml sets `lang`."""
    for series in corpus.series:
        if series.config is not None and series.config.lang is not None:
            return spoken(series.config.lang)
    return None


def spoken(tag: str) -> str:
    """The language the pipeline speaks for a BCP 47 tag (`vi-VN` -> `vi`), else English."""
    primary = tag.split("-")[0].lower()
    return primary if primary in LANGUAGES else SOURCE


def choose(flag: str | None, environ: Mapping[str, str], default: str | None = None) -> str:
    """The language of this run: the flag, the locale, the series' default, English."""
    return flag or from_locale(environ) or default or SOURCE


def for_corpus(flag: str | None, corpus: Corpus) -> str:
    """`choose` for a run that has read the series."""
    return choose(flag, os.environ, configured(corpus))
