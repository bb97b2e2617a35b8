"""Safe, position-keeping YAML loading: values, key/value positions, and diagnostics.

The document is built from the parser's event stream (libyaml's C parser when present), so
nothing is ever constructed from tags, aliases are refused before they can expand, nesting is
bounded without recursion, and YAML 1.1 surprises are reported instead of being coerced.
Unquoted timestamps become `UnquotedDate` markers (other readers make dates of them), and
positions are file positions even where YAML counts more line breaks than the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple, NoReturn

from pipeline.core.codes import diag
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.i18n import msg
from pipeline.load.found import Found
from pipeline.load.yamlhints import syntax_hint
from pipeline.load.yamlwords import yaml_problem

# PyYAML is imported on the first load, not with this module: a run whose files all come
# from the cache never needs it (about 25 ms of start-up).

MAX_DEPTH = 20
Path = tuple[str | int, ...]
Position = tuple[int, int]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = {"", "~", "null", "Null", "NULL"}
_YAML11_BOOLS = re.compile(r"yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF")
_YAML11_NUMBER = re.compile(
    r"[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?"
    r"|[0-9][0-9_]*|[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?|\.(inf|Inf|INF|nan|NaN|NAN))"
    r"|[-+]?[0-9]+[eE][-+]?[0-9]+"
)
# YAML's timestamp forms (1.1, and what JavaScript readers such as js-yaml still follow)
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?"
    r"([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?"
)
# characters YAML counts as line breaks besides LF (the loaded text has no CR left)
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")
_STANDARD_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


@dataclass(frozen=True, slots=True)
class UnquotedDate:
    """A plain (unquoted) scalar that YAML readers load as a date, not as text: JavaScript
    readers turn `date: 2025-02-10` into a Date object. Loaded as this marker, which no
    model field accepts, so that both validators reject it and can say why."""

    text: str


class YamlResult:
    """A loaded YAML mapping (or None) and its positions (1-based, in the file)."""

    __slots__ = ("key_positions", "pending", "source", "value", "value_positions")

    def __init__(self, value: dict[str, Any] | None, source: tuple[str, int] = ("", 1)) -> None:
        self.value = value
        self.source = source  # the YAML text and its first line in the file
        self.key_positions: dict[Path, Position] = {}
        self.value_positions: dict[Path, Position] = {}
        self.pending = False

    @classmethod
    def positions_later(cls, text: str, first_line: int) -> YamlResult:
        """A result whose positions are found by loading `text` again when first asked for
        (the cache keeps the text, not the positions: diagnostics that need them are rare)."""
        result = cls(None, (text, first_line))
        result.pending = True
        return result

    def position(self, path: Path) -> Position:
        """Best position for a value path: the value, else its key, else the nearest parent."""
        if self.pending:
            loaded = load_yaml_mapping(self.source[0], "", self.source[1]).value
            self.key_positions, self.value_positions = loaded.key_positions, loaded.value_positions
            self.pending = False
        while path:
            found = self.value_positions.get(path) or self.key_positions.get(path)
            if found:
                return found
            path = path[:-1]
        return self.value_positions.get((), (1, 1))


class _Refused(Exception):
    """Raised inside the builder to stop at the first structural problem."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def load_yaml_mapping(text: str, path: str, first_line: int = 1) -> Found[YamlResult]:
    """Load YAML `text` that starts on file line `first_line`; never raises on content.
    The result's value is None when the text is not a YAML mapping."""
    import yaml

    result = YamlResult(None, (text, first_line))
    builder = _Builder(result, marks_for(path, text, first_line))
    where, problems = builder.marks, builder.problems
    try:
        root = builder.run(_events(text))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = where.at(mark) if mark else (first_line, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        hint = syntax_hint(text, line - first_line, first_line, problem)
        problems.append(
            diag(
                "YML001",
                path,
                line,
                column,
                msg("YAML syntax error: {problem}", problem=yaml_problem(problem)),
                hint,
            )
        )
        return Found(result, tuple(problems))
    except yaml.YAMLError as exc:
        problems.append(
            diag("YML001", path, first_line, 1, msg("YAML error: {error}", error=str(exc)))
        )
        return Found(result, tuple(problems))
    except _Refused as refused:
        problems.append(refused.diagnostic)
        return Found(result, tuple(problems))
    if root is None:
        result.value = {}
    elif isinstance(root, dict):
        result.value = root
    else:
        line, column = result.value_positions.get((), (first_line, 1))
        kind = (
            msg("a list") if isinstance(root, list) else msg("the scalar {value}", value=repr(root))
        )
        problems.append(
            diag(
                "YML002",
                path,
                line,
                column,
                msg("expected a mapping of keys to values, found {kind}", kind=kind),
                msg("write one `key: value` per line"),
            )
        )
    return Found(result, tuple(problems))


def _events(text: str) -> Iterator[Any]:
    """Parser events straight from the (C) parser, without PyYAML's generator wrapper."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


class _Marks(NamedTuple):
    path: str
    first_line: int
    text: str | None = None  # set when YAML counts line breaks that the file does not

    def at(self, mark: Any) -> Position:
        """The file position of a parser mark. YAML also breaks lines at NEL, U+2028 and
        U+2029, which the file's line numbers (and editors') do not: then the position is
        counted from the mark's character offset."""
        if self.text is None:
            return (mark.line + self.first_line, mark.column + 1)
        start = self.text.rfind("\n", 0, mark.index) + 1
        return (self.text.count("\n", 0, mark.index) + self.first_line, mark.index - start + 1)


