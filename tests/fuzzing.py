"""Structure-aware fuzzing of a whole sample repository, and the contracts every run keeps.

A case is a small series (three articles with generated regions, a code file, a notebook)
changed by a few mutations of one family: front-matter values, `series.yaml` (outputs,
limits, counts), file names, the referenced code, the notebook, article bodies. The
contracts: no exception escapes, exit codes are 0, 1 or 2, a JSON report is one document,
and when `build` succeeds, `validate`, `build --check` and a second `build` are clean and
leave every file byte-identical; nothing is written outside the root or over a source.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from hypothesis import strategies as st

from tests.conftest import FIXTURES, copy_tree, run_cli

DEMO = "content/demo"
ARTICLES = ("00-roadmap.md", "01-mot.md", "02-hai.md")
CODE = "code/demo/model.py"
NOTEBOOK = "notebooks/demo/02-hai.ipynb"
_MARKER = "<!-- BEGIN GENERATED {0}: make build-metadata -->\n<!-- END GENERATED {0} -->\n"
_REGIONS = {"00-roadmap.md": ("timeline", "prerequisite-graph"), "02-hai.md": ("reading-box",)}


def make_base(target: Path) -> Path:
    """The sample series every case starts from: LNK001's passing sample with regions."""
    copy_tree(FIXTURES / "LNK001" / "pass", target)
    for name, regions in _REGIONS.items():
        path = target / DEMO / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "\n" + "\n".join(_MARKER.format(r) for r in regions), "utf-8")
    return target


# Values ---------------------------------------------------------------------------------

_HUGE = "1" + "0" * 4400
_AWKWARD_TEXT = [
    "",
    'Đánh giá & <b>mô hình</b> #1 | `x` "q"',
    "dòng một\ndòng hai",
    "a\rb",
    "a\r\nb",
    "nul\x00byte",
    "tab\there",
    "sep\u2028line\u2029para\x85nel",
    "<!-- BEGIN GENERATED reading-box: x -->",
    "<!-- END GENERATED timeline -->",
    "W = W₀ + BA ½ ² ™ Ⓐ 🙂",
    unicodedata.normalize("NFD", "Tiếng Việt"),
    "\ufeffbom",
    "x" * 300,
]
_YAML_SCALARS = [
    "",
    "~",
    "null",
    "true",
    "yes",
    "on",
    "0",
    "-1",
    "1",
    "10.0",
    "1e3",
    "12:30",
    "0x1F",
    "0o17",
    ".inf",
    _HUGE,
    "-" + _HUGE,
    "2025-02-10",
    '"2025-02-10"',
    '"2025-02-30"',
    "2025-02-10T10:00:00",
    "[]",
    "{}",
    "[1, 2]",
    '["mot"]',
    '["hai"]',
    '["roadmap"]',
    '["mot", "mot"]',
    '["khong-co"]',
    '[{date: "2025-02-01", summary: "Sửa lỗi"}]',
    '[{date: "2025-02-01", summary: "a\\rb"}]',
    '[{date: "2025-02-01", summary: "' + "\\x00" + '"}]',
    "&a [1]",
    "*a",
    "!!python/name:os.system",
    "[[[[[[[[[[]]]]]]]]]]",
    "'single'",
    '"unterminated',
    "Video-LLM: hiểu video dài",
    "“typographic”",
    "|\n  block\n  text",
    ">-\n  folded",
]
_PATHS = [
    "data/demo/metadata.json",
    "docs/changelog.md",
    "docs/graph.md",
    "data/demo/other.json",
    f"{DEMO}/01-mot.md",
    f"{DEMO}/series.yaml",
    NOTEBOOK,
    CODE,
    "../outside.json",
    "./",
    ".",
    "",
    "/tmp/abs.json",
    "data/../../escape.json",
    "lnk/through-symlink.json",
    "data/demo/",
    "dữ liệu/siêu dữ liệu.json",
    "data/demo/metadata.json\x00x",
]


