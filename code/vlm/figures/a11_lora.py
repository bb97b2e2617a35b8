"""Figures of article 11 (LoRA): the low-rank update W = W0 + (alpha/r) B A drawn to scale,
and the trainable parameters against rank, counted on real `LoRALinear` layers."""

from __future__ import annotations

from collections.abc import Callable

import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from torch import nn

from vlm.figures.style import BLUE, GREY, LIGHT, ORANGE, RED, diagram_axes, new_figure
from vlm.peft.finetune import TinyClassifier
from vlm.peft.lora import LoRALinear, apply_lora, count_parameters

ARTICLE = "11"

# d = k = 4096 drawn as 4 units, so r = 16 would be 1/64 of a unit: drawn at r = 256 scale
# to stay visible, with the true shapes written on each block.
SIDE, THIN = 3.2, 0.35


def matrix(axes: Axes, x: float, y: float, w: float, h: float, colour: str, text: str) -> None:
    """A matrix as a rectangle with its lower-left corner at (x, y) and a label inside."""
    axes.add_patch(Rectangle((x, y), w, h, facecolor=LIGHT[colour], edgecolor=colour, lw=1.3))
    axes.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=8.5)


def _dots(number: int) -> str:
    """`number` with dots between thousands, as Vietnamese writes it."""
    return f"{number:,}".replace(",", ".")


def low_rank_update() -> Figure:
    """W = W0 + (alpha / r) B A: the frozen d x k block plus two thin trainable factors."""
    figure = new_figure(8.2, 3.4)
    axes = diagram_axes(figure, 14.0, 5.6)
    axes.set_ylim(-0.7, 5.6)
    base = 1.0
    matrix(axes, 0.2, base, SIDE, SIDE, BLUE, "$W$\nd × k")
    axes.text(3.8, base + SIDE / 2, "=", fontsize=18, ha="center", va="center")
    matrix(axes, 4.3, base, SIDE, SIDE, GREY, "$W_0$\nd × k\nđóng băng")
    axes.text(7.95, base + SIDE / 2, "+  α/r ·", fontsize=13, ha="center", va="center")
    matrix(axes, 9.0, base, THIN, SIDE, RED, "")
    axes.text(9.0 + THIN / 2, base - 0.25, "$B$\nd × r", ha="center", va="top", fontsize=8.5)
    matrix(axes, 9.7, base + SIDE - THIN, SIDE, THIN, ORANGE, "")
    axes.text(
        9.7 + SIDE / 2, base + SIDE - THIN - 0.15, "$A$  r × k", ha="center", va="top", fontsize=8.5
    )
    axes.text(
        9.7 + SIDE / 2,
        base + 1.0,
        "khởi tạo: A Kaiming,\nB = 0  ⇒  BA = 0",
        ha="center",
        va="center",
        fontsize=8,
        color="#444444",
    )
    d = k = 4096
    r = 16
    frozen, trained = _dots(d * k), _dots(r * (d + k))
    share = f"{100 * r * (d + k) / (d * k):.2f}".replace(".", ",")
    axes.text(
        7.0,
        5.2,
        f"Ví dụ d = k = {d}, r = {r}: dk = {frozen} tham số đóng băng, "
        f"r(d + k) = {trained} tham số học ({share}%)",
        ha="center",
        fontsize=8.5,
    )
    axes.text(
        7.0,
        -0.45,
        "h = W₀x + (α/r)·B(Ax): nhân Ax (r số) trước, không bao giờ tạo ma trận d × k khi huấn luyện",
        ha="center",
        fontsize=8,
        color="#444444",
    )
    return figure


RANKS = (1, 2, 4, 8, 16, 32, 64, 128)


def layer_counts(rank: int) -> tuple[int, int]:
    """(trainable, total) parameters of one 4096 x 4096 projection with LoRA of `rank`,
    built on the meta device so that nothing is allocated."""
    with torch.device("meta"):
        layer = LoRALinear(nn.Linear(4096, 4096, bias=False), rank=rank, alpha=2 * rank)
    return count_parameters(layer)


def tiny_share(rank: int, targets: tuple[str, ...]) -> float:
    """Percentage of the tiny classifier's parameters that LoRA of `rank` on `targets` trains."""
    model = TinyClassifier()
    apply_lora(model, targets, rank=rank, alpha=2 * rank)
    trainable, total = count_parameters(model)
    return 100 * trainable / total


def params_vs_rank() -> Figure:
    """Trainable parameters against rank: one 4096 x 4096 layer (linear in r, far below dk)
    and the share of the tiny classifier trained with q/v only or with every linear layer."""
    figure = new_figure(8.2, 3.3)
    left, right = figure.subplots(1, 2)
    counts = [layer_counts(r) for r in RANKS]
    left.plot(RANKS, [t for t, _ in counts], marker="o", color=RED, label="LoRA: r(d + k)")
    left.axhline(4096 * 4096, color=GREY, linestyle="--", label="full fine-tune: dk")
    for r, (t, _) in zip(RANKS, counts, strict=True):
        if r in (1, 16, 128):
            left.annotate(
                _dots(t),
                (r, t),
                textcoords="offset points",
                xytext=(-6, 6) if r == 128 else (4, -12),
                ha="right" if r == 128 else "left",
                fontsize=7.5,
            )
    left.set_xscale("log", base=2)
    left.set_yscale("log")
    left.set_xticks(RANKS, [str(r) for r in RANKS])
    left.set_xlabel("Rank r")
    left.set_ylabel("Tham số học")
    left.set_title("Một lớp 4096 × 4096")
    left.legend(frameon=False, fontsize=8, loc="lower right")
    tiny_ranks = RANKS[:6]
    for targets, colour, label in (
        (("q_proj", "v_proj"), BLUE, "q, v"),
        (
            ("q_proj", "k_proj", "v_proj", "o_proj", "up_proj", "down_proj"),
            ORANGE,
            "mọi lớp tuyến tính",
        ),
    ):
        shares = [round(tiny_share(r, targets), 2) for r in tiny_ranks]
        right.plot(tiny_ranks, shares, marker="o", color=colour, label=label)
    right.set_xscale("log", base=2)
    right.set_xticks(tiny_ranks, [str(r) for r in tiny_ranks])
    right.set_xlabel("Rank r")
    right.set_ylabel("% tham số được huấn luyện")
    right.set_title("Mô hình tí hon của vlm.peft (dim 64)")
    right.legend(frameon=False, fontsize=8)
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "low-rank-update": low_rank_update,
    "params-vs-rank": params_vs_rank,
}
