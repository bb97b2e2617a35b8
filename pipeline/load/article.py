"""Parsing one article: its bytes -> the Article and its diagnostics (pure; the loader and
the worker processes call it)."""

from __future__ import annotations

import re
from typing import Any

from pipeline.core.codes import RULES, diag
from pipeline.core.corpus import Article, ArticleOf
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.i18n import msg
from pipeline.core.records import FrontMatter, front_matter_from_json
from pipeline.domain.regions import blank_regions, find_regions
from pipeline.domain.targets import classify
from pipeline.load.found import Found
from pipeline.load.frontmatter import split_front_matter
from pipeline.load.jsonforms import (
    article_to_json,
    diagnostics_from_json,
)
from pipeline.load.markdown import parse_markdown
from pipeline.load.modelcheck import validate
from pipeline.load.readfile import (
    decode_text,
)
from pipeline.load.yamlparse import YamlResult, load_yaml_mapping

_NUMBERED = re.compile(r"^(\d+)-(.+)\.md$")


_ARTICLE_CODES = {"unknown": "FM003", "missing": "FM004", "invalid": "FM005", "date": "FM007"}


# what loading and validating an article's front matter can report (and nothing else can)
FRONT_MATTER_CODES = frozenset(
    {*(code for code in RULES if code.startswith("YML")), *_ARTICLE_CODES.values()}
)


def identity(rel: str) -> tuple[str, int | None]:
    """Slug and number of an article from its file name (`NN-slug.md`)."""
    name = rel.rsplit("/", 1)[-1]
    numbered = _NUMBERED.match(name)
    if numbered:
        return numbered.group(2), int(numbered.group(1))
    return name.removesuffix(".md"), None


def unreadable(rel: str) -> Article:
    return ArticleOf(rel, *identity(rel), None, None, parse_markdown(""), readable=False)


def parse_entry(
    item: tuple[str, bytes],
    earlier: dict[str, Any] | None = None,
    spelling: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Parse one article's bytes into its JSON entry (`earlier`: the entry of the bytes
    the file had before, whose front matter is reused when its YAML text is the same;
    `spelling`: the series' orthography settings, see `orthography.spelling_of`)."""
    rel, data = item
    article, found = parse_article(rel, *identity(rel), data, (earlier, spelling))
    return article_to_json(article, found)


def _front_matter_of(earlier: Any, yaml_text: str) -> Found[FrontMatter | None] | None:
    """The front matter record and diagnostics of an earlier entry whose YAML text is
    `yaml_text` (loading and validating the same text gives the same), else None."""
    if not isinstance(earlier, dict) or earlier.get("yaml") != [yaml_text, 2]:
        return None
    try:
        front = None if earlier["front"] is None else front_matter_from_json(earlier["front"])
        found = diagnostics_from_json(earlier["diagnostics"])
    except (KeyError, TypeError, ValueError):  # a damaged entry: parse instead
        return None
    return Found(front, tuple(d for d in found if d.code in FRONT_MATTER_CODES))


def parse_article(
    rel: str,
    slug: str,
    file_order: int | None,
    data: bytes,
    context: tuple[dict[str, Any] | None, tuple[str, ...]] = (None, ()),
) -> Found[Article]:
    """An article from its bytes, and what is wrong with it (`context`: the earlier
    entry and the orthography settings, see `parse_entry`)."""
    earlier, spelling = context
    text, unread = decode_text(rel, data)
    if text is None:
        empty = ArticleOf(rel, slug, file_order, None, None, parse_markdown(""), readable=False)
        return Found(empty, unread)
    out: list[Diagnostic] = []
    split = split_front_matter(text)
    front: FrontMatter | None = None
    loaded = None
    if split.yaml is None:
        out.append(
            diag(
                "FM001",
                rel,
                1,
                1,
                msg("front matter missing"),
                msg("start the file with a `---` block of YAML keys, closed by `---`"),
            )
        )
    elif not split.closed:
        out.append(
            diag(
                "FM002",
                rel,
                1,
                1,
                msg("front matter opened with `---` is never closed"),
                msg("add a line with only `---` after the last key"),
            )
        )
    elif (reused := _front_matter_of(earlier, split.yaml)) is not None:
        # only the body changed (the common edit): PyYAML is not even imported
        loaded = YamlResult.positions_later(split.yaml, 2)
        front = reused[0]
        out.extend(reused[1])
    else:
        loaded, problems = load_yaml_mapping(split.yaml, rel, first_line=2)
        out.extend(problems)
        if loaded.value is not None and not problems:
            values, problems = validate("article", loaded, rel, _ARTICLE_CODES)
            front = None if values is None else front_matter_from_json(values)
            out.extend(problems)
    regions, marker_problems = find_regions(split.body)
    out.extend(
        diag(
            "GEN002",
            rel,
            p.line,
            1,
            p.message,
            msg("restore the missing marker line, or delete the region's markers and text"),
        )
        for p in marker_problems
    )
    markdown = parse_markdown(blank_regions(split.body, regions), spelling)
    targets = tuple(classify(link.dest, rel) for link in markdown.links)
    article = ArticleOf(
        rel, slug, file_order, front, loaded, markdown, regions=regions, targets=targets
    )
    return Found(article, tuple(out))
