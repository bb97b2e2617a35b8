"""Figures of article 04 (text encoders): what byte-level tokenization starts from for
Vietnamese, and why mean pooling needs the padding mask."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import numpy as np
import torch
from matplotlib.figure import Figure

from vlm.figures.style import BLUE, GREEN, GREY, ORANGE, RED, new_figure, settle
from vlm.text.encoder import TextEncoder, WordTokenizer

ARTICLE = "04"
SENTENCES = (
    ("Anh", "a red cat sleeps on the old chair"),
    ("Việt", "một con mèo đỏ đang ngủ trên chiếc ghế cũ"),
)


def byte_lengths() -> Figure:
    """Characters and UTF-8 bytes of each word of an English caption and its Vietnamese
    translation, in NFC and NFD: the bytes are where a byte-level BPE starts merging from."""
    figure = new_figure(8.4, 3.4)
    panels = figure.subplots(1, 2, sharey=False, width_ratios=(8, 10))
    for axes, (language, sentence) in zip(panels, SENTENCES, strict=True):
        words = sentence.split()
        x = np.arange(len(words))
        chars = [len(w) for w in words]
        nfc = [len(unicodedata.normalize("NFC", w).encode("utf-8")) for w in words]
        nfd = [len(unicodedata.normalize("NFD", w).encode("utf-8")) for w in words]
        axes.bar(x - 0.27, chars, 0.27, color=GREY, label="ký tự")
        axes.bar(x, nfc, 0.27, color=BLUE, label="byte UTF-8 (NFC)")
        axes.bar(x + 0.27, nfd, 0.27, color=ORANGE, label="byte UTF-8 (NFD)")
        axes.set_xticks(x, words, rotation=35, ha="right")
        axes.set_ylim(0, 12)
        axes.set_title(f"{language}: {sum(nfc)} byte NFC, {len(words)} từ")
    panels[0].set_ylabel("số lượng")
    panels[1].legend(frameon=False, fontsize=8, loc="upper right")
    return figure


def pooling_and_padding() -> Figure:
    """The sentence vector of one caption, alone and padded to longer batches, compared by
    cosine: CLS and masked mean do not move; a mean over every position drifts."""
    captions = ["a red cat sleeps", "a dog runs on the grass under a bright blue sky"]
    words = WordTokenizer.from_texts(captions)
    encoders = {
        "CLS (token đầu)": TextEncoder(len(words), pooling="first").eval(),
        "mean có mask": TextEncoder(len(words), pooling="mean").eval(),
    }
    torch.manual_seed(0)
    plain = TextEncoder(len(words), pooling="mean").eval()
    alone = words([captions[0]])
    extra = range(0, 21)
    figure = new_figure(6.4, 3.2)
    axes = figure.add_subplot()
    with torch.no_grad():
        styles = ((GREEN, "--", "s", 6), (BLUE, "-", "o", 3))
        for (label, encoder), (colour, line, marker, size) in zip(
            encoders.items(), styles, strict=True
        ):
            reference = encoder(alone).pooled[0]
            values = [
                torch.cosine_similarity(
                    reference, encoder(_padded(alone, k, words.pad_id)).pooled[0], dim=0
                )
                for k in extra
            ]
            axes.plot(
                list(extra),
                settle(torch.stack(values), 3),
                color=colour,
                label=label,
                linestyle=line,
                marker=marker,
                markersize=size,
                markerfacecolor="none",
            )
        reference = plain(alone).tokens[0].mean(dim=0)
        naive = [
            torch.cosine_similarity(
                reference, plain(_padded(alone, k, words.pad_id)).tokens[0].mean(dim=0), dim=0
            )
            for k in extra
        ]
        axes.plot(
            list(extra),
            settle(torch.stack(naive), 3),
            color=RED,
            marker="o",
            markersize=3,
            label="mean trên mọi vị trí (quên mask)",
        )
    axes.set_xticks(range(0, 21, 4))
    axes.set_xlabel("số token <pad> thêm vào sau câu")
    axes.set_ylabel("cosine với vector khi câu đứng một mình")
    axes.legend(frameon=False, fontsize=8, loc="lower left")
    return figure


def _padded(ids: torch.Tensor, extra: int, pad_id: int) -> torch.Tensor:
    return torch.cat([ids, torch.full((1, extra), pad_id, dtype=ids.dtype)], dim=1)


FIGURES: dict[str, Callable[[], Figure]] = {
    "byte-lengths": byte_lengths,
    "pooling-and-padding": pooling_and_padding,
}
