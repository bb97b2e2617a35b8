"""Figures of article 07 (BLIP-2): the Q-Former's attention masks and its data flow."""

from __future__ import annotations

from collections.abc import Callable

import torch
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from vlm.blip2.masks import OBJECTIVES, qformer_attention_mask
from vlm.blip2.qformer import BLIP2Bridge, QFormer
from vlm.clip.model import TinyVisionTransformer
from vlm.figures.style import BLUE, GREEN, GREY, ORANGE, arrow, box, diagram_axes, new_figure

ARTICLE = "07"
QUERIES, TEXT = 4, 5
_TITLES = {
    "ITC": "ITC: uni-modal",
    "ITM": "ITM: bi-directional",
    "ITG": "ITG: multimodal causal",
}


def attention_masks() -> Figure:
    """The three masks of `vlm.blip2.masks` for 4 queries and 5 text tokens: a dark cell
    lets the row's position attend to the column's."""
    labels = [f"q{i + 1}" for i in range(QUERIES)] + [f"t{i + 1}" for i in range(TEXT)]
    figure = new_figure(8.6, 3.2)
    panels = figure.subplots(1, 3)
    colours = ListedColormap(["#F2F2F2", BLUE])
    for axes, objective in zip(panels, OBJECTIVES, strict=True):
        mask = qformer_attention_mask(QUERIES, TEXT, objective).int().numpy()
        axes.pcolormesh(mask, cmap=colours, vmin=0, vmax=1, edgecolors="white", linewidth=0.8)
        axes.axhline(QUERIES, color=ORANGE, linewidth=1.5)
        axes.axvline(QUERIES, color=ORANGE, linewidth=1.5)
        axes.set_xticks([i + 0.5 for i in range(len(labels))], labels, fontsize=7)
        axes.set_yticks([i + 0.5 for i in range(len(labels))], labels, fontsize=7)
        axes.invert_yaxis()
        axes.xaxis.tick_top()
        axes.tick_params(length=0)
        axes.set_aspect("equal")
        for side in ("left", "bottom"):
            axes.spines[side].set_visible(False)
        axes.set_xlabel(_TITLES[objective], fontsize=10, fontweight="bold")
    return figure


def data_flow() -> Figure:
    """Frozen image encoder -> Q-Former with learned queries -> linear -> soft prompts, with
    the shapes the companion code's `BLIP2Bridge` gives for a batch of 2 images."""
    encoder = TinyVisionTransformer(image_size=32, patch_size=8, dim=64)
    bridge = BLIP2Bridge(encoder, QFormer(num_queries=8, dim=48, image_dim=64), language_dim=96)
    images = torch.randn(2, 3, 32, 32)
    with torch.no_grad():
        features = encoder(images)
        queries = bridge.qformer(features)
        prompts = bridge(images)
    query_shape = tuple(bridge.qformer.query_embeddings.shape)
    figure = new_figure(8.8, 2.9)
    axes = diagram_axes(figure, 13.2, 4.2)
    box(axes, (1.0, 2.6), (1.6, 0.9), "ảnh", GREY)
    box(axes, (3.6, 2.6), (2.0, 1.0), "ViT\n(đóng băng)", GREY)
    box(axes, (7.0, 2.6), (2.2, 1.2), "Q-Former\nself-attn +\ncross-attn", GREEN)
    box(axes, (7.0, 0.6), (2.2, 0.7), "query học được", ORANGE)
    box(axes, (9.9, 2.6), (1.4, 0.9), "Linear", GREEN)
    box(axes, (12.2, 2.6), (1.8, 1.0), "LLM\n(đóng băng)", GREY)
    arrow(axes, (1.8, 2.6), (2.6, 2.6), str(tuple(images.shape)), offset=(0, 0.5))
    arrow(axes, (4.6, 2.6), (5.9, 2.6), f"F {tuple(features.shape)}", offset=(0, 0.62))
    arrow(axes, (7.0, 0.95), (7.0, 2.0), f"{query_shape}", offset=(0.95, -0.1))
    arrow(axes, (8.1, 2.6), (9.2, 2.6), f"Z {tuple(queries.shape)}", offset=(0, 0.62))
    arrow(axes, (10.6, 2.6), (11.3, 2.6), "")
    box(axes, (12.2, 0.6), (1.8, 0.7), "văn bản", GREY)
    arrow(axes, (12.2, 0.95), (12.2, 2.1), "")
    axes.text(
        10.95,
        3.6,
        f"soft prompt {tuple(prompts.shape)}",
        ha="center",
        fontsize=7.5,
        family="DejaVu Sans Mono",
        color="#444444",
    )
    axes.text(
        0.2, 4.05, "chỉ khối xanh lá và các query được huấn luyện", fontsize=8, color="#444444"
    )
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "attention-masks": attention_masks,
    "data-flow": data_flow,
}
