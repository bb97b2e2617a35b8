"""Messages in Vietnamese and English: the catalogue, the choice of language, the printers."""

from __future__ import annotations

import json
import re
import shlex
import string
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from pipeline.commands.language import choose, from_locale
from pipeline.core import i18n
from pipeline.core.codes import RULES
from tests.conftest import FIXTURES, REPO, run_cli
from tests.test_fixtures import CASES, _prepare

Sample = Callable[[str, str], Path]
LOCALE = REPO / "pipeline/locale"
PO = LOCALE / "vi/LC_MESSAGES/messages.po"
FIELDS = ("summary", "why", "example", "fix")


def _catalogue(path: Path) -> Catalog:
    with open(path, "rb") as handle:
        return read_po(handle)


def _extracted() -> dict[str, set[str]]:
    """Every text the code marks for translation now (msgid -> registry comments), found
    as `make messages` finds them."""
    with open(REPO / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[str, set[str]] = {}
    keywords = {"msg": None, "N_": None}
    for _, _, message, comments, _ in extract_from_dir(
        str(REPO), method_map, options_map, keywords=keywords
    ):
        found.setdefault(str(message), set()).update(comments)
    return found


def _messages(catalogue: Catalog) -> Iterator[Message]:
    return (m for m in catalogue if m.id)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_the_committed_template_lists_what_the_code_says() -> None:
    template = {
        str(m.id): set(m.auto_comments) for m in _messages(_catalogue(LOCALE / "messages.pot"))
    }
    assert template == _extracted(), "run `make messages` and translate what it adds"


def test_every_message_and_registry_text_has_a_vietnamese_translation() -> None:
    catalogue = _catalogue(PO)
    translated = {str(m.id): m for m in _messages(catalogue)}
    missing = [t for t in _extracted() if not translated.get(t) or not translated[t].string]
    assert missing == []
    assert [m.id for m in translated.values() if m.fuzzy] == []
    assert not catalogue.obsolete
    for rule in RULES.values():
        for field in FIELDS:
            text = getattr(rule, field)
            assert translated[text].string, (rule.code, field)
            if _has_prose(text):
                assert translated[text].string != text, (rule.code, field)


def _has_prose(text: str) -> bool:
    """Whether a text has words outside its code spans (an example may be code alone)."""
    return len(re.findall(r"[A-Za-z]{3,}", re.sub(r"`[^`]*`", "", text))) >= 2


def test_translations_keep_every_placeholder_and_format() -> None:
    registry = {getattr(r, f) for r in RULES.values() for f in FIELDS}
    for message in _messages(_catalogue(PO)):
        if message.id in registry:
            continue  # plain texts, printed as they are
        assert _fields(str(message.id)) == _fields(str(message.string)), message.id
        values = {name: "x" for name in _fields(str(message.id))}
        str(message.string).format_map(values | {k: 1 for k in ("size", "limit")})


def test_catalogue_is_utf8_nfc() -> None:
    text = PO.read_bytes().decode("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert "charset=utf-8" in text


def _fail_cases() -> list[str]:
    return [code for code, kind in CASES if kind == "fail"]


def _report(root: Path, *extra: str) -> dict[str, object]:
    _prepare(root)
    args = shlex.split((root / "args").read_text(encoding="utf-8"))
    result = run_cli(*args, "--root", str(root), "--format", "json", *extra)
    document: dict[str, object] = json.loads(result.out)
    return document


@pytest.mark.parametrize("code", _fail_cases())
def test_every_message_and_hint_of_each_sample_is_vietnamese(code: str, sample: Sample) -> None:
    document = _report(sample(code, "fail"), "--lang", "vi")
    diagnostics = document["diagnostics"]
    assert isinstance(diagnostics, list) and diagnostics
    for found in diagnostics:
        assert found["message"] != found["messageEn"], found
        assert found["hint"] is None or found["hint"] != found["hintEn"], found
        assert unicodedata.is_normalized("NFC", found["message"] + (found["hint"] or ""))


def test_text_in_vietnamese(sample: Sample) -> None:
    result = run_cli("validate", "--lang", "vi", "--root", str(sample("FM007", "fail")))
    assert result.code == 1
    assert result.out.splitlines() == [
        "content/demo/01-mot.md:3:7: error FM007 `date` là ngày không đặt trong ngoặc kép "
        "(2024-02-29): trình đọc YAML sẽ biến nó thành đối tượng ngày tháng, không phải văn bản",
        '    gợi ý: hãy đặt ngày trong ngoặc kép: `date: "2024-02-29"`',
        "content/demo/02-hai.md:17:11: error FM007 `date` của mục thứ 1 trong `updates` là ngày "
        "không đặt trong ngoặc kép (2025-02-01): trình đọc YAML sẽ biến nó thành đối tượng ngày "
        "tháng, không phải văn bản",
        '    gợi ý: hãy đặt ngày trong ngoặc kép: `date: "2025-02-01"`',
        "2 lỗi, 0 cảnh báo trong 4 tệp",
    ]


def test_json_carries_the_english_text_beside_the_chosen_language(sample: Sample) -> None:
    root = sample("GR005", "fail")
    vi = json.loads(
        run_cli("validate", "--format", "json", "--lang", "vi", "--root", str(root)).out
    )
    en = json.loads(
        run_cli("validate", "--format", "json", "--lang", "en", "--root", str(root)).out
    )
    assert vi["version"] == en["version"] == 1
    [found], [english] = vi["diagnostics"], en["diagnostics"]
    assert found["message"] == "bài tiên quyết `mot` đã được bao hàm qua `hai`"
    assert found["hint"] == "hãy bỏ `mot`"
    assert found["messageEn"] == english["message"] == english["messageEn"]
    assert found["hintEn"] == english["hint"] == "remove `mot`"
    assert {k: v for k, v in found.items() if k not in ("message", "hint")} == {
        k: v for k, v in english.items() if k not in ("message", "hint")
    }


ANNOTATION = re.compile(
    r"^::(error|warning) file=([^,:]+),line=(\d+),col=(\d+),title=([A-Z]+\d+)::(.+)$"
)


def test_github_annotations_stay_parseable_in_vietnamese(sample: Sample) -> None:
    result = run_cli(
        "validate", "--format", "github", "--lang", "vi", "--root", str(sample("FM007", "fail"))
    )
    lines = result.out.splitlines()
    assert len(lines) == 2
    found = [ANNOTATION.match(line) for line in lines]
    assert all(found)
    first = found[0]
    assert first is not None
    assert first.groups()[:5] == ("error", "content/demo/01-mot.md", "3", "7", "FM007")
    assert first.group(6).endswith('%0Agợi ý: hãy đặt ngày trong ngoặc kép: `date: "2024-02-29"`')


def test_an_unknown_language_is_a_usage_error() -> None:
    result = run_cli("validate", "--lang", "fr")
    assert result.code == 2
    assert "invalid choice: 'fr'" in result.err
    assert "en" in result.err and "vi" in result.err


@pytest.mark.parametrize("command", ["validate", "build", "graph", "schema"])
def test_every_command_accepts_a_language(command: str, sample: Sample) -> None:
    root = sample("GR005", "pass")
    assert run_cli(command, "--lang", "vi", "--root", str(root)).code in (0, 1)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),  # a language without a catalogue: the source's
        ({"LC_MESSAGES": "vi_VN", "LANG": "en_US.UTF-8"}, "vi"),
        ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "vi_VN.UTF-8"}, "en"),
        ({"LC_ALL": "", "LANG": "vi"}, "vi"),  # empty means unset
        ({"LC_ALL": "C", "LANG": "vi_VN.UTF-8"}, None),  # C names no language
        ({"LANG": "POSIX"}, None),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "vi_VN@tone"}, "vi"),
        ({}, None),
    ],
)
def test_locale_precedence(environ: dict[str, str], expected: str | None) -> None:
    assert from_locale(environ) == expected


