"""Figures of article 03 (vision encoders): cutting an image into patches, and what the
resolution costs in tokens and in compute."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from vlm.figures.style import BLUE, GREY, ORANGE, RED, new_figure, settle
from vlm.vision.patch_embed import PatchEmbedding
from vlm.vision.tokenize import patchify, unpatchify

ARTICLE = "03"
SIZE, PATCH = 64, 16


def _scene() -> torch.Tensor:
    """A 64x64 RGB drawing (sky, sun, grass, a red house) as a (1, 3, 64, 64) tensor in [0, 1]."""
    y, x = torch.meshgrid(torch.arange(SIZE), torch.arange(SIZE), indexing="ij")
    image = torch.zeros(3, SIZE, SIZE)
    image[0], image[1], image[2] = 0.55, 0.75, 0.95  # sky
    grass = y >= 44
    image[:, grass] = torch.tensor([0.35, 0.65, 0.3])[:, None]
    sun = (x - 50) ** 2 + (y - 12) ** 2 <= 49
    image[:, sun] = torch.tensor([1.0, 0.85, 0.2])[:, None]
    wall = (x >= 12) & (x < 34) & (y >= 30) & (y < 50)
    image[:, wall] = torch.tensor([0.8, 0.25, 0.2])[:, None]
    roof = (y >= 18) & (y < 30) & ((x - 23).abs() <= (y - 18))
    image[:, roof] = torch.tensor([0.45, 0.2, 0.15])[:, None]
    return image.unsqueeze(0)


def patch_grid() -> Figure:
    """The drawing with its 4x4 grid of 16x16 patches numbered in raster order, and the same
    patches as the sequence the transformer reads, with the shapes the companion code gives."""
    image = _scene()
    patches = patchify(image, PATCH)  # (1, 16, 768)
    tokens = PatchEmbedding(SIZE, PATCH, dim=64)(image)  # (1, 17, 64)
    figure = new_figure(8.6, 3.4)
    grid = figure.add_gridspec(1, 2, width_ratios=(1, 2.1))
    left, right = figure.add_subfigure(grid[0]), figure.add_subfigure(grid[1])
    axes = left.add_subplot()
    axes.imshow(settle(image[0].permute(1, 2, 0), 3), interpolation="nearest")
    for k in range(1, SIZE // PATCH):
        axes.axhline(k * PATCH - 0.5, color="white", linewidth=1.5)
        axes.axvline(k * PATCH - 0.5, color="white", linewidth=1.5)
    for index in range(patches.shape[1]):
        row, column = divmod(index, SIZE // PATCH)
        axes.text(
            column * PATCH + 2,
            row * PATCH + 2,
            str(index + 1),
            ha="left",
            va="top",
            fontsize=7,
            color="black",
            bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "linewidth": 0},
        )
    axes.set_xticks([])
    axes.set_yticks([])
    axes.set_title(f"Ảnh {SIZE}×{SIZE}, patch P = {PATCH}")
    strip = right.subplots(1, patches.shape[1] + 1, gridspec_kw={"wspace": 0.08})
    strip[0].add_patch(Rectangle((0, 0), 1, 1, facecolor=ORANGE))
    strip[0].set_xlim(0, 1)
    strip[0].set_ylim(0, 1)
    strip[0].set_aspect("equal")
    strip[0].text(0.5, 0.5, "CLS", ha="center", va="center", fontsize=7, rotation=90)
    for index, axes_k in enumerate(strip[1:]):
        one = unpatchify(patches[:, index : index + 1], PATCH, PATCH)[0]
        axes_k.imshow(settle(one.permute(1, 2, 0), 3), interpolation="nearest")
        axes_k.set_title(str(index + 1), fontsize=7)
    for axes_k in strip:
        axes_k.set_xticks([])
        axes_k.set_yticks([])
    right.text(
        0.5, 0.78, "chuỗi token theo thứ tự hàng: trái → phải, trên → dưới", ha="center", fontsize=9
    )
    right.text(
        0.5,
        0.2,
        f"ảnh {tuple(image.shape)} → patchify → {tuple(patches.shape)}\n"
        f"→ chiếu tuyến tính E, thêm CLS, + E_pos → {tuple(tokens.shape)}",
        ha="center",
        va="center",
        fontsize=8.5,
        family="DejaVu Sans Mono",
    )
    return figure


def tokens_and_cost() -> Figure:
    """Patch tokens N = floor(H/P)^2 against resolution for P = 14 and 16, and the compute of
    one layer (12 N D^2 + 2 N^2 D, D = 1024) relative to 224 px."""
    figure = new_figure(8.4, 3.2)
    left, right = figure.subplots(1, 2)
    for patch, colour in ((14, BLUE), (16, GREY)):
        grid = np.arange(112 // patch, 896 // patch + 1) * patch
        left.plot(grid, (grid // patch) ** 2, color=colour, label=f"patch {patch}")
    marks = (
        (224, "256", (10, -4)),
        (336, "576", (10, -4)),
        (384, "729", (-10, 12)),
        (448, "1024", (-10, 12)),
    )
    for size, label, offset in marks:
        count = (size // 14) ** 2
        left.scatter([size], [count], color=RED, zorder=3, s=16)
        left.annotate(
            f"{size} px → {label}",
            (size, count),
            fontsize=7.5,
            xytext=offset,
            textcoords="offset points",
            ha="left" if offset[0] > 0 else "right",
            va="top" if offset[1] < 0 else "bottom",
        )
    left.set_xlabel("cạnh ảnh vuông (pixel)")
    left.set_ylabel("số token patch N")
    left.set_title("Token tăng theo bình phương cạnh ảnh")
    left.legend(frameon=False, fontsize=8)
    dim = 1024
    sizes = np.arange(8, 65) * 14
    tokens = (sizes // 14) ** 2
    base = 12 * 256 * dim**2 + 2 * 256**2 * dim
    linear = 12 * tokens * dim**2 / base
    quadratic = 2 * tokens**2 * dim / base
    right.stackplot(
        sizes,
        settle(linear, 3),
        settle(quadratic, 3),
        colors=(BLUE, ORANGE),
        labels=("12·N·D² (chiếu QKVO, MLP)", "2·N²·D (điểm attention)"),
        alpha=0.85,
    )
    right.set_xlabel("cạnh ảnh vuông (pixel), patch 14")
    right.set_ylabel("phép nhân-cộng / mức 224 px")
    right.set_title("Chi phí một lớp ViT-L (D = 1024)")
    right.legend(frameon=False, fontsize=8, loc="upper left")
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "patch-grid": patch_grid,
    "tokens-and-cost": tokens_and_cost,
}
