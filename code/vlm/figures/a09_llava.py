"""Figures of article 09 (LLaVA training): the two stages as a data-flow diagram with tensor
shapes, and the loss of both stages of the tiny LLaVA in `vlm.llava.train`."""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from vlm.figures.style import (
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    RED,
    arrow,
    box,
    diagram_axes,
    new_figure,
    settle,
)
from vlm.llava.train import TinyLlava, freeze_for_stage, train

ARTICLE = "09"

FROZEN, TRAINED = GREY, RED


def stage_row(axes: Axes, y: float, title: str, data: str, trained_llm: bool) -> None:
    """One stage of LLaVA at height `y`: image -> ViT -> projector -> LLM <- text."""
    axes.text(0.1, y + 1.05, title, fontsize=10, fontweight="bold", va="bottom")
    axes.text(0.1, y + 0.72, data, fontsize=8.5, va="bottom", color="#444444")
    box(axes, (0.9, y), (1.4, 0.7), "Ảnh $X_v$\n3×224×224", color=BLUE, fontsize=8)
    box(axes, (3.2, y), (1.8, 0.7), "CLIP ViT-L/14\nđóng băng", color=FROZEN, fontsize=8)
    box(axes, (6.45, y), (1.6, 0.7), "Projector $W$\nhuấn luyện", color=TRAINED, fontsize=8)
    llm = "Vicuna\nhuấn luyện" if trained_llm else "Vicuna\nđóng băng"
    box(axes, (9.7, y), (1.7, 0.7), llm, color=TRAINED if trained_llm else FROZEN, fontsize=8)
    box(axes, (9.7, y - 1.1), (2.6, 0.5), "chỉ dẫn $X_q$ → Emb, L×4096", color=ORANGE, fontsize=7.5)
    box(axes, (12.05, y), (1.5, 0.7), "câu trả lời $X_a$\n(tính loss)", color=GREEN, fontsize=8)
    arrow(axes, (1.6, y), (2.3, y))
    arrow(axes, (4.1, y), (5.65, y), "Z_v 256×1024")
    arrow(axes, (7.25, y), (8.85, y), "H_v 256×4096")
    arrow(axes, (9.7, y - 0.85), (9.7, y - 0.35))
    arrow(axes, (10.55, y), (11.2, y))


def two_stages() -> Figure:
    """LLaVA's two stages: the same data path, different parameters unlocked."""
    figure = new_figure(8.4, 4.6)
    axes = diagram_axes(figure, 13.0, 7.2)
    stage_row(axes, 5.3, "Giai đoạn 1: feature alignment", "595K cặp ảnh–caption (CC3M lọc)", False)
    stage_row(
        axes,
        1.8,
        "Giai đoạn 2: fine-tuning end-to-end",
        "158K mẫu instruction (LLaVA-Instruct)",
        True,
    )
    axes.text(
        6.5,
        0.05,
        "viền đỏ: tham số được cập nhật · viền xám: đóng băng · kích thước cho ảnh 224 px, LLM 7B",
        ha="center",
        fontsize=8,
        color="#444444",
    )
    return figure


STEPS = 60


def stage_losses() -> Figure:
    """The loss of each step in stage 1 (projector only) and stage 2 (projector and LM) of
    the tiny LLaVA, with the number of parameters each stage trains."""
    figure = new_figure(8.0, 3.3)
    left, right = figure.subplots(1, 2, width_ratios=(1.7, 1))
    names, trainable = [], []
    for stage, colour in ((1, ORANGE), (2, BLUE)):
        losses = settle(train(STEPS, 0, stage), 2)  # 60 steps of training: keep 2 decimals
        left.plot(range(1, STEPS + 1), losses, color=colour, label=f"giai đoạn {stage}")
        left.text(STEPS + 1, losses[-1], f"{losses[-1]:.2f}", va="center", fontsize=8, color=colour)
        model = TinyLlava()
        freeze_for_stage(model, stage)
        names.append(f"giai đoạn {stage}")
        trainable.append(sum(p.numel() for p in model.parameters() if p.requires_grad))
    total = sum(p.numel() for p in TinyLlava().parameters())
    left.set_xlabel("Bước huấn luyện (batch 32)")
    left.set_ylabel("Loss trên token câu trả lời")
    left.set_title("LLaVA tí hon: loss của hai giai đoạn")
    left.set_xlim(0, STEPS + 7)
    left.set_ylim(bottom=0)
    left.legend(frameon=False, fontsize=8.5)
    bars = right.barh(names, trainable, color=(ORANGE, BLUE))
    right.bar_label(
        bars, labels=[f"{n:,}".replace(",", ".") for n in trainable], fontsize=8, padding=2
    )
    right.axvline(total, color=GREY, linestyle="--", linewidth=1)
    right.invert_yaxis()
    right.set_xlim(0, total * 1.35)
    right.set_xlabel("Tham số được huấn luyện")
    right.set_title(f"Mở khóa bao nhiêu (tổng {total:,})".replace(",", "."))
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "two-stages": two_stages,
    "stage-losses": stage_losses,
}