def test_flag_then_locale_then_series_then_english() -> None:
    assert choose("en", {"LANG": "vi_VN.UTF-8"}, "vi") == "en"
    assert choose(None, {"LANG": "en_US.UTF-8"}, "vi") == "en"
    assert choose(None, {"LANG": "C.UTF-8"}, "vi") == "vi"
    assert choose(None, {}, "vi") == "vi"
    assert choose(None, {}, None) == "en"


def _set_language(root: Path, value: str) -> None:
    config = root / "content/demo/series.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"lang: {value}\n", encoding="utf-8")


def test_the_series_default_prints_vietnamese_and_the_locale_overrides_it(
    sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = sample("GR005", "fail")
    _set_language(root, "vi")
    assert run_cli("validate", "--root", str(root)).out.splitlines()[1:] == [
        "    gợi ý: hãy bỏ `mot`",
        "0 lỗi, 1 cảnh báo trong 5 tệp",
    ]
    assert "hint: remove `mot`" in run_cli("validate", "--lang", "en", "--root", str(root)).out
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "hint: remove `mot`" in run_cli("validate", "--root", str(root)).out


def test_a_series_language_the_pipeline_does_not_speak_gives_english(sample: Sample) -> None:
    root = sample("GR005", "fail")
    _set_language(root, "de-AT")
    result = run_cli("validate", "--root", str(root))
    assert "warning GR005 prerequisite `mot` is already implied by `hai`" in result.out
    assert result.out.splitlines()[-1] == "0 errors, 1 warning in 5 files"


def test_a_malformed_series_language_is_reported_in_the_config(sample: Sample) -> None:
    root = sample("GR005", "pass")
    _set_language(root, "Tiếng Việt")
    result = run_cli("validate", "--root", str(root))
    assert result.code == 1
    assert "error SER001 `lang`" in result.out


def test_a_regional_series_language_speaks_its_language(sample: Sample) -> None:
    root = sample("GR005", "pass")
    _set_language(root, "vi-VN")
    result = run_cli("validate", "--root", str(root))
    assert re.fullmatch(r"0 lỗi, 0 cảnh báo trong \d+ tệp", result.out.splitlines()[-1])


def test_this_repository_defaults_to_vietnamese() -> None:
    result = run_cli("validate", "--root", str(REPO))
    assert re.fullmatch(r"\d+ lỗi, \d+ cảnh báo trong \d+ tệp", result.out.splitlines()[-1])


@pytest.fixture
def catalogues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalogue folder of the test's own, read afresh."""
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    monkeypatch.setattr(i18n, "_CATALOGUES", {})
    return tmp_path / "locale"


@pytest.mark.parametrize("damage", ["missing", "garbage", "truncated"])
def test_a_missing_or_damaged_catalogue_gives_english_and_one_warning(
    damage: str, catalogues: Path, sample: Sample
) -> None:
    compiled = (LOCALE / "vi/LC_MESSAGES/messages.mo").read_bytes()  # built by make
    target = catalogues / "vi/LC_MESSAGES/messages.mo"
    if damage != "missing":
        target.parent.mkdir(parents=True)
        target.write_bytes(b"not a catalogue" if damage == "garbage" else compiled[:200])
    root = sample("FM007", "fail")
    english = run_cli("validate", "--lang", "en", "--root", str(root))
    vietnamese = run_cli("validate", "--lang", "vi", "--root", str(root))
    assert vietnamese.code == english.code == 1
    assert vietnamese.out == english.out
    [warning] = vietnamese.err.splitlines()
    assert warning.startswith("warning: the vi message catalogue ")
    assert "messages are in English" in warning


def test_a_broken_translation_falls_back_to_the_english_text(
    catalogues: Path, tmp_path: Path
) -> None:
    from babel.messages.mofile import write_mo

    catalogue = Catalog(locale="vi")
    catalogue.add("remove `{slug}`", "hãy bỏ `{slg}`")
    target = catalogues / "vi/LC_MESSAGES/messages.mo"
    target.parent.mkdir(parents=True)
    with open(target, "wb") as handle:
        write_mo(handle, catalogue)
    assert i18n.render(i18n.msg("remove `{slug}`", slug="mot"), "vi") == "remove `mot`"


def test_cached_diagnostics_are_rendered_in_the_chosen_language(
    sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    root = sample("FM005", "fail")
    cold = run_cli("validate", "--lang", "vi", "--root", str(root))
    assert (root / ".cache/pipeline").is_dir()
    warm = run_cli("validate", "--lang", "vi", "--root", str(root))
    assert warm.out == cold.out
    assert "gợi ý: hãy dùng một ngày có thật" in warm.out
    assert (
        run_cli("validate", "--lang", "en", "--root", str(root)).out
        == ((FIXTURES / "FM005/fail/expected.txt").read_text(encoding="utf-8").split("\n", 1)[1])
    )


def test_the_vietnamese_reference_is_generated_from_the_registry() -> None:
    from pipeline.render.docs import render_diagnostics_doc

    doc = (REPO / "docs/diagnostics.vi.md").read_text(encoding="utf-8")
    assert doc == render_diagnostics_doc("vi")
    for rule in RULES.values():
        assert f"### {rule.code}: " in doc
    assert "Cách sửa:" in doc and "- Fix:" not in doc


def test_a_changed_translation_changes_the_cache_fingerprint(catalogues: Path) -> None:
    from pipeline.load.cache import fingerprint

    po = catalogues / "vi/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "hint"\nmsgstr "gợi ý"\n', encoding="utf-8")
    before = fingerprint()
    po.write_text('msgid "hint"\nmsgstr "mẹo"\n', encoding="utf-8")
    assert fingerprint() != before


def test_the_job_summary_in_vietnamese() -> None:
    from pipeline.core.codes import diag
    from pipeline.core.diagnostics import Report
    from pipeline.load.changes import Change, render_summary

    broken = diag(
        "LNK001",
        "content/demo/01-mot.md",
        3,
        5,
        i18n.msg("link target `{dest}` not found", dest="x.md"),
    )
    other = diag("GR006", "content/demo/02-hai.md", 9, 3, i18n.msg("remove the duplicate"))
    report = Report.of([broken, other], 2)
    out = render_summary(
        report, [Change("R", "content/demo/02-hai.md", "content/demo/02-b.md")], "main", "vi"
    )
    assert out.splitlines() == [
        "## Kiểm tra series so với `main`",
        "",
        "2 lỗi, 0 cảnh báo trong 2 tệp; 1 tệp đã thay đổi.",
        "",
        "| thay đổi | tệp |",
        "|---|---|",
        "| R | `content/demo/02-hai.md` (trước đây là `content/demo/02-b.md`) |",
        "",
        "### Liên kết trong các bài không đổi bị thay đổi này làm hỏng",
        "",
        "- `content/demo/01-mot.md:3` không tìm thấy đích liên kết `x.md`",
        "",
        "### Các lỗi",
        "",
        "| vị trí | mức độ | mã | thông báo |",
        "|---|---|---|---|",
        "| `content/demo/02-hai.md:9:3` | error | GR006 | hãy bỏ mục trùng |",
    ]
