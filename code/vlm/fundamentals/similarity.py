"""Cosine similarity between every pair of embeddings from two modalities."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def cosine_similarity_matrix(a: torch.Tensor, b: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    """All-pairs cosine similarity: ``S[i, j] = <a_i, b_j> / (|a_i| |b_j|)``.

    ``a`` (N, D), ``b`` (M, D) -> ``S`` (N, M) with values in [-1, 1]. This is the score matrix
    that contrastive models such as CLIP (Radford et al., 2021) scale and train.
    """
    return F.normalize(a, dim=-1, eps=eps) @ F.normalize(b, dim=-1, eps=eps).T
