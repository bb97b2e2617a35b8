"""Figures of article 14 (SOTA 2025): visual tokens against image size under Qwen2-VL's
dynamic resolution, InternVL's tiling and LLaVA-1.5's fixed resize, and pixel shuffle
folding 2 x 2 patches into one token, run through `pixel_shuffle_downsample`."""

from __future__ import annotations

from collections.abc import Callable

import torch
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from vlm.efficiency.token_pruning import vit_token_count
from vlm.figures.style import BLUE, GREEN, GREY, LIGHT, ORANGE, PURPLE, RED, new_figure
from vlm.sota.dynamic_resolution import MAX_PIXELS, qwen2_vl_image_tokens
from vlm.sota.tiling import count_visual_tokens, pixel_shuffle_downsample

ARTICLE = "14"

FACTOR = 28  # Qwen2-VL: patch 14 x 2 x 2 merge


def qwen2_vl_tokens(height: int, width: int, max_pixels: int = MAX_PIXELS) -> int:
    """Visual tokens (without the two markers) under Qwen2-VL's `smart_resize` rule."""
    return qwen2_vl_image_tokens(height, width, max_pixels=max_pixels)


SIDES = list(range(112, 4033, 56))


def tokens_vs_resolution() -> Figure:
    """Tokens for a square image of each side: Qwen2-VL (default and 1280-token budget),
    InternVL (at most 12 tiles of 256 tokens + thumbnail), LLaVA-1.5 (always 336 px)."""
    figure = new_figure(7.6, 3.6)
    axes = figure.add_subplot()
    series = (
        ("Qwen2-VL, mặc định (≤ 16384 token)", BLUE, [qwen2_vl_tokens(s, s) for s in SIDES]),
        (
            "Qwen2-VL, max_pixels = 1280·28·28",
            PURPLE,
            [qwen2_vl_tokens(s, s, 1280 * FACTOR * FACTOR) for s in SIDES],
        ),
        (
            "InternVL (≤ 12 tile + thumbnail)",
            ORANGE,
            [count_visual_tokens(s, s).total_tokens for s in SIDES],
        ),
        ("LLaVA-1.5 (resize về 336 px)", GREY, [vit_token_count(336, 14)] * len(SIDES)),
    )
    for label, colour, values in series:
        axes.plot(SIDES, values, color=colour, label=label, linewidth=1.6, drawstyle="steps-post")
    for side in (224, 1344):
        value = qwen2_vl_tokens(side, side)
        axes.plot([side], [value], "o", color=BLUE, markersize=4)
        axes.annotate(
            f"{side}² → {value}",
            (side, value),
            textcoords="offset points",
            xytext=(6, -12),
            fontsize=8,
            color=BLUE,
        )
    axes.set_yscale("log")
    axes.set_xlabel("Cạnh ảnh vuông (pixel)")
    axes.set_ylabel("Token thị giác vào LLM")
    axes.set_title("Số token theo độ phân giải")
    axes.legend(frameon=False, fontsize=8, loc="upper left")
    return figure


GRID = 4  # a 4 x 4 corner of the 32 x 32 patch grid of one tile
BLOCK_COLOURS = (BLUE, ORANGE, GREEN, RED)


def pixel_shuffle() -> Figure:
    """A 4 x 4 grid of patch features, each patch's channels holding its number, folded by
    `pixel_shuffle_downsample` into 2 x 2 tokens; each token lists the patches it holds."""
    numbers = torch.arange(1, GRID * GRID + 1, dtype=torch.float32).reshape(1, GRID, GRID, 1)
    folded = pixel_shuffle_downsample(numbers, factor=2)[0]  # (2, 2, 4)
    figure = new_figure(7.6, 3.0)
    axes = figure.add_subplot()
    for r in range(GRID):
        for c in range(GRID):
            colour = BLOCK_COLOURS[(r // 2) * 2 + c // 2]
            axes.add_patch(
                Rectangle(
                    (c, GRID - 1 - r),
                    0.94,
                    0.94,
                    facecolor=LIGHT[colour],
                    edgecolor=colour,
                    linewidth=1.2,
                )
            )
            axes.text(
                c + 0.47,
                GRID - 0.53 - r,
                str(int(numbers[0, r, c, 0])),
                ha="center",
                va="center",
                fontsize=9,
            )
    left = GRID + 2.2
    for r in range(2):
        for c in range(2):
            colour = BLOCK_COLOURS[r * 2 + c]
            x, y = left + c * 2, GRID - 2 - r * 2
            axes.add_patch(
                Rectangle(
                    (x, y), 1.9, 1.9, facecolor=LIGHT[colour], edgecolor=colour, linewidth=1.5
                )
            )
            channels = ", ".join(str(int(v)) for v in folded[r, c].tolist())
            axes.text(x + 0.95, y + 0.95, f"[{channels}]", ha="center", va="center", fontsize=8.5)
    axes.annotate(
        "",
        (left - 0.3, GRID / 2),
        (GRID + 0.3, GRID / 2),
        arrowprops={"arrowstyle": "-|>", "color": "#333333"},
    )
    axes.text(GRID + 1.25, GRID / 2 + 0.25, "space-to-depth", ha="center", fontsize=8)
    axes.text(
        GRID / 2,
        -0.45,
        "lưới patch H×W×C\n(một tile: 32×32×C)",
        ha="center",
        va="top",
        fontsize=8.5,
    )
    axes.text(
        left + 2,
        -0.45,
        "token (H/2)×(W/2)×4C\n(một tile: 16×16×4C = 256 token)",
        ha="center",
        va="top",
        fontsize=8.5,
    )
    axes.set_xlim(-0.2, left + 4.2)
    axes.set_ylim(-1.6, GRID + 0.2)
    axes.set_aspect("equal")
    axes.axis("off")
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "tokens-vs-resolution": tokens_vs_resolution,
    "pixel-shuffle": pixel_shuffle,
}
