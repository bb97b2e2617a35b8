"""A Q-Former in the style of BLIP-2 (Li et al., 2023).

A fixed set of learned query embeddings self-attends and cross-attends to the features of a
frozen image encoder. Whatever the number of image patches, the output is always
(batch, num_queries, dim), a short summary that a linear layer maps into the embedding space
of a frozen language model. Only the queries, the Q-Former and that projection are trained.

Simplified: the text branch of the Q-Former (shared self-attention with text tokens for the
ITC, ITM and captioning objectives) is left out; only the query path is shown.
"""

from __future__ import annotations

import torch
from torch import nn

from vlm.fundamentals.cross_attention import CrossAttention


class QFormerLayer(nn.Module):
    """Queries self-attend, optionally cross-attend to image features, then a feed-forward.

    Post-LN residual blocks, as in the BERT that the Q-Former starts from.
    ``queries`` (B, Q, dim), ``image_features`` (B, N, image_dim) -> (B, Q, dim).
    """

    def __init__(self, dim: int, image_dim: int, num_heads: int, cross_attention: bool) -> None:
        super().__init__()
        self.self_attention = nn.MultiheadAttention(dim, num_heads, batch_first=True)
        self.self_norm = nn.LayerNorm(dim)
        self.cross_attention = (
            CrossAttention(dim, num_heads, context_dim=image_dim) if cross_attention else None
        )
        self.cross_norm = nn.LayerNorm(dim)
        self.feed_forward = nn.Sequential(
            nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim)
        )
        self.output_norm = nn.LayerNorm(dim)

    def forward(self, queries: torch.Tensor, image_features: torch.Tensor) -> torch.Tensor:
        attended, _ = self.self_attention(queries, queries, queries, need_weights=False)
        x = self.self_norm(queries + attended)
        if self.cross_attention is not None:
            looked, _ = self.cross_attention(x, image_features)
            x = self.cross_norm(x + looked)
        return self.output_norm(x + self.feed_forward(x))


class QFormer(nn.Module):
    """Learned queries + a stack of ``QFormerLayer`` (Li et al., 2023, fig. 2).

    ``image_features`` (B, N, image_dim) -> (B, num_queries, dim), for any N. As in BLIP-2,
    cross-attention is inserted every ``cross_attention_every`` layers, starting with the first.
    """

    def __init__(
        self,
        num_queries: int = 8,
        dim: int = 64,
        image_dim: int = 64,
        num_layers: int = 2,
        num_heads: int = 4,
        cross_attention_every: int = 2,
    ) -> None:
        super().__init__()
        self.dim = dim
        self.query_embeddings = nn.Parameter(0.02 * torch.randn(1, num_queries, dim))
        self.layers = nn.ModuleList(
            QFormerLayer(dim, image_dim, num_heads, cross_attention=i % cross_attention_every == 0)
            for i in range(num_layers)
        )

    def forward(self, image_features: torch.Tensor) -> torch.Tensor:
        queries = self.query_embeddings.expand(image_features.shape[0], -1, -1)
        for layer in self.layers:
            queries = layer(queries, image_features)
        return queries


def freeze(module: nn.Module) -> nn.Module:
    """Turn off gradients and switch to eval mode; returns the same module."""
    module.requires_grad_(False)
    return module.eval()


class BLIP2Bridge(nn.Module):
    """Frozen image encoder -> trainable Q-Former -> linear projection (Li et al., 2023, fig. 3).

    ``images`` (B, C, H, W) -> soft visual prompts (B, num_queries, language_dim) to prepend to
    the text embeddings of a frozen language model. ``image_encoder`` maps images to
    (B, N, image_dim); it is frozen here and stays in eval mode even after ``.train()``.
    """

    def __init__(self, image_encoder: nn.Module, qformer: QFormer, language_dim: int) -> None:
        super().__init__()
        self.image_encoder = freeze(image_encoder)
        self.qformer = qformer
        self.language_projection = nn.Linear(qformer.dim, language_dim)

    def train(self, mode: bool = True) -> BLIP2Bridge:
        super().train(mode)
        self.image_encoder.eval()
        return self

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            image_features = self.image_encoder(images)
        return self.language_projection(self.qformer(image_features))
