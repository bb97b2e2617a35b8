"""Figures of article 10 (instruction tuning and alignment): which tokens of a two-turn
conversation carry a label, computed by `build_training_sample`, and the DPO loss and the
weight of its gradient against the implicit-reward margin, computed by `dpo_loss`."""

from __future__ import annotations

from collections.abc import Callable

import torch
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from vlm.alignment.conversation import (
    IGNORE_INDEX,
    SPECIAL_TOKENS,
    CharTokenizer,
    Message,
    build_training_sample,
)
from vlm.alignment.dpo import dpo_loss
from vlm.figures.style import BLUE, GREEN, GREY, LIGHT, ORANGE, PURPLE, new_figure, settle

ARTICLE = "10"

CONVERSATION = (
    Message("system", "Trợ lý."),
    Message("user", "<image>Xe màu gì?"),
    Message("assistant", "Đỏ."),
    Message("user", "Mấy bánh?"),
    Message("assistant", "Bốn."),
)
PER_ROW = 18


def label_masking() -> Figure:
    """Every token of the conversation as a cell, row by row as the template lays it out:
    green cells are supervised (their label is the token), grey ones get -100."""
    tokenizer = CharTokenizer()
    sample = build_training_sample(CONVERSATION, tokenizer)
    ids, labels = sample.input_ids.tolist(), sample.labels.tolist()
    rows: list[list[tuple[str, bool]]] = [[]]
    for token_id, label in zip(ids, labels, strict=True):
        text = tokenizer.decode([token_id])
        if text == "\n":
            rows[-1].append(("\\n", label != IGNORE_INDEX))
            rows.append([])
            continue
        rows[-1].append(("␣" if text == " " else text, label != IGNORE_INDEX))
    rows = [row for row in rows if row]
    figure = new_figure(8.4, 2.9)
    axes = figure.add_subplot()
    for r, row in enumerate(rows):
        x = 0.0
        for text, supervised in row:
            width = 2.6 if text in SPECIAL_TOKENS else 0.62
            colour = GREEN if supervised else GREY
            axes.add_patch(
                Rectangle(
                    (x, -r),
                    width - 0.06,
                    0.8,
                    facecolor=LIGHT[colour],
                    edgecolor=colour,
                    linewidth=0.9,
                )
            )
            axes.text(
                x + (width - 0.06) / 2,
                -r + 0.4,
                text,
                ha="center",
                va="center",
                fontsize=7.5 if text in SPECIAL_TOKENS else 9,
            )
            x += width
    labelled = sum(label != IGNORE_INDEX for label in labels)
    axes.text(
        0,
        -len(rows) + 0.45,
        f"{len(ids)} token, {labelled} có nhãn (xanh lá), {len(ids) - labelled} nhãn -100 (xám)",
        fontsize=8.5,
        va="top",
        color="#444444",
    )
    axes.set_xlim(-0.1, 15)
    axes.set_ylim(-len(rows) - 0.3, 1.0)
    axes.set_aspect("equal")
    axes.axis("off")
    return figure


MARGINS = torch.linspace(-6, 6, 121)
BETAS = ((0.1, BLUE), (0.5, ORANGE), (1.0, PURPLE))


def dpo_curves() -> Figure:
    """DPO loss and gradient weight sigma(-beta * m) against the log-ratio margin
    m = (log pi - log ref)(y_w) - (log pi - log ref)(y_l), for three beta."""
    figure = new_figure(8.0, 3.2)
    left, right = figure.subplots(1, 2)
    zeros = torch.zeros(1)
    for beta, colour in BETAS:
        losses = [
            float(dpo_loss(m.reshape(1), zeros, zeros, zeros, beta=beta).loss) for m in MARGINS
        ]
        left.plot(settle(MARGINS), settle(losses), color=colour, label=f"β = {beta}")
        weight = torch.sigmoid(-beta * MARGINS)
        right.plot(settle(MARGINS), settle(weight), color=colour, label=f"β = {beta}")
    for axes in (left, right):
        axes.axvline(0, color=GREY, linewidth=0.8, linestyle="--")
        axes.set_xlabel("Biên log-ratio m (câu thắng − câu thua)")
    left.axhline(float(settle(torch.log(torch.tensor(2.0)))), color=GREEN, linewidth=0.8)
    left.text(0.6, 1.0, r"$\log 2$ khi $\pi_\theta = \pi_{\mathrm{ref}}$", fontsize=8, color=GREEN)
    left.set_ylabel("Loss DPO")
    left.set_title("Loss giảm khi cặp được xếp đúng")
    left.legend(frameon=False, fontsize=8)
    right.set_ylabel("Trọng số gradient σ(−β·m)")
    right.set_title("Cặp xếp sai nhận gradient lớn nhất")
    right.set_ylim(0, 1.05)
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "label-masking": label_masking,
    "dpo-curves": dpo_curves,
}
