"""Translatable texts: an English message that keeps its template and named arguments.

Checks build messages with `msg(template, **args)`; the value *is* the English text (a
`str`), so caches, sorting and English output stay as they were. Printers render it in the
chosen language with `render`, which reads the gettext catalogue of that language on first
use only. `N_` marks templates kept in tables for the catalogue extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.core.diagnostics import Diagnostic

SOURCE = "en"
LANGUAGES = ("en", "vi")
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).parent.parent / "locale"  # pipeline/locale


def N_(template: str) -> str:
    """Mark a template for extraction where it is defined; it is translated where used."""
    return template


class Text(str):
    """English text that remembers its template and arguments (rendered again when
    printed in another language). Arguments may be Texts themselves."""

    template: str
    args: dict[str, Any]

    def __new__(cls, template: str, args: dict[str, Any]) -> Text:
        self = super().__new__(cls, template.format_map(args))
        self.template = template
        self.args = args
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Text, (self.template, self.args))


def msg(template: str, /, **args: Any) -> Text:
    """A message from a `str.format` template with named placeholders."""
    return Text(template, args)


def render(text: str, lang: str) -> str:
    """`text` in language `lang` (English when it is plain text or has no translation)."""
    if lang == SOURCE or not isinstance(text, Text):
        return str(text)
    translated: str = catalogue(lang).gettext(text.template)
    args = {k: render(v, lang) if isinstance(v, Text) else v for k, v in text.args.items()}
    try:
        return translated.format_map(args)
    except (KeyError, IndexError, ValueError):  # a broken translation: the English text
        return str(text)


def translate(text: str, lang: str) -> str:
    """A fixed text (no placeholders, such as a registry entry) in language `lang`."""
    if lang == SOURCE:
        return text
    translated: str = catalogue(lang).gettext(text)
    return translated


def render_optional(text: str | None, lang: str) -> str | None:
    """`render` for a hint that may be absent."""
    return None if text is None else render(text, lang)


_CATALOGUES: dict[str, Any] = {}


def catalogue(lang: str) -> Any:
    """The gettext translations of `lang`, read once; English with one warning on stderr
    when the compiled catalogue is missing or damaged."""
    if lang not in _CATALOGUES:
        _CATALOGUES[lang] = _read(lang)
    return _CATALOGUES[lang]


def catalogue_path(lang: str) -> Path:
    """Where the compiled catalogue of `lang` lives (built by `make setup`)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _read(lang: str) -> Any:
    import gettext

    path = catalogue_path(lang)
    try:
        with open(path, "rb") as handle:
            return gettext.GNUTranslations(handle)
    except Exception as exc:  # any failure to read or parse the file: the boundary
        reason = getattr(exc, "strerror", None) or exc
        print(
            f"warning: the {lang} message catalogue {path} cannot be read ({reason}); "
            "messages are in English (run `make setup` to compile it)",
            file=sys.stderr,
        )
        return gettext.NullTranslations()


def in_language(diagnostic: Diagnostic, lang: str) -> Diagnostic:
    """`diagnostic` with its message and hint rendered in `lang` (for pages that show it)."""
    hint = diagnostic.hint
    return diagnostic._replace(
        message=render(diagnostic.message, lang), hint=None if hint is None else render(hint, lang)
    )
