"""Figures of article 02 (multimodal fundamentals): cross-attention as soft alignment, and
the modality gap of a tiny CLIP."""

from __future__ import annotations

from collections.abc import Callable

import torch
from matplotlib.figure import Figure

from vlm.figures.style import BLUE, ORANGE, heatmap, new_figure, settle
from vlm.figures.toydata import (
    CAPTIONS,
    CLIP_STEPS,
    NAMES,
    colour_images,
    tokenizer,
    train_clip,
)
from vlm.fundamentals.cross_attention import scaled_dot_product_cross_attention

ARTICLE = "02"
WORDS = ("con", "mèo", "màu", "gì")
REGIONS = ("mèo", "ghế", "nền", "pad", "pad")


def cross_attention_weights() -> Figure:
    """Four question tokens attend to three image tokens and two padding positions: each row
    is a distribution over the keys, and padding gets exactly zero."""
    keys = torch.tensor(
        [[2.0, 0, 0, 0], [0, 2.0, 0, 0], [0, 0, 2.0, 0], [0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5]]
    )
    queries = torch.tensor(
        [[0.4, 0.3, 0.3, 0], [2.2, 0.2, 0, 0], [1.4, 0, 0.6, 0], [0.5, 0.4, 0.4, 0]]
    )
    padding = torch.tensor([[False, False, False, True, True]])
    _, weights = scaled_dot_product_cross_attention(
        queries[None, None], keys[None, None], keys[None, None], key_padding_mask=padding
    )
    figure = new_figure(5.6, 3.0)
    axes = figure.add_subplot()
    mesh = heatmap(
        axes,
        settle(weights[0, 0], 2),
        [f"“{w}”" for w in WORDS],
        [f"{r}" for r in REGIONS],
        cmap="Blues",
        vmin=0,
        vmax=1,
    )
    axes.set_xlabel("key/value: token ảnh (hai cột cuối là padding)")
    axes.set_ylabel("query: token câu hỏi")
    axes.xaxis.set_label_position("top")
    axes.xaxis.tick_top()
    figure.colorbar(mesh, ax=axes, shrink=0.85, label="trọng số attention")
    return figure


def _embeddings(steps: int) -> tuple[torch.Tensor, torch.Tensor]:
    torch.manual_seed(0)
    model, _, _ = train_clip(steps)
    words = tokenizer()
    texts = [*CAPTIONS, *(f"a blurry drawing of a {n} square" for n in NAMES)]
    torch.manual_seed(1)
    with torch.no_grad():
        images = model.encode_image(colour_images([i % 4 for i in range(24)]))
        return images, model.encode_text(words(texts))


def modality_gap() -> Figure:
    """Unit embeddings of 24 images and 8 captions projected on their two main axes (PCA),
    at initialisation and after training, with the gap between the two centroids."""
    figure = new_figure(8.4, 3.6)
    panels = figure.subplots(1, 2)
    for axes, steps, title in (
        (panels[0], 0, "Khởi tạo ngẫu nhiên"),
        (panels[1], CLIP_STEPS, f"Sau {CLIP_STEPS} bước InfoNCE"),
    ):
        images, texts = _embeddings(steps)
        both = torch.cat([images, texts])
        centred = both - both.mean(dim=0)
        _, _, basis = torch.linalg.svd(centred, full_matrices=False)
        flat = settle(centred @ basis[:2].T, 3)
        gap = float((images.mean(dim=0) - texts.mean(dim=0)).norm())
        axes.scatter(flat[:24, 0], flat[:24, 1], s=18, color=BLUE, label="ảnh")
        axes.scatter(flat[24:, 0], flat[24:, 1], s=36, marker="^", color=ORANGE, label="caption")
        axes.set_title(f"{title}\n‖Δ‖ = {gap:.2f}".replace(".", ","))
        axes.set_xlabel("thành phần chính 1")
        axes.set_ylabel("thành phần chính 2")
        axes.set_aspect("equal", adjustable="datalim")
    panels[0].legend(frameon=False, fontsize=8, loc="best")
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "cross-attention-weights": cross_attention_weights,
    "modality-gap": modality_gap,
}
