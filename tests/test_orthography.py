"""Tone-mark placement and the glossary, against a table written out by hand."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.domain.orthography import NEW, OLD, findings, place_tone
from pipeline.load.markdown import parse_markdown
from tests.conftest import Result

# The oracle: every vowel with the five tones (sắc, huyền, hỏi, ngã, nặng), typed as text,
# independent of the Unicode decomposition the code under test works with.
TONED = {
    "a": "áàảãạ",
    "e": "éèẻẽẹ",
    "o": "óòỏõọ",
    "u": "úùủũụ",
    "y": "ýỳỷỹỵ",
    "i": "íìỉĩị",
    "ô": "ốồổỗộ",
    "ê": "ếềểễệ",
    "ư": "ứừửữự",
    "ơ": "ớờởỡợ",
    "ă": "ắằẳẵặ",
    "â": "ấầẩẫậ",
}
ONSETS = ["", "b", "ch", "đ", "g", "gi", "h", "kh", "l", "ng", "ngh", "nh", "qu", "t", "th", "x"]
# rime letters, and which of them carries the tone in each convention (old, new)
AFFECTED = {"oa": (0, 1), "oe": (0, 1), "uy": (0, 1)}
# rimes whose tone position is the same in both conventions
FIXED = {
    "a": 0,
    "i": 0,
    "y": 0,
    "oan": 1,
    "oai": 1,
    "oay": 1,
    "oen": 1,
    "uynh": 1,
    "uyên": 2,
    "uya": 0,
    "uyu": 1,
    "uê": 1,
    "ua": 0,
    "ia": 0,
    "ôi": 0,
    "ươi": 1,
    "oă": 1,
    "uâ": 1,
}
KNOWN_PAIRS = [
    ("hóa", "hoá"),
    ("khỏe", "khoẻ"),
    ("thủy", "thuỷ"),
    ("hòa", "hoà"),
    ("Hòa", "Hoà"),
    ("HÒA", "HOÀ"),
    ("ủy", "uỷ"),
    ("Ủy", "Uỷ"),
    ("lũy", "luỹ"),
    ("tọa", "toạ"),
    ("xòe", "xoè"),
    ("òa", "oà"),
]
UNCHANGED = ["quý", "Quỳ", "giá", "quá", "hoàn", "khoái", "khuỷu", "thuế", "tuyết", "hoặc", "hoa"]


def _mark(letters: str, index: int, tone: int) -> str:
    return letters[:index] + TONED[letters[index]][tone] + letters[index + 1 :]


def _oracle(onset: str, rime: str, tone: int, placement: str) -> str:
    """The syllable written in `placement`, from the tables alone."""
    if rime in AFFECTED and onset != "qu":
        index = AFFECTED[rime][0 if placement == OLD else 1]
    elif onset == "qu" and rime == "uy":  # "qu" + "y": the tone is on the y
        index = 1
    else:
        index = FIXED.get(rime, 0)
    return onset + _mark(rime, index, tone)


def _cased(word: str, style: str) -> str:
    return {"lower": word, "upper": word.upper(), "title": word[:1].upper() + word[1:]}[style]


SYLLABLES = st.tuples(
    st.sampled_from(ONSETS),
    st.sampled_from(sorted({*AFFECTED, *FIXED})),
    st.integers(0, 4),
    st.sampled_from(["lower", "upper", "title"]),
)


@settings(max_examples=1500, deadline=None)
@given(SYLLABLES, st.sampled_from([OLD, NEW]), st.booleans())
def test_each_syllable_is_written_as_the_table_says(
    syllable: tuple[str, str, int, str], placement: str, nfd: bool
) -> None:
    onset, rime, tone, style = syllable
    for source in (OLD, NEW):
        written = _cased(_oracle(onset, rime, tone, source), style)
        given_text = unicodedata.normalize("NFD", written) if nfd else written
        expected = _cased(_oracle(onset, rime, tone, placement), style)
        assert unicodedata.normalize("NFC", place_tone(given_text, placement)) == expected


@settings(max_examples=500, deadline=None)
@given(SYLLABLES, st.sampled_from([OLD, NEW]))
def test_conversion_round_trips_and_is_idempotent(
    syllable: tuple[str, str, int, str], placement: str
) -> None:
    onset, rime, tone, style = syllable
    word = _cased(_oracle(onset, rime, tone, placement), style)
    other = NEW if placement == OLD else OLD
    assert place_tone(place_tone(word, other), placement) == word
    assert place_tone(word, placement) == word


def test_known_pairs_and_words_no_convention_changes() -> None:
    for old, new in KNOWN_PAIRS:
        assert place_tone(old, NEW) == new and place_tone(new, OLD) == old
    for word in [*UNCHANGED, "model", "LoRA", "2025", "", "óá"]:
        assert place_tone(word, OLD) == word and place_tone(word, NEW) == word


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(SYLLABLES, st.sampled_from([OLD, NEW])), min_size=1, max_size=12))
def test_a_sentence_reports_exactly_the_words_of_the_other_convention(
    words: list[tuple[tuple[str, str, int, str], str]],
) -> None:
    text, expected = "", []
    for (onset, rime, tone, style), convention in words:
        word = _cased(_oracle(onset, rime, tone, convention), style)
        preferred = _cased(_oracle(onset, rime, tone, OLD), style)
        if word != preferred:
            expected.append((len(text), word, preferred))
        text += word + ", "
    found = [(f.start, f.found, f.preferred) for f in findings(text, OLD, {}, ())]
    assert found == expected


def test_glossary_terms_are_whole_words_in_any_case_and_urls_are_skipped() -> None:
    glossary = {"tỷ": ("tỷ", "tỉ"), "llm referee": ("LLM referee", "giám khảo")}
    avoided = tuple(sorted(glossary))
    text = "Tỷ lệ 7 TỶ, tỷtrọng, LLM referee, https://x.org/tỷ, www.tỷ.vn hoá"
    found = [
        (f.start, f.found, f.preferred, f.glossary) for f in findings(text, OLD, glossary, avoided)
    ]
    assert found == [
        (0, "Tỷ", "Tỉ", True),
        (8, "TỶ", "TỈ", True),
        (21, "LLM referee", "giám khảo", True),
        (62, "hoá", "hóa", False),
    ]


def test_changing_the_glossary_is_seen_with_the_cache_on(
    sample: Callable[[str, str], Path], cli: Callable[..., Result]
) -> None:
    root = sample("ORT002", "pass")
    assert cli("validate", "--root", str(root)).code == 0  # fills the cache
    config = root / "content/demo/series.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("avoid: [tỷ]", "avoid: [tỷ, lệ]"),
        encoding="utf-8",
    )
    result = cli("validate", "--strict", "--root", str(root))
    assert result.code == 1 and "ORT002 “lệ”" in result.out


def test_columns_are_exact_after_entities_and_escapes() -> None:
    line = "Một \\*x &amp; y &#104; hoá, `hoá` $hoá$ [hoá](https://x.org/hoá) <!-- hoá -->"
    parsed = parse_markdown(f"# Tiêu đề\n\n{line}\n", (OLD,))
    found = [
        (prose.line, prose.column + f.start)
        for prose in parsed.prose
        for f in findings(prose.text, OLD, {}, ())
    ]
    assert found == [(3, line.index("hoá") + 1), (3, line.index("[hoá") + 2)]


def test_a_syllable_glued_to_digits_or_letters_is_not_a_word() -> None:
    assert findings("3hoá _hoá hoáx nghxhoá", OLD, {}, ()) == []
