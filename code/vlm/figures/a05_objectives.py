"""Figures of article 05 (pretraining objectives): InfoNCE read off its logit matrix, and
what the temperature does to the loss of matched and shuffled pairs."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
from matplotlib.figure import Figure

from vlm.figures.style import BLUE, GREY, ORANGE, heatmap, new_figure, settle
from vlm.fundamentals.similarity import cosine_similarity_matrix
from vlm.losses.contrastive import info_nce_from_logits, symmetric_info_nce

ARTICLE = "05"
N = 5


def _pairs(n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """n image embeddings and n texts close to them (text i describes image i)."""
    images = torch.randn(n, 16)
    return images, images + 0.9 * torch.randn(n, 16)


def infonce_matrix() -> Figure:
    """The logits S / tau of 5 pairs, then the softmax of each row (image -> text) and of
    each column (text -> image); the loss is the mean of -log of the two diagonals."""
    images, texts = _pairs(N)
    tau = 0.1
    logits = cosine_similarity_matrix(images, texts) / tau
    rows, columns = logits.softmax(dim=1), logits.softmax(dim=0)
    loss = info_nce_from_logits(logits)
    figure = new_figure(10.0, 3.5)
    panels = figure.subplots(1, 3)
    labels_i = [f"ảnh {i + 1}" for i in range(N)]
    labels_t = [f"văn bản {j + 1}" for j in range(N)]
    heatmap(
        panels[0],
        settle(logits, 1),
        labels_i,
        labels_t,
        cmap="RdBu_r",
        fmt="{:.1f}",
        vmin=-10,
        vmax=10,
    )
    panels[0].set_title("Logits cos(uᵢ, wⱼ)/τ, τ = 0,1", fontsize=9.5)
    heatmap(panels[1], settle(rows, 2), labels_i, labels_t, cmap="Blues", vmin=0, vmax=1)
    panels[1].set_title("Softmax hàng: ảnh → văn bản", fontsize=9.5)
    heatmap(panels[2], settle(columns, 2), labels_i, labels_t, cmap="Oranges", vmin=0, vmax=1)
    panels[2].set_title("Softmax cột: văn bản → ảnh", fontsize=9.5)
    for axes in panels:
        axes.tick_params(axis="x", labelrotation=45, labelsize=7.5)
        axes.tick_params(axis="y", labelsize=7.5)
    figure.suptitle(
        f"InfoNCE đối xứng = trung bình −log đường chéo của hai ma trận = {float(loss):.3f}".replace(
            ".", ","
        ),
        fontsize=10,
    )
    return figure


def loss_and_temperature() -> Figure:
    """Symmetric InfoNCE of 16 matched pairs and of the same pairs shuffled, for tau from
    0.01 to 10: a large tau blurs both towards log N; a small tau separates them."""
    images, texts = _pairs(16)
    shuffled = texts[torch.roll(torch.arange(16), 1)]
    taus = np.geomspace(0.01, 10, 61)
    matched = [float(symmetric_info_nce(images, texts, float(t))) for t in taus]
    wrong = [float(symmetric_info_nce(images, shuffled, float(t))) for t in taus]
    figure = new_figure(6.4, 3.3)
    axes = figure.add_subplot()
    axes.plot(taus, settle(matched), color=BLUE, label="cặp khớp (đường chéo đúng)")
    axes.plot(taus, settle(wrong), color=ORANGE, label="cặp xáo trộn")
    axes.axhline(float(settle(np.log(16))), color=GREY, linestyle="--", linewidth=1)
    axes.text(10, np.log(16) * 1.15, "log 16 ≈ 2,77", ha="right", fontsize=8, color="#555555")
    axes.axvline(0.07, color=GREY, linestyle=":", linewidth=1)
    axes.text(0.075, 25, "τ = 0,07\n(CLIP khởi tạo)", fontsize=8, color="#555555")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("temperature τ (thang log)")
    axes.set_ylabel("InfoNCE đối xứng, batch 16 (thang log)")
    axes.legend(frameon=False, fontsize=8, loc="upper right", bbox_to_anchor=(1, 0.85))
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "infonce-matrix": infonce_matrix,
    "loss-and-temperature": loss_and_temperature,
}
