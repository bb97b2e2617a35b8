"""Validation and YAML syntax messages: the key, the expected form and the fix in words."""

from __future__ import annotations

import pytest

from pipeline.load.article import parse_entry
from pipeline.load.jsonforms import diagnostics_from_json
from pipeline.load.wording import expected, node_at, ordinal, where

FRONT = """\
title: "Bài thử"
date: "2025-03-21"
category: "demo"
tags: ["demo"]
excerpt: "Một câu."
author: "Tác giả"
readingTime: 3
series: "demo"
order: 1
phase: "dau"
"""


def _report(front: str, body: str = "\n# Bài\n") -> list[str]:
    """`line:column CODE message | hint` of each diagnostic of an article."""
    entry = parse_entry(("content/demo/01-bai.md", f"---\n{front}---\n{body}".encode()))
    return [
        f"{d.line}:{d.column} {d.code} {d.message} | {d.hint}"
        for d in diagnostics_from_json(entry["diagnostics"])
    ]


def _with(line: str) -> str:
    """FRONT with the key of `line` replaced by `line`."""
    key = line.split(":", 1)[0]
    kept = [old for old in FRONT.splitlines() if not old.startswith(f"{key}:")]
    return "\n".join([*kept, line]) + "\n"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "date: 2025-02-10",
            "11:7 FM007 `date` is an unquoted date (2025-02-10): YAML readers turn it into a "
            'date object, not text | quote it: `date: "2025-02-10"`',
        ),
        (
            "readingTime: 10.0",
            "11:14 FM005 `readingTime` must be a whole number from 1 to 600 or `auto`, got the number 10.0"
            " | write the whole number without a decimal point: 10",
        ),
        (
            "phase: [1, 2]",
            '11:8 FM005 `phase` must be a lowercase kebab-case id such as "clip-deep-dive", '
            "got a list | write a single value here, not a list or a mapping",
        ),
        (
            'tags: ["demo", "Video"]',
            "11:16 FM005 the 2nd entry of `tags` must be a lowercase kebab-case id such as "
            '"clip-deep-dive", got the text "Video" | write words joined by hyphens, '
            'e.g. "clip-deep-dive"',
        ),
        (
            'title: "Video\\r\\nLLM"',
            '11:8 FM005 `title` must be one line of text, got the text "Video\\r\\nLLM" | '
            "remove the control character (a line break, tab or NUL; shown escaped), "
            "and write the text on one line",
        ),
        (
            'updates: [{date: "2025-03-22", summary: "a\\0b"}]',
            "12:41 FM005 `summary` of the 1st entry of `updates` must be one line of text, got "
            'the text "a\\x00b" | remove the control character (a line break, tab or NUL; '
            "shown escaped), and write the text on one line",
        ),
        (
            'notebooks: ["notebooks/demo/01\\r.ipynb"]',
            "12:13 FM005 the 1st entry of `notebooks` must be a path relative to the repository "
            'root, such as "notebooks/vlm/01.ipynb", got the text "notebooks/demo/01\\r.ipynb" | '
            "write the path from the repository root, with `/`, on one line",
        ),
        (
            "tags: [" + "a" * 81 + "]",
            "11:8 FM005 the 1st entry of `tags` must be at most 80 characters long, got 81 | "
            "shorten it to 80 characters or fewer",
        ),
        (
            "title: true",
            "11:8 FM005 `title` must be one line of text, got `true` | put the value in double "
            'quotes: "true"',
        ),
        (
            'author: ""',
            "11:9 FM005 `author` must be one line of text, got an empty text | write the text; "
            "it cannot be empty",
        ),
    ],
)
def test_invalid_values_are_named_with_the_expected_form(line: str, expected: str) -> None:
    assert _report(_with(line)) == [expected]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (
            FRONT + "\tdraft: true\n",
            "12:1 YML001 YAML syntax error: found character that cannot start any token | "
            "indent with spaces: YAML does not accept tabs for indentation "
            "(replace the tab on line 12)",
        ),
        (
            _with("title: Video-LLM: hiểu video dài"),
            "11:17 YML001 YAML syntax error: mapping values are not allowed in this context | "
            "put the value in double quotes, because `: ` inside it starts a new key: "
            'write `title: "Video-LLM: hiểu video dài"`',
        ),
        (
            _with("title: \u201cVideo-LLM: hiểu video dài\u201d"),
            "11:18 YML001 YAML syntax error: mapping values are not allowed in this context | "
            'use straight quotes: write `title: "Video-LLM: hiểu video dài"`',
        ),
        (
            FRONT.replace('excerpt: "Một câu."', "excerpt: Một câu\ntiếp theo."),
            "8:1 YML001 YAML syntax error: could not find expected ':' | line 7 is not "
            "`key: value`: add the key and a colon, or indent the line to continue the "
            "value above",
        ),
    ],
)
def test_yaml_syntax_errors_say_what_to_type(front: str, expected: str) -> None:
    assert _report(front) == [expected]


def test_a_missing_closing_fence_is_named_when_the_article_runs_into_the_yaml() -> None:
    text = f"---\n{FRONT}\n# Bài thử\n\nMột đoạn văn.\n\n---\n\nĐoạn sau.\n"
    entry = parse_entry(("content/demo/01-bai.md", text.encode()))
    found = diagnostics_from_json(entry["diagnostics"])
    assert [(d.line, d.code, d.hint) for d in found] == [
        (
            17,
            "YML001",
            "the front matter seems to run into the article: add a line with only `---` "
            "after the last key, before line 13",
        )
    ]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_positions_after_unicode_line_separators_are_file_lines(separator: str) -> None:
    front = FRONT.replace("readingTime: 3", 'readingTime: "3"')
    assert _report(f"# một{separator}# hai\n{front}") == [
        '9:14 FM005 `readingTime` must be a whole number from 1 to 600 or `auto`, got the text "3" | '
        "write a whole number of minutes without quotes, or `auto`"
    ]


def test_places_are_counted_as_people_count() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
    ]
    assert where(("outputs", "metadata")) == "`outputs.metadata`"
    assert where(("phases", 2, "years")) == "`years` of the 3rd entry of `phases`"
    assert (
        where(("updates", 0, "tags", 1)) == "the 2nd entry of `tags` of the 1st entry of `updates`"
    )


def test_a_choice_names_its_allowed_values() -> None:
    schema = {"properties": {"tonePlacement": {"enum": ["old", "new"], "type": "string"}}}
    node = node_at(schema, ("tonePlacement",))
    assert expected(schema, node, {}) == "one of `old`, `new`"
