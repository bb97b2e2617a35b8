"""Figures of article 08 (token compression): ToMe's token count per layer, computed by
running `merge_tokens`, and the tile grids InternVL picks for images of several shapes."""

from __future__ import annotations

from collections.abc import Callable

import torch
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from vlm.efficiency.token_pruning import merge_tokens, vit_token_count
from vlm.figures.style import BLUE, GREY, LIGHT, ORANGE, RED, new_figure, settle
from vlm.sota.tiling import count_visual_tokens

ARTICLE = "08"

# ViT-L/16 at 384 px as in the ToMe paper's tables: 24 x 24 = 576 patch tokens, 24 blocks.
IMAGE_SIZE, PATCH, LAYERS, DIM = 384, 16, 24, 32
MERGE_RATES = (0, 8, 16, 23)


def merged_counts(r: int) -> tuple[list[int], list[float]]:
    """Tokens after each block when every block merges `r` pairs, and the largest token
    size (original patches folded into one token) at the end; random features stand in
    for the keys."""
    tokens = torch.randn(1, vit_token_count(IMAGE_SIZE, PATCH), DIM)
    sizes = torch.ones(1, tokens.shape[1])
    counts = [tokens.shape[1]]
    for _ in range(LAYERS):
        tokens, sizes = merge_tokens(tokens, min(r, tokens.shape[1] // 2), sizes)
        counts.append(tokens.shape[1])
    return counts, settle(sizes[0]).tolist()


def tome_schedule() -> Figure:
    """Tokens left after each ViT block for several r, and the share of attention cost
    (sum over blocks of n^2) that is left."""
    figure = new_figure(8.0, 3.4)
    left, right = figure.subplots(1, 2, width_ratios=(1.6, 1))
    colours = (GREY, BLUE, ORANGE, RED)
    shares = []
    for r, colour in zip(MERGE_RATES, colours, strict=True):
        counts, _ = merged_counts(r)
        left.plot(
            range(LAYERS + 1), counts, marker="o", markersize=3, color=colour, label=f"r = {r}"
        )
        left.text(LAYERS + 0.4, counts[-1], str(counts[-1]), va="center", fontsize=8, color=colour)
        shares.append(sum(n * n for n in counts[:-1]) / (LAYERS * counts[0] ** 2))
    left.set_xlabel("Block của ViT-L/16 (384 px)")
    left.set_ylabel("Số token đi vào block sau")
    left.set_title("ToMe bớt r token mỗi block")
    left.set_xlim(0, LAYERS + 2.5)
    left.legend(frameon=False, fontsize=8)
    labels = [f"r = {r}" for r in MERGE_RATES]
    values = settle([100 * s for s in shares], 1)
    left_bars = right.barh(labels, values, color=colours)
    right.bar_label(left_bars, labels=[f"{v:.0f}%" for v in values], fontsize=8, padding=2)
    right.invert_yaxis()
    right.set_xlim(0, 120)
    right.set_xlabel("Chi phí QKᵀ còn lại (Σ n², % so với r = 0)")
    right.set_title("Phần bậc hai của attention")
    return figure


# (width, height) of typical inputs: a square photo, a 4:3 photo, a wide screenshot,
# a tall receipt, a panorama.
SHAPES = (
    ("Ảnh vuông nhỏ", 448, 448),
    ("Ảnh 4:3", 800, 600),
    ("Ảnh chụp màn hình 16:9", 1920, 1080),
    ("Hóa đơn dọc", 600, 1600),
    ("Ảnh toàn cảnh", 3000, 600),
)
TOP = 5  # the tallest grid (2 x 5) has five rows


def tiling_grids() -> Figure:
    """Each image's grid of 448-px tiles that `choose_grid` picks (at most 12), drawn with
    one square per tile, and the visual tokens it costs with the thumbnail."""
    figure = new_figure(8.4, 3.0)
    axes = figure.add_subplot()
    x = 0.0
    for title, width, height in SHAPES:
        count = count_visual_tokens(width, height)
        cols, rows = count.grid
        slot = max(cols, 2.2)
        left = x + (slot - cols) / 2
        for r in range(rows):
            for c in range(cols):
                axes.add_patch(
                    Rectangle(
                        (left + c, TOP - 1 - r),
                        1,
                        1,
                        facecolor=LIGHT[BLUE],
                        edgecolor=BLUE,
                        linewidth=1.2,
                    )
                )
        middle = x + slot / 2
        axes.text(
            middle, TOP + 0.3, f"{title}\n{width}×{height}", ha="center", va="bottom", fontsize=8.5
        )
        axes.text(
            middle,
            -0.3,
            f"lưới {cols}×{rows}"
            + (" + thumbnail" if count.num_tiles > cols * rows else "")
            + f"\n{count.num_tiles} × {count.tokens_per_tile} = {count.total_tokens} token",
            ha="center",
            va="top",
            fontsize=8,
        )
        x += slot + 1.4
    axes.set_xlim(-0.3, x - 1.1)
    axes.set_ylim(-1.9, TOP + 1.4)
    axes.set_aspect("equal")
    axes.axis("off")
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "tome-schedule": tome_schedule,
    "tiling-grids": tiling_grids,
}
