"""Figures of article 01 (origins): the data flow of Show and Tell and of a ViLBERT
co-attention block, with the tensor shapes the companion code produces."""

from __future__ import annotations

from collections.abc import Callable

import torch
from matplotlib.figure import Figure

from vlm.figures.style import (
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    PURPLE,
    arrow,
    box,
    diagram_axes,
    new_figure,
    settle,
)
from vlm.losses.captioning import captioning_loss
from vlm.origins.captioner import ShowAndTell, ShowAttendTell
from vlm.origins.coattention import CoAttentionBlock
from vlm.text.encoder import WordTokenizer

ARTICLE = "01"
CAPTIONS = ["một con mèo đen", "hai con chó", "bầu trời xanh không mây", "một chiếc xe đỏ"]


def _shape(tensor: torch.Tensor) -> str:
    return str(tuple(tensor.shape)).replace(" ", "")


def show_and_tell() -> Figure:
    """CNN -> one image vector at step -1 -> LSTM over the words -> logits, with the shapes
    of `ShowAndTell` on the notebook's four images and captions."""
    words = WordTokenizer.from_texts(CAPTIONS)
    tokens = words(CAPTIONS)
    images = torch.randn(4, 3, 16, 16)
    model = ShowAndTell(vocab_size=len(words)).eval()
    with torch.no_grad():
        regions = model.encoder(images)
        vector = model.image_projection(regions.mean(dim=1))
        embedded = model.word_embedding(tokens)
        inputs = torch.cat([vector.unsqueeze(1), embedded], dim=1)
        hidden, _ = model.lstm(inputs)
        logits = model(images, tokens)
    figure = new_figure(9.0, 3.3)
    axes = diagram_axes(figure, 14.0, 5.0)
    box(axes, (1.0, 3.7), (1.6, 0.8), "ảnh", GREY)
    box(axes, (3.8, 3.7), (2.3, 0.9), "CNN\n(ConvImageEncoder)", BLUE, fontsize=8)
    box(axes, (6.9, 3.7), (1.8, 0.9), "trung bình\nvùng → W_I", BLUE)
    box(axes, (1.0, 1.2), (1.6, 0.8), "câu (token)", GREY)
    box(axes, (3.8, 1.2), (2.0, 0.9), "word embedding\nW_e", ORANGE)
    box(axes, (9.6, 2.45), (1.6, 1.6), "ghép:\nx₋₁ trước\ncác từ", PURPLE)
    box(axes, (11.6, 2.45), (1.2, 1.0), "LSTM", GREEN)
    box(axes, (13.3, 2.45), (1.2, 1.0), "bỏ bước\nảnh →\nLinear", GREEN, fontsize=7.5)
    arrow(axes, (1.8, 3.7), (2.8, 3.7), _shape(images), offset=(0, 0.5))
    arrow(axes, (4.8, 3.7), (6.0, 3.7), _shape(regions), offset=(0, 0.5))
    arrow(axes, (7.8, 3.7), (8.8, 3.0), _shape(vector), offset=(0.1, 0.45))
    arrow(axes, (1.8, 1.2), (2.8, 1.2), _shape(tokens), offset=(0, -0.75))
    arrow(axes, (4.8, 1.2), (8.8, 1.9), _shape(embedded), offset=(0.4, -0.85))
    arrow(axes, (10.4, 2.45), (11.0, 2.45), "")
    arrow(axes, (12.2, 2.45), (12.7, 2.45), "")
    axes.text(
        9.6,
        4.6,
        f"đầu vào LSTM {_shape(inputs)}",
        ha="center",
        fontsize=7.5,
        family="DejaVu Sans Mono",
        color="#444444",
    )
    axes.text(
        11.6,
        0.9,
        f"ẩn {_shape(hidden)}",
        ha="center",
        fontsize=7.5,
        family="DejaVu Sans Mono",
        color="#444444",
    )
    axes.text(
        13.3,
        0.9,
        f"logits {_shape(logits)}",
        ha="center",
        fontsize=7.5,
        family="DejaVu Sans Mono",
        color="#444444",
    )
    return figure


