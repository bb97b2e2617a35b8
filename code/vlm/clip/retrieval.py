"""Recall@K, the standard metric of image–text retrieval (e.g. Flickr30K, MS-COCO)."""

from __future__ import annotations

import torch


def recall_at_k(similarity: torch.Tensor, k: int) -> float:
    """Fraction of queries whose correct candidate is among their top ``k``.

    ``similarity`` (N, M) with M >= N scores query i against candidate j; the correct
    candidate of query i is i. A candidate that ties with the correct one counts as ranked
    above it, so a constant score matrix gets no credit.
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    n = similarity.shape[0]
    rows = torch.arange(n, device=similarity.device)
    correct = similarity[rows, rows].unsqueeze(1)  # (N, 1)
    at_least_as_high = similarity >= correct
    at_least_as_high[rows, rows] = False  # the correct candidate does not outrank itself
    rank = at_least_as_high.sum(dim=1)  # 0 = ranked first
    return (rank < k).float().mean().item()


def retrieval_recalls(
    similarity: torch.Tensor, ks: tuple[int, ...] = (1, 5, 10)
) -> dict[str, float]:
    """Recall@K in both directions of a square image-to-text matrix (N, N).

    Keys look like ``"image_to_text@1"`` and ``"text_to_image@5"``.
    """
    return {
        f"{name}@{k}": recall_at_k(matrix, k)
        for name, matrix in (("image_to_text", similarity), ("text_to_image", similarity.T))
        for k in ks
    }
