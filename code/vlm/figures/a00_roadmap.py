"""Figures of the roadmap (article 00): the series on its two axes, eras and tiers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from vlm.figures.style import BLUE, GREEN, LIGHT, ORANGE, PURPLE, RED, SKY, new_figure

ARTICLE = "00"
ROOT = Path(__file__).resolve().parents[3]
SERIES = "vlm"
TIER_COLOURS = (BLUE, GREEN, ORANGE, PURPLE, RED, SKY)  # in the order of series.yaml, cycled
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


class Era(NamedTuple):
    """A phase of series.yaml with the numbers of its published articles."""

    title: str
    years: str
    articles: tuple[int, ...]


class Tier(NamedTuple):
    """A tier of series.yaml with the numbers of its published articles."""

    title: str
    articles: tuple[int, ...]


def series_axes(
    root: Path = ROOT, series: str = SERIES
) -> tuple[tuple[Era, ...], tuple[Tier, ...]]:
    """The two groupings of the roadmap's section 2, read from `content/<series>/series.yaml`
    (`phases`, `tiers`) and each published article's front matter (`order`, `phase`)."""
    folder = root / "content" / series
    config = yaml.safe_load((folder / "series.yaml").read_text(encoding="utf-8"))
    published = dict(_published(folder))
    eras = tuple(
        Era(
            phase["title"],
            phase["years"],
            tuple(sorted(n for n, of in published.values() if of == phase["id"])),
        )
        for phase in config["phases"]
    )
    tiers = tuple(
        Tier(
            tier["title"],
            tuple(sorted(published[s][0] for s in tier["articles"] if s in published)),
        )
        for tier in config["tiers"]
    )
    return eras, tiers


def _published(folder: Path) -> Iterator[tuple[str, tuple[int, str]]]:
    """(slug, (order, phase)) of each article that is not a draft and has a phase."""
    for path in sorted(folder.glob("[0-9]*-*.md")):
        front = _front_matter(path.read_text(encoding="utf-8"))
        if front.get("phase") and not front.get("draft"):
            yield path.stem.split("-", 1)[1], (int(front["order"]), str(front["phase"]))


def _front_matter(text: str) -> dict[str, Any]:
    found = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    data = yaml.safe_load(found.group(1)) if found else None
    return data if isinstance(data, dict) else {}


def eras_and_tiers(root: Path = ROOT, series: str = SERIES) -> Figure:
    """Each article as a square: its column is its number, its row its era, its colour its
    tier; an article whose era and tier differ from its neighbours' shows where the two
    axes part. Eras, tiers and articles come from the series (`series_axes`)."""
    eras, tiers = series_axes(root, series)
    row_of = {n: row for row, era in enumerate(eras) for n in era.articles}
    last = max(row_of, default=0)
    figure = new_figure(round(2.6 + 0.4 * last, 2), round(0.6 * len(eras), 2))
    axes = figure.add_subplot()
    for row, era in enumerate(eras):
        axes.axhspan(row - 0.45, row + 0.45, color=LIGHT[BLUE] if row % 2 else "#F4F4F4")
        axes.text(0.3, row, f"{era.title}\n{era.years}", ha="right", va="center", fontsize=8.5)
    colours = [TIER_COLOURS[i % len(TIER_COLOURS)] for i in range(len(tiers))]
    for tier, colour in zip(tiers, colours, strict=True):
        for number in (n for n in tier.articles if n in row_of):
            axes.scatter([number], [row_of[number]], s=380, marker="s", color=colour, zorder=2)
            axes.text(
                number,
                row_of[number],
                str(number),
                ha="center",
                va="center",
                color="white",
                fontsize=9,
                fontweight="bold",
                zorder=3,
            )
    axes.set_xlim(0.4, last + 0.6)
    axes.set_ylim(len(eras) - 0.5, -0.5)
    axes.set_xticks(sorted(row_of))
    axes.set_yticks([])
    axes.set_xlabel("Số thứ tự bài")
    axes.spines["left"].set_visible(False)
    handles = [Patch(color=c, label=tier.title) for tier, c in zip(tiers, colours, strict=True)]
    axes.legend(
        handles=handles,
        title="Tầng học tập",
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
        fontsize=8.5,
        title_fontsize=9,
    )
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {"eras-and-tiers": eras_and_tiers}