def marks_for(path: str, text: str, first_line: int) -> _Marks:
    """How parser marks of `text` map to positions of the file it starts in."""
    return _Marks(path, first_line, text if _OTHER_BREAKS.search(text) else None)


class _Frame:
    __slots__ = ("container", "key", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: Path) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None


class _Builder:
    """Builds Python values from parser events, iteratively."""

    def __init__(self, result: YamlResult, marks: _Marks) -> None:
        self.result = result
        self.marks = marks
        self.problems: list[Diagnostic] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0
        import yaml

        self.handlers: dict[type, Callable[[Any], None]] = {
            yaml.ScalarEvent: self._scalar,
            yaml.SequenceStartEvent: self._start,
            yaml.MappingStartEvent: self._start,
            yaml.SequenceEndEvent: self._end,
            yaml.MappingEndEvent: self._end,
            yaml.AliasEvent: self._alias,
            yaml.DocumentStartEvent: self._document,
        }

    def run(self, events: Any) -> Any:
        for event in events:
            handler = self.handlers.get(type(event))
            if handler:
                handler(event)
        return self.root

    def _fail(self, code: str, event: Any, message: str, hint: str) -> NoReturn:
        line, column = self.marks.at(event.start_mark)
        raise _Refused(diag(code, self.marks.path, line, column, message, hint))

    def _document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            self._fail(
                "YML001",
                event,
                msg("YAML syntax error: expected a single document"),
                msg("remove the extra `---` or `...` line"),
            )

    def _alias(self, event: Any) -> None:
        self._fail(
            "YML006",
            event,
            msg("YAML alias *{anchor} is not allowed", anchor=event.anchor),
            msg("write the value out in full instead of using anchors and aliases"),
        )

    def _check_tag(self, event: Any, tag: str | None) -> None:
        if tag is not None and tag not in _STANDARD_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self._fail(
                "YML005",
                event,
                msg("YAML tag {tag} is not allowed", tag=shown),
                msg("remove the tag; front matter holds plain values only"),
            )

    def _start(self, event: Any) -> None:
        self._check_tag(event, None if event.tag in (None, "!") else event.tag)
        if len(self.stack) >= MAX_DEPTH:
            self._fail(
                "YML007",
                event,
                msg("YAML nested deeper than {depth} levels", depth=MAX_DEPTH),
                msg("flatten the value"),
            )
        container: dict[str, Any] | list[Any]
        container = {} if event.__class__.__name__ == "MappingStartEvent" else []
        path = self._place(container, event)
        self.stack.append(_Frame(container, path))

    def _end(self, event: Any) -> None:
        self.stack.pop()

    def _scalar(self, event: Any) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            self._key(frame, event)
            return
        self._place(self._scalar_value(event), event)

    def _key(self, frame: _Frame, event: Any) -> None:
        assert isinstance(frame.container, dict)
        key = str(event.value)
        path = (*frame.path, key)
        if key in frame.container:
            line, column = self.marks.at(event.start_mark)
            first = self.result.key_positions[path]
            self.problems.append(
                diag(
                    "YML003",
                    self.marks.path,
                    line,
                    column,
                    msg(
                        "duplicate key `{key}` (first defined at line {line})",
                        key=key,
                        line=first[0],
                    ),
                    msg("keep only one of the two keys"),
                )
            )
        frame.key = key
        self.result.key_positions.setdefault(path, self.marks.at(event.start_mark))

    def _place(self, value: Any, event: Any) -> Path:
        position = self.marks.at(event.start_mark)
        if not self.stack:
            self.root = value
            self.result.value_positions[()] = position
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
        else:
            if frame.key is None:
                self._fail(
                    "YML002",
                    event,
                    msg("mapping keys must be plain strings"),
                    msg("write `key: value` with a simple key"),
                )
            assert frame.key is not None
            path = (*frame.path, frame.key)
            frame.container[frame.key] = value
            frame.key = None
        self.result.value_positions.setdefault(path, position)
        return path

    def _scalar_value(self, event: Any) -> Any:
        value: str = event.value
        plain = event.implicit[0] and not event.style
        explicit_tag = None if event.tag in (None, "!") else event.tag
        self._check_tag(event, explicit_tag)
        if not plain or explicit_tag is not None:
            return value
        if value in _NULLS:
            return None
        if value in _BOOLS:
            return _BOOLS[value]
        if _INT.fullmatch(value):
            return self._integer(event, value)
        if _FLOAT.fullmatch(value):
            return float(value)
        if _TIMESTAMP.fullmatch(value):
            return UnquotedDate(value)
        if _YAML11_BOOLS.fullmatch(value):
            self._surprise(
                event, value, msg("a boolean in YAML 1.1"), msg("write true/false, or quote it")
            )
        elif _YAML11_NUMBER.fullmatch(value):
            self._surprise(
                event,
                value,
                msg("read differently by YAML 1.1 and 1.2 parsers"),
                msg('quote it ("{value}") or write a plain decimal number', value=value),
            )
        return value

    def _integer(self, event: Any, value: str) -> int:
        try:
            return int(value)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            self._fail(
                "YML008",
                event,
                msg(
                    "number `{start}…` has {digits} digits, too many to read",
                    start=value[:12],
                    digits=len(value.lstrip("+-")),
                ),
                msg("write a number of reasonable size, or quote the value if it is text"),
            )

    def _surprise(self, event: Any, value: str, what: str, hint: str) -> None:
        line, column = self.marks.at(event.start_mark)
        self.problems.append(
            diag(
                "YML004",
                self.marks.path,
                line,
                column,
                msg("ambiguous YAML value `{value}` is {what}", value=value, what=what),
                hint,
            )
        )
