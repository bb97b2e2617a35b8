"""Grounding: which image region does each phrase talk about?

Phrase embeddings and region features are compared in a shared space. The region–word score
matrix is the alignment logit of GLIP (Li et al., 2022, ``S = O P^T``); the image–sentence
score averages, over phrases, the score of the best region, after the fragment alignment of
Karpathy & Fei-Fei (2015, ``S_kl = sum_t max_i v_i^T s_t``), averaged instead of summed so that
sentences of different lengths are comparable.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


def phrase_region_similarity(phrases: torch.Tensor, regions: torch.Tensor) -> torch.Tensor:
    """Cosine score of every phrase with every region.

    ``phrases`` (B, P, D), ``regions`` (B, R, D) -> (B, P, R).
    """
    return F.normalize(phrases, dim=-1) @ F.normalize(regions, dim=-1).transpose(1, 2)


def best_region_per_phrase(similarity: torch.Tensor) -> torch.Tensor:
    """Index of the highest-scoring region for each phrase: (B, P, R) -> (B, P)."""
    return similarity.argmax(dim=-1)


def image_sentence_score(
    similarity: torch.Tensor, phrase_mask: torch.Tensor | None = None
) -> torch.Tensor:
    """Mean over phrases of the best region score: (B, P, R) -> (B,).

    ``phrase_mask`` (B, P) is True for real phrases; padded phrases are left out.
    """
    best = similarity.max(dim=-1).values  # (B, P)
    if phrase_mask is None:
        return best.mean(dim=-1)
    keep = phrase_mask.to(best.dtype)
    return (best * keep).sum(dim=-1) / keep.sum(dim=-1).clamp(min=1.0)


class RegionPhraseGrounding(nn.Module):
    """Project regions and phrases into one space and score them.

    ``phrase_features`` (B, P, text_dim), ``region_features`` (B, R, region_dim) ->
    similarity (B, P, R) in [-1, 1]; use ``best_region_per_phrase`` to read off the grounding.
    """

    def __init__(self, text_dim: int, region_dim: int, dim: int = 64) -> None:
        super().__init__()
        self.phrase_projection = nn.Linear(text_dim, dim)
        self.region_projection = nn.Linear(region_dim, dim)

    def forward(self, phrase_features: torch.Tensor, region_features: torch.Tensor) -> torch.Tensor:
        return phrase_region_similarity(
            self.phrase_projection(phrase_features), self.region_projection(region_features)
        )
