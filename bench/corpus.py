"""Deterministic generator of synthetic repositories for the benchmark and recall tests.

`generate(root, articles, seed, defects)` writes `content/<id>/series.yaml`, the roadmap
and numbered articles, the companion code, notebooks and images they reference. A clean
corpus (`defects=0`) validates without a single diagnostic; with `defects=k`, k articles
get one known defect each and the returned list says which (path, code).

Same arguments, same bytes: every random choice comes from `random.Random` seeded from
`seed` (one generator for the plan, one per article for its text, one for the defects).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from bench import assets, blocks, render
from bench.plan import ArticlePlan, SeriesPlan, layout, plan_series

DEFECT_CODES = (
    "LNK001",
    "LNK002",
    "LNK005",
    "GR001",
    "CODE003",
    "CODE001",
    "FM005",
    "FM003",
    "REF002",
    "YML003",
)
# Where each defect shows in the file, to report its line.
_MARKERS = {
    "LNK001": f"9999-{blocks.MISSING_SLUG}.md",
    "LNK002": f"#{blocks.MISSING_ANCHOR}",
    "LNK005": "hinh-bi-thieu.png",
    "GR001": "prerequisites:",
    "CODE003": blocks.MISSING_SYMBOL,
    "CODE001": "khong_ton_tai.py",
    "FM005": "date:",
    "FM003": "readingtime:",
    "REF002": "Điều này đã bàn ở bài",
    "YML003": "readingTime:",
}


@dataclass(frozen=True, slots=True, order=True)
class Defect:
    """An injected problem: the file, the code the pipeline must report, and its line."""

    path: str
    code: str
    line: int | None = None
    column: int | None = None


def generate(root: Path, articles: int, seed: int = 0, defects: int = 0) -> list[Defect]:
    """Write a repository of `articles` Markdown files (roadmaps included) under `root`."""
    plan_rng = random.Random(seed)
    sizes = layout(articles)
    series: list[SeriesPlan] = []
    offset = 0
    for series_id, size in sizes:
        series.append(plan_series(plan_rng, series_id, size, offset))
        offset += size
    chosen = _choose_defects(seed, series, defects)
    _write_images(root)
    found: list[Defect] = []
    for plan in series:
        others = [s for s in series if s is not plan]
        found += _write_series(root, plan, others, seed, chosen, single=len(series) == 1)
    return sorted(found)


def _choose_defects(seed: int, series: list[SeriesPlan], count: int) -> dict[str, str]:
    """Article path -> defect code, for `count` numbered articles chosen by the seed."""
    numbered = [a.path for s in series for a in s.numbered]
    if count > len(numbered):
        raise ValueError(f"{count} defects but only {len(numbered)} numbered articles")
    rng = random.Random(f"defects-{seed}")
    picked = rng.sample(numbered, count)
    return {path: DEFECT_CODES[i % len(DEFECT_CODES)] for i, path in enumerate(picked)}


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def _write_images(root: Path) -> None:
    colours = ((200, 30, 30), (30, 160, 60), (40, 70, 200))
    for name, colour in zip(blocks.IMAGES, colours, strict=True):
        _write(root / blocks.IMAGE_DIR / name, assets.tiny_png(*colour))


def _write_series(
    root: Path,
    plan: SeriesPlan,
    others: list[SeriesPlan],
    seed: int,
    chosen: dict[str, str],
    single: bool,
) -> list[Defect]:
    _write(root / f"content/{plan.id}/series.yaml", render.series_yaml(plan, single))
    roadmap = plan.articles[0]
    text = render.roadmap_text(_article_rng(seed, roadmap), roadmap, plan)
    _write(root / roadmap.path, text)
    found = []
    for article in plan.numbered:
        defect = chosen.get(article.path)
        context = blocks.Context(plan, others, defect)
        text = render.article_text(_article_rng(seed, article), article, context)
        _write(root / article.path, text)
        if defect:
            found.append(Defect(article.path, defect, _line_of(text, defect)))
    _write_companions(root, plan)
    return found


def _article_rng(seed: int, article: ArticlePlan) -> random.Random:
    return random.Random(f"{seed}:{article.series}:{article.order}")


def _line_of(text: str, code: str) -> int | None:
    marker = _MARKERS[code]
    index = text.rfind(marker) if code == "YML003" else text.find(marker)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _write_companions(root: Path, plan: SeriesPlan) -> None:
    modules: dict[int, list[int]] = {}
    for article in plan.numbered:
        modules.setdefault((article.order - 1) // 10, []).append(article.order)
    for module, orders in modules.items():
        _write(root / f"code/{plan.id}/mod_{module}.py", assets.python_module(module, orders))
        _write(root / f"notebooks/{plan.id}/nb_{module}.ipynb", assets.notebook(module))
