"""Figures of article 06 (CLIP): the similarity matrix and the training curves of a tiny CLIP."""

from __future__ import annotations

from collections.abc import Callable

import torch
from matplotlib.figure import Figure

from vlm.figures.style import BLUE, GREY, ORANGE, heatmap, new_figure, settle
from vlm.figures.toydata import (
    CAPTIONS,
    CLIP_STEPS,
    NAMES,
    colour_images,
    tokenizer,
    train_clip,
)

ARTICLE = "06"
STEPS = CLIP_STEPS


def similarity_matrix() -> Figure:
    """Cosine similarity of 8 images (two per colour) and the 4 captions, before and after
    training: the diagonal structure appears only after training."""
    words = tokenizer()
    labels = [0, 1, 2, 3, 0, 1, 2, 3]
    figure = new_figure(8.4, 4.0)
    panels = figure.subplots(1, 2)
    for axes, steps, title in (
        (panels[0], 0, "Khởi tạo ngẫu nhiên"),
        (panels[1], STEPS, f"Sau {STEPS} bước InfoNCE"),
    ):
        torch.manual_seed(0)
        model, _, _ = train_clip(steps)
        torch.manual_seed(1)
        with torch.no_grad():
            cosine = (
                model.encode_image(colour_images(labels)) @ model.encode_text(words(CAPTIONS)).T
            )
        mesh = heatmap(
            axes,
            settle(cosine, 2),
            [f"ảnh {NAMES[i]}" for i in labels],
            [f"“{n}”" for n in NAMES],
            cmap="RdBu_r",
            vmin=-1,
            vmax=1,
        )
        axes.set_title(title)
        axes.set_xlabel("caption “a photo of a … square”")
    figure.colorbar(mesh, ax=panels, shrink=0.8, label="cosine(ảnh, caption)")
    return figure


def training_curves() -> Figure:
    """InfoNCE loss over training against the log N of guessing, and what the temperature
    does to the softmax of one row of trained cosine similarities."""
    torch.manual_seed(0)
    model, losses, _ = train_clip(STEPS)
    torch.manual_seed(1)
    words = tokenizer()
    with torch.no_grad():
        row = model.encode_image(colour_images([0])) @ model.encode_text(words(CAPTIONS)).T
    figure = new_figure(8.4, 3.0)
    left, right = figure.subplots(1, 2, width_ratios=(1.2, 1))
    left.plot(range(1, STEPS + 1), settle(losses), color=BLUE)
    left.axhline(1.3863, color="#777777", linestyle="--", linewidth=1)
    left.text(STEPS, 1.5, "log 4 ≈ 1,39: đoán ngẫu nhiên", ha="right", fontsize=8, color="#555555")
    left.set_xlabel("bước huấn luyện")
    left.set_ylabel("InfoNCE đối xứng")
    left.set_title("Loss trên batch 4 cặp")
    width = 0.26
    for k, (scale, colour) in enumerate(((1.0, GREY), (3.0, ORANGE), (1 / 0.07, BLUE))):
        probabilities = settle((scale * row[0]).softmax(dim=0), 3)
        positions = [i + (k - 1) * width for i in range(len(NAMES))]
        right.bar(
            positions,
            probabilities,
            width,
            color=colour,
            label=f"1/τ = {scale:.3g}".replace(".", ","),
        )
    right.set_xticks(range(len(NAMES)), [f"“{n}”" for n in NAMES])
    right.set_ylabel("softmax(hàng của ảnh red)")
    right.set_ylim(0, 1.05)
    right.set_title("Temperature làm softmax nhọn dần")
    right.legend(frameon=False, fontsize=8)
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "similarity-matrix": similarity_matrix,
    "training-curves": training_curves,
}
