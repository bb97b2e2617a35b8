"""Perceiver resampler (Flamingo, Alayrac et al. 2022).

A fixed set of learned latent vectors cross-attends to however many visual tokens an image
(or a video) produced and returns exactly ``num_latents`` tokens. The language model therefore
always sees the same, small number of visual tokens, whatever the resolution.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


class ResamplerLayer(nn.Module):
    """One Perceiver resampler layer: latent cross-attention then a feed-forward block.

    As in Flamingo, keys and values are the visual tokens concatenated with the latents, so the
    latents can also attend to each other. Visual tokens get no positional information here, so
    the layer is invariant to the order of the visual tokens.
    """

    def __init__(self, dim: int, num_heads: int, ffn_mult: int = 4) -> None:
        super().__init__()
        if dim % num_heads != 0:
            raise ValueError(f"dim={dim} must be divisible by num_heads={num_heads}")
        self.num_heads = num_heads
        self.norm_visual = nn.LayerNorm(dim)
        self.norm_latents = nn.LayerNorm(dim)
        self.to_q = nn.Linear(dim, dim, bias=False)
        self.to_kv = nn.Linear(dim, 2 * dim, bias=False)
        self.to_out = nn.Linear(dim, dim, bias=False)
        self.ffn = nn.Sequential(
            nn.LayerNorm(dim),
            nn.Linear(dim, ffn_mult * dim),
            nn.GELU(),
            nn.Linear(ffn_mult * dim, dim),
        )

    def forward(
        self,
        latents: torch.Tensor,
        visual: torch.Tensor,
        visual_mask: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """Update the latents: ``latents`` (B, M, D), ``visual`` (B, N, D) -> (B, M, D).

        N may differ between calls; ``visual_mask`` (B, N) bool is True for real tokens and
        False for padding.
        """
        batch, num_latents, dim = latents.shape
        heads = self.num_heads
        lat = self.norm_latents(latents)
        context = torch.cat([self.norm_visual(visual), lat], dim=1)  # (B, N + M, D)
        q = self.to_q(lat)
        k, v = self.to_kv(context).chunk(2, dim=-1)

        def split_heads(x: torch.Tensor) -> torch.Tensor:  # (B, T, D) -> (B, H, T, D/H)
            return x.reshape(batch, x.shape[1], heads, dim // heads).transpose(1, 2)

        attn_mask = None
        if visual_mask is not None:
            latent_mask = visual_mask.new_ones(batch, num_latents)
            attn_mask = torch.cat([visual_mask, latent_mask], dim=1)[:, None, None, :]
        attended = F.scaled_dot_product_attention(
            split_heads(q), split_heads(k), split_heads(v), attn_mask=attn_mask
        )
        attended = attended.transpose(1, 2).reshape(batch, num_latents, dim)
        latents = latents + self.to_out(attended)
        return latents + self.ffn(latents)


class PerceiverResampler(nn.Module):
    """Map a variable number of visual tokens to a fixed number of latent tokens (Flamingo).

    Input ``(B, N, D)`` with any ``N``; output ``(B, num_latents, D)``. The output does not depend
    on the order of the N input tokens (no positional embedding on the visual side).
    """

    def __init__(self, dim: int, num_latents: int = 64, depth: int = 2, num_heads: int = 4) -> None:
        super().__init__()
        self.latents = nn.Parameter(torch.randn(num_latents, dim) * dim**-0.5)
        self.layers = nn.ModuleList(ResamplerLayer(dim, num_heads) for _ in range(depth))
        self.norm_out = nn.LayerNorm(dim)

    def forward(
        self, visual: torch.Tensor, visual_mask: torch.Tensor | None = None
    ) -> torch.Tensor:
        """Resample ``visual`` tokens (B, N, D), e.g. ViT patch features, to (B, num_latents, D).

        ``visual_mask`` (B, N) bool is True where a token is real (for padded batches).
        """
        latents = self.latents.expand(visual.shape[0], -1, -1)
        for layer in self.layers:
            latents = layer(latents, visual, visual_mask)
        return self.norm_out(latents)
