"""The building blocks of an article body, beyond plain paragraphs.

Cross-links with heading anchors (some percent-encoded, some into another series),
same-file anchors, reference-style links, images, prose references `bài N (Word)`, external
links, math, lists and tables; decoys that must not be reported (links and references inside
inline code and fenced code blocks); and the body text of the injected defects.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from urllib.parse import quote

from bench import words
from bench.plan import ArticlePlan, SeriesPlan
from bench.textgen import folded_words, sentence, sentences

IMAGES = ("hinh-1.png", "hinh-2.png", "hinh-3.png")
IMAGE_DIR = "assets/bench"
MISSING_SLUG = "bai-khong-ton-tai"
MISSING_ANCHOR = "muc-khong-ton-tai"
MISSING_SYMBOL = "ham_khong_ton_tai"


@dataclass(slots=True)
class Context:
    """What an article's text may refer to: its series, the other series, its defect."""

    series: SeriesPlan
    others: list[SeriesPlan]
    defect: str | None = None
    extras: list[str] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)


def paragraph(rng: random.Random, count: int) -> str:
    return " ".join(sentences(rng, count))


def extras(rng: random.Random, article: ArticlePlan, context: Context) -> list[str]:
    extras = [_cross_link(rng, article, context) for _ in range(rng.randint(2, 5))]
    extras.append(_self_link(rng, article))
    extras += [_prose_reference(rng, article, context) for _ in range(rng.randint(1, 3))]
    extras += [_image(rng) for _ in range(rng.randint(0, 2))]
    extras.append(_inline_code_decoy(rng))
    if rng.random() < 0.6:
        extras.append(_fenced_decoy(rng))
    if rng.random() < 0.5:
        extras.append(_external_link(rng, article))
    if rng.random() < 0.4:
        extras.append(_list(rng))
    if rng.random() < 0.3:
        extras.append(_table(rng))
    if rng.random() < 0.4:
        extras.append(f"{sentence(rng)} Ta có $\\mathbf{{z}}_i = W x_i + b$ với $i$ chạy từ 1.")
    defect = _defect_block(rng, article, context)
    if defect:
        extras.append(defect)
    return extras


def _target(rng: random.Random, article: ArticlePlan, context: Context) -> tuple[str, ArticlePlan]:
    """A link destination prefix (folder part) and a target article other than `article`."""
    if context.others and rng.random() < 0.1:
        other = rng.choice(context.others)
        return f"../{other.id}/", rng.choice(other.articles)
    candidates = context.series.articles
    target = rng.choice(candidates)
    while target is article:
        target = rng.choice(candidates)
    return "", target


def _anchored(rng: random.Random, target: ArticlePlan) -> str:
    anchors = target.section_anchors()
    if not anchors or rng.random() < 0.2:
        return ""
    anchor = rng.choice(anchors)
    return "#" + (quote(anchor) if rng.random() < 0.1 else anchor)


def _cross_link(rng: random.Random, article: ArticlePlan, context: Context) -> str:
    folder, target = _target(rng, article, context)
    text = rng.choice(words.LINK_TEXTS)
    dest = f"{folder}{target.file_name}{_anchored(rng, target)}"
    if rng.random() < 0.3:
        label = f"ref-{len(context.definitions) + 1}"
        context.definitions.append(f"[{label}]: {dest}")
        return f"{sentence(rng)} Đọc [{text}][{label}] để hiểu rõ hơn."
    return f"{sentence(rng)} Chi tiết nằm ở [{text}]({dest}), ngay sau phần định nghĩa."


def _self_link(rng: random.Random, article: ArticlePlan) -> str:
    anchor = rng.choice(article.section_anchors())
    return f"Như đã nói ở [mục trước](#{anchor}), {sentence(rng).lower()}"


def _prose_reference(rng: random.Random, article: ArticlePlan, context: Context) -> str:
    target = rng.choice(context.series.numbered)
    label = target.main if rng.random() < 0.5 else " ".join(target.main.split()[:2])
    return f"{sentence(rng)} Nội dung này dựa trên bài {target.order} ({label}) của series."


def _image(rng: random.Random) -> str:
    alt = rng.choice(words.IMAGE_ALTS)
    return f"![{alt}](../../{IMAGE_DIR}/{rng.choice(IMAGES)})\n\n*{alt}* {sentence(rng)}"


def _inline_code_decoy(rng: random.Random) -> str:
    return (
        f"{sentence(rng)} Cú pháp `[liên kết](khong-ton-tai.md#dau-do)` và "
        "`bài 9999 (Sai)` chỉ là ví dụ trong mã, không phải liên kết thật."
    )


def _fenced_decoy(rng: random.Random) -> str:
    return (
        f"{sentence(rng)} Một ví dụ Markdown:\n\n"
        "```markdown\n"
        "[Bài không có](khong-co-that.md)\n"
        "![Ảnh không có](hinh/khong-co.png)\n"
        "[tham chiếu]: thieu.md#khong-co\n"
        "Xem bài 9999 (Sai).\n"
        "```"
    )


def _external_link(rng: random.Random, article: ArticlePlan) -> str:
    return f"{sentence(rng)} Bài báo gốc: [arXiv](https://arxiv.org/abs/2103.{article.order:05d})."


def _list(rng: random.Random) -> str:
    return "\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(3, 5)))


def _table(rng: random.Random) -> str:
    rows = ["| Mô hình | Độ chính xác | Độ trễ |", "|---|---|---|"]
    rows += [
        f"| {rng.choice(words.TITLE_MAINS)} | {rng.randint(50, 95)},{rng.randint(0, 9)}% "
        f"| {rng.randint(5, 90)} ms |"
        for _ in range(rng.randint(2, 4))
    ]
    return "\n".join(rows)


def definitions(rng: random.Random, article: ArticlePlan, context: Context) -> list[str]:
    if not context.definitions:
        return []
    return ["## Tài liệu tham khảo", paragraph(rng, 1), "\n".join(context.definitions)]


def _defect_block(rng: random.Random, article: ArticlePlan, context: Context) -> str | None:
    """The body text of a body defect (front-matter defects live in `front_matter`)."""
    defect = context.defect
    if defect == "LNK001":
        return f"{sentence(rng)} Xem [phần tiếp theo](9999-{MISSING_SLUG}.md)."
    if defect == "LNK002":
        target = next(a for a in context.series.articles if a is not article)
        return f"{sentence(rng)} Xem [mục này]({target.file_name}#{MISSING_ANCHOR})."
    if defect == "LNK005":
        return f"![Hình này bị thiếu trong kho.](../../{IMAGE_DIR}/hinh-bi-thieu.png)"
    if defect == "REF002":
        return _wrong_reference(rng, context)
    return None


def _wrong_reference(rng: random.Random, context: Context) -> str:
    target = rng.choice(context.series.numbered)
    haystack = folded_words(f"{target.title} {target.slug.replace('-', ' ')}")
    label = next(w for w in words.FOREIGN_LABELS if not folded_words(w) & haystack)
    return f"{sentence(rng)} Điều này đã bàn ở bài {target.order} ({label})."
