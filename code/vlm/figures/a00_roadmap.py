"""Figures of the roadmap (article 00): the series on its two axes, eras and tiers."""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from vlm.figures.style import BLUE, GREEN, LIGHT, ORANGE, PURPLE, new_figure

ARTICLE = "00"

# The two groupings of the roadmap's section 2 (as in content/vlm/series.yaml and each
# article's `phase`): eras with their years and articles, tiers with their articles.
ERAS = (
    ("Khởi nguyên", "2015–2019", (1, 2)),
    ("Contrastive Revolution", "2020–2021", (3, 4, 5, 6)),
    ("Cầu nối tới LLM", "2022–2023", (7, 8, 9, 10)),
    ("Fine-tuning & Đánh giá", "2023–2024", (11, 12)),
    ("Ứng dụng & SOTA", "2024–2025", (13, 14)),
)
TIERS = (
    ("Nền tảng", BLUE, (1, 2, 3, 4)),
    ("Huấn luyện", GREEN, (5, 6, 7, 9, 10)),
    ("Tối ưu nâng cao", ORANGE, (8, 11, 12)),
    ("Xu hướng mới", PURPLE, (13, 14)),
)


def eras_and_tiers() -> Figure:
    """Each article as a square: its column is its number, its row its era, its colour its
    tier; article 8 and article 5 show where the two axes part."""
    figure = new_figure(8.2, 3.0)
    axes = figure.add_subplot()
    row_of = {n: row for row, (_, _, members) in enumerate(ERAS) for n in members}
    for row, (title, years, _) in enumerate(ERAS):
        axes.axhspan(row - 0.45, row + 0.45, color=LIGHT[BLUE] if row % 2 else "#F4F4F4")
        axes.text(0.3, row, f"{title}\n{years}", ha="right", va="center", fontsize=8.5)
    for _, colour, members in TIERS:
        for number in members:
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
    axes.set_xlim(0.4, len(row_of) + 0.6)
    axes.set_ylim(len(ERAS) - 0.5, -0.5)
    axes.set_xticks(sorted(row_of))
    axes.set_yticks([])
    axes.set_xlabel("Số thứ tự bài")
    axes.spines["left"].set_visible(False)
    handles = [Patch(color=colour, label=title) for title, colour, _ in TIERS]
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
