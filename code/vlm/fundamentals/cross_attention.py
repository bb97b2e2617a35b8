"""Cross-attention: one modality asks, the other answers.

Scaled dot-product attention (Vaswani et al., 2017) where the queries come from one sequence
(for example text tokens) and the keys and values from another (for example image patches).
"""

from __future__ import annotations

import math

import torch
from torch import nn


def scaled_dot_product_cross_attention(
    queries: torch.Tensor,
    keys: torch.Tensor,
    values: torch.Tensor,
    key_padding_mask: torch.Tensor | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """``softmax(Q K^T / sqrt(d)) V`` per head.

    ``queries`` (B, H, Nq, d), ``keys`` (B, H, Nk, d), ``values`` (B, H, Nk, dv),
    ``key_padding_mask`` (B, Nk) boolean, True at padding keys that get zero weight.
    Returns ``output`` (B, H, Nq, dv) and ``weights`` (B, H, Nq, Nk), each row summing to 1.
    """
    scores = queries @ keys.transpose(-2, -1) / math.sqrt(queries.shape[-1])
    if key_padding_mask is not None:
        scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))
    weights = scores.softmax(dim=-1)
    return weights @ values, weights


class CrossAttention(nn.Module):
    """Multi-head cross-attention with learned projections (Vaswani et al., 2017).

    ``queries`` (B, Nq, dim) attend to ``context`` (B, Nk, context_dim). Returns
    ``(output (B, Nq, dim), weights (B, num_heads, Nq, Nk))``. Same computation as
    ``nn.MultiheadAttention(dim, num_heads, kdim=context_dim, vdim=context_dim)``, written
    out so every step is visible.
    """

    def __init__(self, dim: int, num_heads: int = 4, context_dim: int | None = None) -> None:
        super().__init__()
        if dim % num_heads != 0:
            raise ValueError(f"dim={dim} is not divisible by num_heads={num_heads}")
        context_dim = context_dim or dim
        self.num_heads = num_heads
        self.to_queries = nn.Linear(dim, dim)
        self.to_keys = nn.Linear(context_dim, dim)
        self.to_values = nn.Linear(context_dim, dim)
        self.to_output = nn.Linear(dim, dim)

    def _split_heads(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, dim = x.shape  # (B, N, D) -> (B, H, N, D / H)
        return x.view(batch, length, self.num_heads, dim // self.num_heads).transpose(1, 2)

    def forward(
        self,
        queries: torch.Tensor,
        context: torch.Tensor,
        key_padding_mask: torch.Tensor | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        q = self._split_heads(self.to_queries(queries))
        k = self._split_heads(self.to_keys(context))
        v = self._split_heads(self.to_values(context))
        heads, weights = scaled_dot_product_cross_attention(q, k, v, key_padding_mask)
        merged = heads.transpose(1, 2).flatten(2)  # (B, Nq, dim)
        return self.to_output(merged), weights
