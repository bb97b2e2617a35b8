"""The co-attentional transformer layer of ViLBERT (Lu et al., 2019, fig. 2b).

Two streams, one per modality, each keep their own weights. In a co-attention layer the
image stream's queries attend to the text stream's keys and values and, symmetrically, the
text stream's queries attend to the image stream. Each stream then applies its own residual
connection, layer norm and feed-forward network, as in a BERT layer.
"""

from __future__ import annotations

import torch
from torch import nn


class _StreamUpdate(nn.Module):
    """Residual + LayerNorm + feed-forward + residual + LayerNorm (post-LN, as in BERT)."""

    def __init__(self, dim: int, ffn_multiplier: int = 4) -> None:
        super().__init__()
        self.attention_norm = nn.LayerNorm(dim)
        self.feed_forward = nn.Sequential(
            nn.Linear(dim, ffn_multiplier * dim), nn.GELU(), nn.Linear(ffn_multiplier * dim, dim)
        )
        self.output_norm = nn.LayerNorm(dim)

    def forward(self, tokens: torch.Tensor, attended: torch.Tensor) -> torch.Tensor:
        hidden = self.attention_norm(tokens + attended)
        return self.output_norm(hidden + self.feed_forward(hidden))


class CoAttentionBlock(nn.Module):
    """ViLBERT co-attention: each stream queries the other stream (Lu et al., 2019).

    ``image_tokens`` (B, R, image_dim), ``text_tokens`` (B, T, text_dim) -> the updated pair with
    the same shapes. ``text_padding_mask`` (B, T) and ``image_padding_mask`` (B, R) are boolean,
    True where a position is padding and must not be attended to. The two streams may have
    different widths, as in ViLBERT (1024 for image regions, 768 for text).
    """

    def __init__(self, image_dim: int, text_dim: int, num_heads: int = 4) -> None:
        super().__init__()
        self.image_queries_text = nn.MultiheadAttention(
            image_dim, num_heads, kdim=text_dim, vdim=text_dim, batch_first=True
        )
        self.text_queries_image = nn.MultiheadAttention(
            text_dim, num_heads, kdim=image_dim, vdim=image_dim, batch_first=True
        )
        self.image_update = _StreamUpdate(image_dim)
        self.text_update = _StreamUpdate(text_dim)

    def forward(
        self,
        image_tokens: torch.Tensor,
        text_tokens: torch.Tensor,
        text_padding_mask: torch.Tensor | None = None,
        image_padding_mask: torch.Tensor | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        image_attended, _ = self.image_queries_text(
            image_tokens,
            text_tokens,
            text_tokens,
            key_padding_mask=text_padding_mask,
            need_weights=False,
        )
        text_attended, _ = self.text_queries_image(
            text_tokens,
            image_tokens,
            image_tokens,
            key_padding_mask=image_padding_mask,
            need_weights=False,
        )
        return (
            self.image_update(image_tokens, image_attended),
            self.text_update(text_tokens, text_attended),
        )
