"""Figures of article 12 (evaluation): BLEU-4 and CIDEr-D of five kinds of caption for one
image of a tiny corpus, and VQA accuracy against the number of humans who agree."""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.figure import Figure

from vlm.evaluation.caption_metrics import cider_scores, corpus_bleu
from vlm.evaluation.vqa import vqa_accuracy
from vlm.figures.style import BLUE, GREY, ORANGE, new_figure, settle

ARTICLE = "12"

# Reference captions of four images (COCO style); image 0 is the one the candidates describe.
# CIDEr's IDF needs the other images: n-grams found in every image's references weigh nothing.
REFERENCES = (
    (
        "a man rides a red bicycle down the street",
        "a person riding a red bike on a city street",
        "a man on a red bicycle in the street",
    ),
    (
        "a dog runs on the grass in a park",
        "a brown dog running across the grass",
        "a dog playing on the grass",
    ),
    (
        "a plate of food with rice and vegetables",
        "a white plate with rice and some vegetables",
        "rice and vegetables on a plate",
    ),
    (
        "a cat sleeping on a sofa",
        "a grey cat asleep on the couch",
        "a cat lying on a sofa in a living room",
    ),
)
CANDIDATES = (
    ("Diễn đạt lại đúng", "a man riding a red bicycle down the street"),
    ("Đúng nhưng ngắn", "a man on a bicycle"),
    ("Chung chung", "a picture of a street"),
    ("Sai vật thể", "a man rides a red motorcycle down the street"),
    (
        "Dài, chi tiết, đúng",
        "a young man in a blue jacket is riding his red bicycle past parked cars "
        "on a busy street on a sunny afternoon",
    ),
)


def caption_scores() -> Figure:
    """BLEU-4 and CIDEr-D (x10 as on the COCO server) of each candidate for image 0."""
    bleu, cider = [], []
    for _, candidate in CANDIDATES:
        bleu.append(corpus_bleu([candidate], [REFERENCES[0]]))
        others = [refs[0] for refs in REFERENCES[1:]]
        scores = cider_scores([candidate, *others], list(REFERENCES), cider_d=True)
        cider.append(scores[0])
    bleu_values, cider_values = settle(bleu, 3), settle(cider, 3)
    figure = new_figure(8.2, 3.4)
    left, right = figure.subplots(1, 2, sharey=True)
    labels = [label for label, _ in CANDIDATES]
    for axes, values, colour, title in (
        (left, bleu_values, BLUE, "BLEU-4"),
        (right, cider_values, ORANGE, "CIDEr-D (×10)"),
    ):
        bars = axes.barh(labels, values, color=colour)
        axes.bar_label(
            bars, labels=[f"{v:.2f}".replace(".", ",") for v in values], fontsize=8, padding=2
        )
        axes.set_title(title)
        axes.set_xlim(0, max(values) * 1.25 + 1e-9)
    left.invert_yaxis()
    left.set_ylabel("Caption ứng viên")
    figure.text(
        0.5,
        -0.07,
        "Tham chiếu: «a man rides a red bicycle down the street» và hai câu nữa; IDF tính trên 4 ảnh",
        ha="center",
        fontsize=8,
        color="#444444",
    )
    return figure


def vqa_agreement() -> Figure:
    """VQA accuracy of an answer given by k of 10 humans: the plain min(k/3, 1) against the
    official leave-one-out average, computed by `vqa_accuracy`."""
    ks = list(range(11))
    official = [vqa_accuracy("red", ["red"] * k + ["blue"] * (10 - k)) for k in ks]
    plain = [min(k / 3, 1.0) for k in ks]
    figure = new_figure(6.4, 3.2)
    axes = figure.add_subplot()
    axes.plot(
        ks, settle(plain), color=GREY, linestyle="--", marker="s", markersize=4, label="min(k/3, 1)"
    )
    axes.plot(
        ks,
        settle(official),
        color=BLUE,
        marker="o",
        markersize=5,
        label="trung bình 10 tập 9 người (chính thức)",
    )
    for k, value in zip(ks, settle(official, 2), strict=True):
        if 1 <= k <= 4:
            axes.annotate(
                f"{value:.2f}".replace(".", ","),
                (k, value),
                textcoords="offset points",
                xytext=(6, -12),
                fontsize=8,
                color=BLUE,
            )
    axes.set_xticks(ks)
    axes.set_xlabel("Số người (trên 10) trả lời giống mô hình")
    axes.set_ylabel("VQA accuracy")
    axes.set_ylim(-0.03, 1.08)
    axes.legend(frameon=False, fontsize=8.5, loc="lower right")
    axes.set_title("Ba người đồng ý chưa đủ điểm tuyệt đối")
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "caption-scores": caption_scores,
    "vqa-agreement": vqa_agreement,
}