def co_attention() -> Figure:
    """Two streams of different widths exchange information: each takes queries from itself
    and keys and values from the other, as `CoAttentionBlock` does."""
    block = CoAttentionBlock(image_dim=32, text_dim=16, num_heads=4).eval()
    regions, words = torch.randn(2, 5, 32), torch.randn(2, 7, 16)
    with torch.no_grad():
        new_regions, new_words = block(regions, words)
    figure = new_figure(8.4, 3.4)
    axes = diagram_axes(figure, 12.0, 5.0)
    box(axes, (1.3, 3.8), (2.2, 0.9), f"vùng ảnh H_V\n{_shape(regions)}", BLUE, fontsize=8)
    box(axes, (1.3, 1.2), (2.2, 0.9), f"từ H_W\n{_shape(words)}", ORANGE, fontsize=8)
    box(axes, (5.6, 3.8), (2.6, 1.0), "MHA\nQ: ảnh, K V: từ", BLUE, fontsize=8)
    box(axes, (5.6, 1.2), (2.6, 1.0), "MHA\nQ: từ, K V: ảnh", ORANGE, fontsize=8)
    box(axes, (8.6, 3.8), (1.6, 0.9), "+ FFN", BLUE)
    box(axes, (8.6, 1.2), (1.6, 0.9), "+ FFN", ORANGE)
    box(axes, (10.9, 3.8), (1.8, 0.9), f"H̃_V\n{_shape(new_regions)}", BLUE, fontsize=8)
    box(axes, (10.9, 1.2), (1.8, 0.9), f"H̃_W\n{_shape(new_words)}", ORANGE, fontsize=8)
    arrow(axes, (2.4, 3.8), (4.3, 3.8), "Q")
    arrow(axes, (2.4, 1.2), (4.3, 1.2), "Q", offset=(0, -0.4))
    arrow(axes, (2.4, 3.5), (4.3, 1.5), "", color=BLUE)
    arrow(axes, (2.4, 1.5), (4.3, 3.5), "", color=ORANGE)
    axes.text(3.1, 2.5, "K, V", fontsize=8, ha="center", va="center", color="#444444")
    arrow(axes, (6.9, 3.8), (7.8, 3.8), "")
    arrow(axes, (6.9, 1.2), (7.8, 1.2), "")
    arrow(axes, (9.4, 3.8), (10.0, 3.8), "")
    arrow(axes, (9.4, 1.2), (10.0, 1.2), "")
    axes.text(
        6.0,
        4.75,
        "mỗi luồng giữ độ rộng riêng: 32 cho vùng ảnh, 16 cho từ",
        ha="center",
        fontsize=8,
        color="#444444",
    )
    return figure


SQUARE_COLOURS = {
    "đỏ": (1.0, 0.0, 0.0),
    "lục": (0.0, 1.0, 0.0),
    "lam": (0.0, 0.0, 1.0),
    "vàng": (1.0, 1.0, 0.0),
}


def _squares(
    colours: torch.Tensor, corners: torch.Tensor, words: WordTokenizer
) -> tuple[torch.Tensor, torch.Tensor]:
    """16x16 dark images with one bright 8x8 square in a corner (0 top left .. 3 bottom
    right), captioned "ô <colour>": (B, 3, 16, 16) images and (B, 4) tokens."""
    names = list(SQUARE_COLOURS)
    images = 0.1 * torch.randn(len(colours), 3, 16, 16)
    for k, (colour, corner) in enumerate(zip(colours.tolist(), corners.tolist(), strict=True)):
        row, column = divmod(corner, 2)
        rgb = torch.tensor(SQUARE_COLOURS[names[colour]]).view(3, 1, 1)
        images[k, :, row * 8 : row * 8 + 8, column * 8 : column * 8 + 8] += 2 * rgb
    return images, words([f"ô {names[c]}" for c in colours.tolist()])


def attention_maps() -> Figure:
    """Show, Attend and Tell trained to name the colour of a square: at the step that writes
    the colour, its soft attention over the 4x4 grid of regions sits on the square."""
    words = WordTokenizer.from_texts([f"ô {name}" for name in SQUARE_COLOURS])
    model = ShowAttendTell(vocab_size=len(words))
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(120):
        images, tokens = _squares(torch.randint(0, 4, (32,)), torch.randint(0, 4, (32,)), words)
        logits, _ = model(images, tokens)
        loss = captioning_loss(logits, tokens, words.pad_id)
        optimizer.zero_grad()
        torch.autograd.backward(loss)
        optimizer.step()
    corners = [3, 0, 2, 1]
    images, tokens = _squares(torch.tensor([0, 1, 2, 3]), torch.tensor(corners), words)
    with torch.no_grad():
        logits, attention = model.eval()(images, tokens)
    maps = settle(attention[:, 1].reshape(-1, 4, 4), 3)  # the step that writes the colour
    said = [words.vocabulary[i] for i in logits[:, 1].argmax(dim=-1).tolist()]
    figure = new_figure(8.4, 2.9)
    panels = figure.subplots(1, 4)
    for k, axes in enumerate(panels):
        axes.imshow(settle(images[k].clamp(0, 1).permute(1, 2, 0), 3), interpolation="nearest")
        shown = axes.imshow(
            maps[k],
            cmap="magma",
            alpha=0.6,
            extent=(-0.5, 15.5, 15.5, -0.5),
            interpolation="nearest",
            vmin=0,
            vmax=1,
        )
        axes.set_xticks([])
        axes.set_yticks([])
        row, column = divmod(corners[k], 2)
        inside = maps[k, 2 * row : 2 * row + 2, 2 * column : 2 * column + 2].sum()
        axes.set_title(f"“{said[k]}”: {inside:.0%} trên ô màu", fontsize=9)
    figure.colorbar(shown, ax=panels, shrink=0.85, label="α (16 vùng, tổng = 1)")
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "show-and-tell": show_and_tell,
    "attention-maps": attention_maps,
    "co-attention": co_attention,
}