def _quoted(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


_TEXTS = st.sampled_from(_AWKWARD_TEXT).map(_quoted)
_DATES = st.sampled_from(['"2025-02-10"', "2025-02-10", '"2025-02-30"', '"2024-12-31"', '""'])
_NUMBERS = st.sampled_from(["0", "1", "-1", "10.0", "1e3", _HUGE, "-" + _HUGE, "true", '"3"'])
_SLUG_LISTS = st.lists(st.sampled_from(["mot", "hai", "roadmap", "khong-co", ""]), max_size=3)
_UPDATES = st.lists(
    st.builds("{{date: {}, summary: {}}}".format, _DATES, _TEXTS), min_size=1, max_size=2
)
_REFS = [f"{CODE}::Model", f"{CODE}::Missing", CODE, NOTEBOOK, "code/../x.py", "code/demo/"]
# values that matter for each key, so that a short run reaches the interesting cases
_BY_KEY: dict[str, st.SearchStrategy[str]] = {
    **dict.fromkeys(("title", "excerpt", "author", "category", "series", "phase"), _TEXTS),
    **dict.fromkeys(("date", "updated"), _DATES),
    **dict.fromkeys(("readingTime", "order"), _NUMBERS),
    **dict.fromkeys(("draft", "featured"), st.sampled_from(["true", "false", "yes", "1"])),
    "prerequisites": _SLUG_LISTS.map(_quoted),
    "tags": st.lists(_TEXTS, max_size=3).map(lambda items: f"[{', '.join(items)}]"),
    "updates": _UPDATES.map(lambda items: f"[{', '.join(items)}]"),
    **dict.fromkeys(
        ("code", "notebooks"), st.lists(st.sampled_from(_REFS), max_size=2).map(_quoted)
    ),
}


def yaml_values() -> st.SearchStrategy[str]:
    """YAML fragments for any value: awkward scalars, quoted awkward text, arbitrary text."""
    return st.one_of(
        st.sampled_from(_YAML_SCALARS),
        st.sampled_from(_AWKWARD_TEXT).map(_quoted),
        st.sampled_from(_PATHS).map(_quoted),
        st.text(max_size=30).map(_quoted),
        st.integers(min_value=-(10**6), max_value=10**6).map(str),
    )


# Mutations ------------------------------------------------------------------------------


class Mutation(NamedTuple):
    """One change to the base repository, described for the failure report."""

    family: str
    what: str
    apply: Callable[[Path], object]

    def __repr__(self) -> str:
        return f"<{self.family}: {self.what}>"


_FRONT_KEYS = [
    "title",
    "date",
    "category",
    "tags",
    "excerpt",
    "author",
    "readingTime",
    "series",
    "order",
    "phase",
    "prerequisites",
    "code",
    "notebooks",
    "updated",
    "updates",
    "draft",
    "featured",
]


def _set_key(text: str, key: str, value: str) -> str:
    """`text` (front matter between the first two `---`) with `key: value` set."""
    head, sep, body = text.partition("\n---\n")
    line = f"{key}: {value}"
    pattern = re.compile(rf"^{re.escape(key)}:.*$", re.MULTILINE)
    head = pattern.sub(lambda _: line, head, count=1) if pattern.search(head) else f"{head}\n{line}"
    return head + sep + body


def _edit(rel: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        if path.is_file():
            path.write_bytes(
                change(path.read_bytes().decode("utf-8", "surrogateescape")).encode(
                    "utf-8", "surrogateescape"
                )
            )

    return apply


@st.composite
def front_matter(draw: st.DrawFn) -> Mutation:
    """A front-matter key of one article set to an awkward YAML value."""
    article = draw(st.sampled_from(ARTICLES))
    key = draw(st.sampled_from(_FRONT_KEYS))
    value = draw(st.one_of(_BY_KEY.get(key, st.nothing()), yaml_values()))
    return Mutation(
        "front-matter",
        f"{article} {key}: {value[:60]!r}",
        _edit(f"{DEMO}/{article}", lambda t: _set_key(t, key, value)),
    )


_SERIES_KEYS = [
    "id",
    "title",
    "description",
    "roadmap",
    "articleCount",
    "outputs.metadata",
    "outputs.changelog",
    "outputs.graph",
    "limits.maxFileBytes",
    "phases",
    "tiers",
]


def _set_series(text: str, key: str, value: str) -> str:
    parent, _, child = key.rpartition(".")
    if not parent:
        return _set_key("---\n" + text, key, value).removeprefix("---\n")
    block = re.compile(rf"^{parent}:\n((?:  .*\n)*)", re.MULTILINE)
    found = block.search(text)
    if found is None:
        return f"{text.rstrip()}\n{parent}:\n  {child}: {value}\n"
    lines = [line for line in found[1].splitlines() if not line.startswith(f"  {child}:")]
    inner = "".join(f"{line}\n" for line in [*lines, f"  {child}: {value}"])
    return text[: found.start(1)] + inner + text[found.end(1) :]


@st.composite
def series_config(draw: st.DrawFn) -> Mutation:
    """A `series.yaml` key (outputs, limits, counts, eras) set to an awkward value."""
    key = draw(st.sampled_from(_SERIES_KEYS))
    value = draw(yaml_values())
    if key.startswith("outputs.") and draw(st.booleans()):
        value = _quoted(draw(st.sampled_from(_PATHS)))

    def apply(root: Path) -> None:
        if "lnk/" in value and not (root / "lnk").exists():
            (root / "lnk").symlink_to(root.parent / "outside", target_is_directory=True)
        _edit(f"{DEMO}/series.yaml", lambda t: _set_series(t, key, value))(root)

    return Mutation("series", f"{key}: {value[:60]!r}", apply)


_FILE_NAMES = [
    "03-mot.md",
    "01-mot.md",
    "03-ba.md",
    "99-x y.md",
    "03-ba\udcff.md",
    "03-ba|x.md",
    "03-a\nb.md",
    "03-Đánh-giá.md",
    unicodedata.normalize("NFD", "03-đánh-giá.md"),
    "03-.md",
    "3-ba.md",
    "03-ba.MD",
    "03-ba.md.md",
    "03-BA.md",
    "-03-ba.md",
    ".03-ba.md",
]


@st.composite
def file_name(draw: st.DrawFn) -> Mutation:
    """An article copied or renamed to an awkward file name."""
    source = draw(st.sampled_from(ARTICLES))
    name = draw(st.one_of(st.sampled_from(_FILE_NAMES), _drawn_name()))
    move = draw(st.booleans())

    def apply(root: Path) -> None:
        folder = os.fsencode(root / DEMO)
        src = os.path.join(folder, os.fsencode(source))
        dst = os.path.join(folder, os.fsencode(name))
        if os.path.isfile(src) and not os.path.exists(dst):
            (os.rename if move else shutil.copyfile)(src, dst)

    return Mutation("file-name", f"{'mv' if move else 'cp'} {source} {name!r}", apply)


def _drawn_name() -> st.SearchStrategy[str]:
    alphabet = st.characters(blacklist_characters="/\x00", codec="utf-8")
    return st.builds(
        "{:02d}-{}.md".format, st.integers(0, 120), st.text(alphabet, min_size=1, max_size=12)
    )


_CODE_TEXTS = [
    b"class Model:\n    pass\n",
    b"class Model(:\n",
    b"x = " + b"(" * 5000 + b"1" + b")" * 5000 + b"\nclass Model: pass\n",
    b"x = " + b"[" * 200 + b"]" * 200 + b"\nclass Model: pass\n",
    b"x = " + b"1+" * 60000 + b"1\nclass Model: pass\n",
    b"x = " + _HUGE.encode() + b"\nclass Model: pass\n",
    b"class Model:\n    pass\n\x00\n",
    b"# coding: latin-1\nclass Model:\n    s = '\xe9'\n",
    b"class Model:\n    s = '\xff\xfe'\n",
    b"\xef\xbb\xbfclass Model:\n    pass\n",
    b"class Model:\r\n    pass\r\n",
    b"def Model():\n    pass\n",
    b"Model = 1\n",
    b"",
]


@st.composite
def code_file(draw: st.DrawFn) -> Mutation:
    """The referenced Python file replaced by awkward bytes."""
    data = draw(st.one_of(st.sampled_from(_CODE_TEXTS), st.binary(max_size=200)))
    return Mutation("code", f"{data[:50]!r}", lambda root: (root / CODE).write_bytes(data))


_NOTEBOOKS = [
    b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
    b'{"cells": [], "metadata": {}, "nbformat": ' + _HUGE.encode() + b', "nbformat_minor": 5}',
    b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 1e400}',
    b"[" * 100_000 + b"]" * 100_000,
    b'{"cells": [{"cell_type": "code", "source": 5}], "nbformat": 4}',
    b'{"cells": "x", "nbformat": 4}',
    b'{"cells": [], "nbformat": "4"}',
    b"\xff\xfe{}",
    b"",
    b"null",
    b'{"cells": [], "nbformat": 4, "nbformat": 3}',
    b'{"cells": [], "nbformat": NaN}',
]


@st.composite
def notebook(draw: st.DrawFn) -> Mutation:
    """The referenced notebook replaced by awkward bytes."""
    data = draw(st.one_of(st.sampled_from(_NOTEBOOKS), st.binary(max_size=200)))
    return Mutation("notebook", f"{data[:50]!r}", lambda root: (root / NOTEBOOK).write_bytes(data))


_BODIES = [
    "\n## LoRA: W = W₀ + BA\n\n[x](#lora-w--w--ba)\n",
    "\n```\n<!-- BEGIN GENERATED reading-box: x -->\n<!-- END GENERATED reading-box -->\n```\n",
    "\n<!-- BEGIN GENERATED reading-box: x -->\n",
    "\n<!-- END GENERATED timeline -->\n",
    "\ndòng\r\nCRLF\r\n",
    "\nchỉ\rCR\r",
    "\nnul\x00\n",
    "\n[x](khong-co.md) [y](01-mot.md#khong-co) [z](../../build/x.png)\n",
    "\n[x](01-mot.md|x) [y](<01 mot.md>)\n",
    "\n# Một\n# Một\n[x](#một-1)\n",
    "\nbài 9 (LLaVA)\n",
    "\n\u2028\u2029\x85\n",
]


@st.composite
def body(draw: st.DrawFn) -> Mutation:
    """Awkward Markdown appended to an article's body."""
    article = draw(st.sampled_from(ARTICLES))
    text = draw(st.one_of(st.sampled_from(_BODIES), st.text(max_size=80)))
    return Mutation(
        "body", f"{article} += {text[:60]!r}", _edit(f"{DEMO}/{article}", lambda t: t + text)
    )


FAMILIES: dict[str, st.SearchStrategy[Mutation]] = {
    "front-matter": front_matter(),
    "series": series_config(),
    "file-name": file_name(),
    "code": code_file(),
    "notebook": notebook(),
    "body": body(),
}
FAMILIES["mixed"] = st.one_of(*FAMILIES.values())


# Cases found before: each one a family and a value that once broke a contract --------


def _front_case(article: str, key: str, value: str) -> Mutation:
    change = _edit(f"{DEMO}/{article}", lambda t: _set_key(t, key, value))
    return Mutation("front-matter", f"{article} {key}: {value[:40]}", change)


def _series_case(key: str, value: str) -> Mutation:
    change = _edit(f"{DEMO}/series.yaml", lambda t: _set_series(t, key, value))
    return Mutation("series", f"{key}: {value[:40]}", change)


def _copy_article(source: str, name: bytes) -> Mutation:
    def apply(root: Path) -> None:
        folder = os.fsencode(root / DEMO)
        shutil.copyfile(os.path.join(folder, os.fsencode(source)), os.path.join(folder, name))

    return Mutation("file-name", f"cp {source} {name!r}", apply)


def _write(family: str, rel: str, data: bytes) -> Mutation:
    return Mutation(family, f"{rel} = {data[:40]!r}", lambda root: (root / rel).write_bytes(data))


KNOWN: dict[str, Mutation] = {
    "duplicate-slug": Mutation(
        "file-name",
        "cp 02-hai.md 03-hai.md with order: 1, prerequisites: []",
        lambda root: [
            change.apply(root)
            for change in (
                _copy_article("02-hai.md", b"03-hai.md"),
                _front_case("03-hai.md", "order", "1"),
                _front_case("03-hai.md", "prerequisites", "[]"),
            )
        ],
    ),
    "non-utf8-file-name": _copy_article("02-hai.md", b"03-ba\xff.md"),
    "huge-integer": _front_case("02-hai.md", "readingTime", _HUGE),
    "draft-prerequisite": _front_case("01-mot.md", "draft", "true"),
    "roadmap-prerequisite": _front_case("02-hai.md", "prerequisites", '["roadmap"]'),
    "carriage-return-title": _front_case("01-mot.md", "title", '"Một\\rhai"'),
    "nul-title": _front_case("01-mot.md", "title", '"Một\\0hai"'),
    "crlf-update": _front_case(
        "01-mot.md", "updates", '[{date: "2025-02-01", summary: "a\\r\\nb"}]'
    ),
    "huge-limit": _series_case("limits.maxFileBytes", _HUGE),
    "changelog-over-an-article": _series_case("outputs.changelog", f"{DEMO}/01-mot.md"),
    "metadata-over-a-notebook": _series_case("outputs.metadata", NOTEBOOK),
    "output-folder": _series_case("outputs.metadata", '"./"'),
    "nul-in-output-path": _series_case("outputs.metadata", '"data/x\\0.json"'),
    "deeply-nested-code": _write("code", CODE, b"x = " + b"1+" * 60000 + b"1\nclass Model: pass\n"),
    "huge-integer-in-notebook": _write("notebook", NOTEBOOK, _NOTEBOOKS[1]),
    "markers-in-a-fence": Mutation(
        "body", "region markers in a fence", _edit(f"{DEMO}/01-mot.md", lambda t: t + _BODIES[1])
    ),
}


# Contracts ------------------------------------------------------------------------------


def snapshot(top: Path, skip: Path | None = None) -> dict[str, bytes]:
    """Every file under `top` (links not followed) as relative path -> bytes."""
    found: dict[str, bytes] = {}
    for folder, dirs, files in os.walk(os.fsencode(top)):
        if skip is not None and os.fsencode(skip) == folder:
            dirs.clear()
            continue
        for name in files:
            path = os.path.join(folder, name)
            rel = os.fsdecode(os.path.relpath(path, os.fsencode(top)))
            found[rel] = b"<link>" if os.path.islink(path) else Path(os.fsdecode(path)).read_bytes()
    return found


_REGION = re.compile(rb"(<!-- BEGIN GENERATED [^\n]*\n).*?(<!-- END GENERATED )", re.DOTALL)


def _sources(tree: dict[str, bytes]) -> dict[str, bytes]:
    """Source files with the insides of generated regions blanked (build may rewrite them)."""
    kept = {}
    for rel, data in tree.items():
        if rel.startswith(("code/", "notebooks/", "content/")):
            kept[rel] = _REGION.sub(rb"\1\2", data) if rel.endswith(".md") else data
    return kept


def _run(root: Path, *args: str) -> tuple[int, str]:
    result = run_cli(*args, "--root", str(root), "--no-cache")
    assert result.code in (0, 1, 2), result
    if "--format" in args and "json" in args and result.code != 2:
        json.loads(result.out)
    return result.code, result.out


def check_contracts(root: Path) -> None:
    """Run validate and build on `root` and assert every contract of the module doc."""
    outside = snapshot(root.parent, skip=root)
    sources = _sources(snapshot(root))
    code, _ = _run(root, "validate", "--format", "json")
    assert _run(root, "validate")[0] == code
    _run(root, "validate", "--format", "github")
    before = snapshot(root)
    built, out = _run(root, "build", "--format", "json")
    assert snapshot(root.parent, skip=root) == outside, "build wrote outside the root"
    if built != 0:
        assert snapshot(root) == before, f"a failed build wrote files\n{out}"
        return
    after = snapshot(root)
    assert _sources(after) == sources, "build wrote over a source"
    checked, report = _run(root, "validate", "--format", "json")
    assert checked == 0 and '"GEN' not in report, report
    assert _run(root, "build", "--check")[0] == 0
    assert _run(root, "build")[0] == 0
    assert snapshot(root) == after, "a second build changed files"
    assert snapshot(root.parent, skip=root) == outside, "build wrote outside the root"
