"""Figures of article 13 (multimodal RAG): the offline and online paths of a document RAG
system with tensor shapes, and the cosine scores `RagPipeline`'s index gives five questions
against the sample corpus."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from vlm.figures.style import (
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    PURPLE,
    RED,
    arrow,
    box,
    diagram_axes,
    heatmap,
    new_figure,
    settle,
)
from vlm.rag.pipeline import SAMPLE_CORPUS, RagPipeline

ARTICLE = "13"


def rag_pipeline() -> Figure:
    """Offline: pages -> OCR text and page image -> encoder -> index of N x D vectors.
    Online: question -> encoder -> top-k -> rerank -> VLM -> answer with citations."""
    figure = new_figure(8.6, 3.9)
    axes = diagram_axes(figure, 15.0, 6.6)
    axes.set_ylim(0.5, 6.6)
    axes.text(0.1, 6.25, "Lập chỉ mục (offline, một lần)", fontsize=10, fontweight="bold")
    box(axes, (1.0, 5.0), (1.6, 0.8), "PDF / ảnh\nN trang", color=GREY, fontsize=8)
    box(axes, (3.75, 5.6), (2.5, 0.6), "OCR → chunk văn bản", color=ORANGE, fontsize=8)
    box(axes, (3.75, 4.4), (2.5, 0.6), "ảnh trang 3×H×W", color=ORANGE, fontsize=8)
    box(axes, (6.8, 5.0), (1.8, 0.8), "encoder\n(CLIP, ColPali…)", color=BLUE, fontsize=8)
    box(axes, (10.6, 5.0), (2.4, 0.8), "chỉ mục ANN\n+ metadata trang", color=PURPLE, fontsize=8)
    arrow(axes, (1.8, 5.2), (2.45, 5.55))
    arrow(axes, (1.8, 4.8), (2.45, 4.45))
    arrow(axes, (5.05, 5.55), (5.9, 5.15))
    arrow(axes, (5.05, 4.45), (5.9, 4.85))
    arrow(axes, (7.7, 5.0), (9.4, 5.0), "N × D")
    axes.text(0.1, 3.15, "Trả lời (online, mỗi câu hỏi)", fontsize=10, fontweight="bold")
    y = 1.9
    box(axes, (1.0, y), (1.6, 0.8), "câu hỏi", color=GREY, fontsize=8)
    box(axes, (3.6, y), (1.6, 0.8), "encoder\n(cùng bộ)", color=BLUE, fontsize=8)
    box(axes, (6.8, y), (1.8, 0.8), "tầng 1: top-100\n(recall)", color=PURPLE, fontsize=8)
    box(axes, (9.2, y), (1.8, 0.8), "tầng 2: rerank\n(precision)", color=RED, fontsize=8)
    box(axes, (12.05, y), (1.4, 0.8), "VLM", color=GREEN, fontsize=8)
    box(axes, (14.15, y), (1.5, 0.8), "trả lời\n+ trích trang", color=GREEN, fontsize=7.5)
    arrow(axes, (1.8, y), (2.8, y))
    arrow(axes, (4.4, y), (5.9, y), "1 × D")
    arrow(axes, (7.7, y), (8.3, y))
    arrow(axes, (10.1, y), (11.35, y), "3–5 trang")
    arrow(axes, (12.75, y), (13.4, y))
    arrow(axes, (10.6, 4.6), (7.2, y + 0.4), "cosine / MaxSim", offset=(0.9, 0.0))
    axes.text(
        7.5,
        0.8,
        "D: số chiều embedding; ColPali lưu mỗi trang một ma trận ~1030 × 128 thay vì 1 vector",
        ha="center",
        fontsize=8,
        color="#444444",
    )
    return figure


QUESTIONS = (
    "Tổng cộng hóa đơn thanh toán bao nhiêu?",
    "Tàu SE1 khởi hành lúc mấy giờ?",
    "Phở gà giá bao nhiêu?",
    "Được đỗ xe lúc mấy giờ?",
    "Môn thị giác máy tính học phòng nào?",
)


def retrieval_scores() -> Figure:
    """Cosine similarity of each question to each passage in the bag-of-words index, with
    the top-2 hits that the pipeline would put in the prompt outlined."""
    pipeline = RagPipeline(top_k=2)
    ids = [p.id for p in SAMPLE_CORPUS]
    scores = np.zeros((len(QUESTIONS), len(ids)))
    top: list[list[str]] = []
    for row, question in enumerate(QUESTIONS):
        hits = pipeline.index.search(pipeline.embedder([question])[0], len(ids))
        for hit in hits:
            scores[row, ids.index(hit.id)] = hit.score
        top.append([hit.id for hit in hits[: pipeline.top_k]])
    figure = new_figure(8.2, 3.3)
    axes = figure.add_subplot()
    mesh = heatmap(axes, settle(scores, 2), list(QUESTIONS), ids, cmap="Blues", vmin=0, vmax=0.7)
    for row, hit_ids in enumerate(top):
        for rank, hit_id in enumerate(hit_ids):
            axes.add_patch(
                Rectangle(
                    (ids.index(hit_id) + 0.04, row + 0.04),
                    0.92,
                    0.92,
                    fill=False,
                    edgecolor=ORANGE if rank == 0 else GREY,
                    linewidth=2.0 if rank == 0 else 1.2,
                )
            )
    axes.xaxis.tick_top()
    axes.set_xlabel("Đoạn OCR trong SAMPLE_CORPUS (viền cam: top-1, viền xám: top-2)")
    figure.colorbar(mesh, ax=axes, label="cosine", shrink=0.9)
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "rag-pipeline": rag_pipeline,
    "retrieval-scores": retrieval_scores,
}
