"""Rendering planned articles, roadmaps and series configs to text.

An article is its front matter, an `#` title, an introduction, then its `##`/`###` sections
of plain paragraphs with the blocks of `bench.blocks` spread over them, sized so that the
body has about the planned number of words; `readingTime` is computed from the body.
"""

from __future__ import annotations

import json
import random

from bench.blocks import MISSING_SLUG, MISSING_SYMBOL, Context, definitions, extras, paragraph
from bench.plan import ArticlePlan, SeriesPlan
from bench.textgen import word_count

_WORDS_PER_SENTENCE = 16


def yaml_list(items: list[str]) -> str:
    """A flow-style YAML list of quoted strings (JSON syntax is valid YAML)."""
    return json.dumps(items, ensure_ascii=False)


def reading_minutes(body: str) -> int:
    """Minutes to read `body`: 200 words a minute, 15 code lines a minute."""
    code_lines, prose_words, fenced = 0, 0, False
    for line in body.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        elif fenced:
            code_lines += 1
        else:
            prose_words += word_count(line)
    return max(1, round(prose_words / 200 + code_lines / 15))


def front_matter(article: ArticlePlan, defect: str | None, minutes: int) -> str:
    """The `---` block of an article, with the front-matter defect if it has one."""
    date = "2025-02-30" if defect == "FM005" else article.date
    excerpt = f"{article.main}: những ý chính, công thức và mã nguồn đi kèm."
    lines = [
        "---",
        f'title: "{article.title}"',
        f'date: "{date}"',
        'category: "vision-language-models"',
        f"tags: {yaml_list(article.tags or ['roadmap'])}",
        f'excerpt: "{excerpt}"',
        'author: "Nhóm Benchmark"',
        f"readingTime: {minutes}",
    ]
    if defect == "YML003":
        lines.append(f"readingTime: {minutes}")
    if defect == "FM003":
        lines.append(f"readingtime: {minutes}")
    lines += [
        f"featured: {'true' if article.order % 50 == 1 else 'false'}",
        f'series: "{article.series}"',
        f"order: {article.order}",
    ]
    if article.phase:
        lines.append(f'phase: "{article.phase}"')
    lines += _references(article, defect)
    if article.updated:
        lines += [
            f'updated: "{article.updated}"',
            "updates:",
            f'  - date: "{article.updated}"',
            '    summary: "Bổ sung ví dụ và sửa công thức."',
        ]
    return "\n".join([*lines, "---", ""])


def _references(article: ArticlePlan, defect: str | None) -> list[str]:
    prerequisites = list(article.prerequisites)
    code = list(article.code)
    if defect == "GR001":
        prerequisites.append(MISSING_SLUG)
    if defect == "CODE003":
        code[0] = code[0].rsplit("::", 1)[0] + f"::{MISSING_SYMBOL}"
    if defect == "CODE001":
        code.append(f"code/{article.series}/khong_ton_tai.py::func")
    return [
        f"prerequisites: {yaml_list(prerequisites)}",
        f"code: {yaml_list(code)}",
        f"notebooks: {yaml_list(article.notebooks)}",
    ]


def article_text(rng: random.Random, article: ArticlePlan, context: Context) -> str:
    """The whole file of a numbered article, about `article.words` words long."""
    context.definitions = []
    context.extras = extras(rng, article, context)
    sections = _sections(article)
    placed: list[list[str]] = [[] for _ in sections]
    for extra in context.extras:
        placed[rng.randrange(len(sections))].append(extra)
    intro = paragraph(rng, 3)
    headings = sum(len(s) for s in sections)
    budget = article.words - _extras_words(context) - word_count(intro)
    per_heading = max(2, round(budget / _WORDS_PER_SENTENCE / headings))
    blocks = [f"# {article.headings[0].text}", intro]
    for section, section_extras in zip(sections, placed, strict=True):
        blocks += _section(rng, section, section_extras, per_heading)
    blocks += definitions(rng, article, context)
    return _file(article, context.defect, blocks)


def _file(article: ArticlePlan, defect: str | None, blocks: list[str]) -> str:
    body = "\n\n".join(blocks) + "\n"
    return front_matter(article, defect, reading_minutes(body)) + "\n" + body


def _extras_words(context: Context) -> int:
    return sum(word_count(e) for e in context.extras)


def _sections(article: ArticlePlan) -> list[list[str]]:
    """Heading lines grouped by `##` section (each `###` stays in its section)."""
    groups: list[list[str]] = []
    for heading in article.headings[1:]:
        line = f"{'#' * heading.level} {heading.text}"
        if heading.level == 2 or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _section(rng: random.Random, headings: list[str], pending: list[str], count: int) -> list[str]:
    """A `##` section (and its `###` subsections): `count` sentences under each heading."""
    blocks: list[str] = []
    for index, heading in enumerate(headings):
        blocks.append(heading)
        left = count
        while left > 0:
            size = min(left, rng.randint(2, 5))
            blocks.append(paragraph(rng, size))
            left -= size
            if index == 0 and pending:
                blocks.append(pending.pop())
    blocks += pending
    return blocks


def roadmap_text(rng: random.Random, roadmap: ArticlePlan, series: SeriesPlan) -> str:
    """The order-0 index page: goals, then every article grouped by era."""
    goals, eras, reading = roadmap.headings[1:]
    blocks = [f"# {roadmap.title}", paragraph(rng, 4), f"## {goals.text}", paragraph(rng, 5)]
    blocks.append(f"## {eras.text}")
    for phase in series.phases:
        members = [a for a in series.numbered if a.phase == phase.id]
        blocks.append(f"### {phase.title} ({phase.years})")
        blocks.append(paragraph(rng, 2))
        if members:
            blocks.append(
                "\n".join(f"- Bài {a.order}: [{a.title}]({a.file_name})" for a in members)
            )
    first = series.numbered[0]
    blocks += [
        f"## {reading.text}",
        f"{paragraph(rng, 3)} Bắt đầu từ bài {first.order} ({first.main.split()[0]}) rồi "
        f"đi theo [các giai đoạn](#{eras.anchor}).",
    ]
    return _file(roadmap, None, blocks)


def series_yaml(series: SeriesPlan, single: bool) -> str:
    """`content/<id>/series.yaml` of a planned series."""
    lines = [
        "# Synthetic series written by bench/corpus.py.",
        f"id: {series.id}",
        f'title: "Series đo hiệu năng {series.id}"',
        "description: >-",
        "  Series tổng hợp để đo tốc độ và bộ nhớ của pipeline: văn bản tiếng Việt có dấu,",
        "  liên kết chéo, tham chiếu mã nguồn và đồ thị tiên quyết.",
        f"roadmap: {series.articles[0].path}",
        f"articleCount: {len(series.numbered)}",
        "phases:",
    ]
    for phase in series.phases:
        lines += [
            f"  - id: {phase.id}",
            f'    title: "{phase.title}"',
            f'    years: "{phase.years}"',
            f'    description: "{phase.description}"',
        ]
    lines += [
        "outputs:",
        f"  metadata: {series.metadata_path}",
        f"  changelog: {series.changelog_path(single)}",
    ]
    return "\n".join(lines) + "\n"
