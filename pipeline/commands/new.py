"""`new`: scaffold the next numbered article of a series with valid front matter."""

from __future__ import annotations

import datetime
import json
import re
import sys
from pathlib import Path
from typing import NamedTuple

from pipeline.commands.console import emit
from pipeline.commands.language import for_corpus
from pipeline.commands.printers import render_text
from pipeline.commands.stages import load_root, pick_series, render_outputs, validate_root
from pipeline.core.codes import RULES, blocks_build
from pipeline.core.corpus import Series
from pipeline.core.diagnostics import EXIT_CONTENT, Report, UsageError, exit_code
from pipeline.core.records import FrontMatter
from pipeline.core.writer import write_atomic, write_outputs
from pipeline.domain.slugs import ascii_slug


class Plan(NamedTuple):
    """What `new` will write."""

    path: str
    slug: str
    order: int
    text: str


def plan_article(
    series: Series, title: str, phase: str | None, after: str | None, date: str
) -> Plan:
    """The file name, slug and text of the next article (pure)."""
    articles = series.valid_articles()
    numbered = [a for a in articles if a.front.order > 0]
    order = max((a.front.order for a in numbered), default=0) + 1
    slug = ascii_slug(title)[:60].strip("-")
    if not slug:
        raise UsageError("the title gives an empty slug; use letters or digits")
    last = max(numbered, key=lambda a: a.front.order, default=None)
    phase = phase or (last.front.phase if last else None)
    phases = [p.id for p in series.config.phases] if series.config else []
    if phase not in phases:
        raise UsageError(f"unknown phase {phase!r}; use --phase with one of {', '.join(phases)}")
    if after is not None and after not in {a.slug for a in articles}:
        raise UsageError(f"unknown article {after!r} for --after")
    source = next((a.front for a in articles if a.front.order == 0), None)
    folder = series.config_path.rsplit("/", 1)[0]
    text = _front_matter(title, date, series, order, phase, after, source) + _outline(title)
    return Plan(f"{folder}/{order:02d}-{slug}.md", slug, order, text)


def _front_matter(
    title: str,
    date: str,
    series: Series,
    order: int,
    phase: str,
    after: str | None,
    source: FrontMatter | None,
) -> str:
    category = source.category if source else series.id
    author = source.author if source else ""
    lines = [
        "---",
        f"title: {quoted(title)}",
        f"date: {quoted(date)}",
        f"category: {quoted(category)}",
        f"tags: [{quoted(series.id)}]",
        f"excerpt: {quoted('TODO: một hai câu nói người đọc học được gì từ bài ' + title + '.')}",
        f"author: {quoted(author or 'Tác giả')}",
        "readingTime: auto",
        "featured: false",
        "draft: true",
        f"series: {quoted(series.id)}",
        f"order: {order}",
        f"phase: {quoted(phase)}",
        f"prerequisites: [{quoted(after)}]" if after else "prerequisites: []",
        "code: []",
        "notebooks: []",
        "---",
    ]
    return "\n".join(lines) + "\n"


def quoted(value: str) -> str:
    """A YAML double-quoted string (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


READING_BOX = (
    "<!-- BEGIN GENERATED reading-box: sinh tự động từ front matter; sửa front matter rồi chạy "
    "`make build-metadata`, đừng sửa tay -->\n<!-- END GENERATED reading-box -->\n"
)


OUTLINE = (
    ("Động lực", "vấn đề nào khiến ý tưởng này ra đời, và vì sao người đọc cần nó."),
    ("Cơ chế", "ý tưởng chính, từng bước, với công thức hoặc hình khi cần."),
    ("Mã nguồn đi kèm", "trích đoạn từ code/ (liệt kê tệp trong `code:`) và notebook."),
    ("Hiểu lầm thường gặp", "hai ba hiểu lầm và cách sửa."),
    ("Đọc tiếp", "bài nào nên đọc sau bài này, và vì sao."),
    ("Tài liệu tham khảo", "bài báo gốc và nguồn chính, có năm và liên kết."),
)


def _outline(title: str) -> str:
    """The article's skeleton: one TODO per section, saying what the section holds."""
    body = [f"\n# {title}\n\n{READING_BOX}"]
    body += [f"\n## {name}\n\nTODO: {what}\n" for name, what in OUTLINE]
    return "".join(body)


def bump_config(config_text: str, slug: str, tier: str | None) -> str:
    """series.yaml text with `articleCount` + 1 and `slug` added to a one-line tier list."""
    counted = re.sub(
        r"(?m)^(articleCount:\s*)(\d+)",
        lambda m: f"{m.group(1)}{int(m.group(2)) + 1}",
        config_text,
        count=1,
    )
    if tier is None:
        return counted
    pattern = re.compile(rf"(?ms)(- id: {re.escape(tier)}\n.*?^\s+articles: \[)([^\]\n]*)\]")
    return pattern.sub(lambda m: f"{m.group(1)}{m.group(2)}, {slug}]", counted, count=1)


def check_date(date: str) -> str:
    """`date` when it is a real day written `YYYY-MM-DD`; otherwise a usage error."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            datetime.date.fromisoformat(date)
            return date
    except ValueError:
        pass
    raise UsageError(f"--date {date} is not a day written YYYY-MM-DD (e.g. 2025-03-21)")


def new(
    *,
    root: Path,
    title: str,
    series_id: str | None,
    phase: str | None,
    after: str | None,
    date: str | None,
    lang: str | None = None,
) -> int:
    """Check every argument, write the next article (a draft) and the updated series.yaml,
    refresh the generated outputs as `build` does, and print what `validate` prints next
    (the series is validated once, after the writes)."""
    day = check_date(date) if date is not None else None
    corpus = load_root(root)
    series = pick_series(corpus, series_id)
    day = day or max((a.front.date for a in series.valid_articles()), default="2025-01-01")
    plan = plan_article(series, title, phase, after, day)
    if (root / plan.path).exists() or any(a.slug == plan.slug for a in series.articles):
        print(
            f"error: {plan.path} or an article with slug `{plan.slug}` already exists; "
            "nothing written",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    config_path = root / series.config_path
    tier = _last_tier(series)
    new_config = bump_config(config_path.read_text(encoding="utf-8"), plan.slug, tier)
    write_atomic(root / plan.path, plan.text.encode("utf-8"))
    write_atomic(config_path, new_config.encode("utf-8"))
    print(
        f"new: wrote {plan.path} (order {plan.order}, a draft) and updated {series.config_path}",
        file=sys.stderr,
    )
    report, refreshed = _refresh_outputs(root)
    for rel in refreshed:
        print(f"new: {rel} refreshed", file=sys.stderr)
    emit(render_text(report, for_corpus(lang, corpus)))
    return exit_code(report)


def _refresh_outputs(root: Path) -> tuple[Report, list[str]]:
    """Validate; when nothing but what `build` fixes stands in the way, write what `build`
    writes. The report (without the problems the writes fixed) and the files written."""
    result = validate_root(root)
    report = result.report
    if any(map(blocks_build, report.diagnostics)):
        return report, []
    outputs, problems = render_outputs(root, result.corpus)
    if problems:
        return report, []
    kept = [d for d in report.diagnostics if not RULES[d.code].fixed_by_build]
    return Report.of(kept, report.files), write_outputs(root, outputs)


def _last_tier(series: Series) -> str | None:
    tiers = series.config.tiers if series.config else []
    return tiers[-1].id if tiers else None
