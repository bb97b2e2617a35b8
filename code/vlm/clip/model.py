"""A tiny CLIP (Radford et al., 2021): two encoders, one shared embedding space.

Images go through a small Vision Transformer, texts through a transformer text encoder; each
pooled output is linearly projected to ``embed_dim`` and L2-normalised. The temperature is
learned as ``logit_scale = log(1 / tau)``, initialised to ``log(1 / 0.07)`` and clipped so that
logits are never scaled by more than 100.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from vlm.losses.contrastive import info_nce_from_logits
from vlm.text.encoder import TextEncoder
from vlm.vision.patch_embed import PatchEmbedding

MAX_LOGIT_SCALE = 100.0


class TinyVisionTransformer(nn.Module):
    """ViT encoder (Dosovitskiy et al., 2021): patch embedding -> pre-LN transformer -> LayerNorm.

    ``images`` (B, C, H, W) -> ``tokens`` (B, 1 + N, dim); token 0 is CLS.
    """

    def __init__(
        self,
        image_size: int = 32,
        patch_size: int = 8,
        dim: int = 64,
        num_layers: int = 2,
        num_heads: int = 4,
    ) -> None:
        super().__init__()
        self.dim = dim
        self.patch_embedding = PatchEmbedding(image_size, patch_size, dim=dim)
        layer = nn.TransformerEncoderLayer(
            dim, num_heads, 4 * dim, dropout=0.0, batch_first=True, norm_first=True
        )
        self.transformer = nn.TransformerEncoder(layer, num_layers, enable_nested_tensor=False)
        self.final_norm = nn.LayerNorm(dim)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.final_norm(self.transformer(self.patch_embedding(images)))


class CLIP(nn.Module):
    """Dual encoder with a learnable temperature (Radford et al., 2021).

    ``encode_image(images (B, 3, H, W))`` and ``encode_text(token_ids (B, T))`` return unit
    vectors (B, embed_dim). ``forward`` returns ``logits_per_image`` (B_img, B_txt)
    ``= scale * cosine``; its transpose is ``logits_per_text``.
    """

    def __init__(
        self,
        vocab_size: int,
        embed_dim: int = 32,
        image_size: int = 32,
        patch_size: int = 8,
        vision_dim: int = 64,
        text_dim: int = 64,
        max_text_length: int = 16,
        pad_id: int = 0,
    ) -> None:
        super().__init__()
        self.visual = TinyVisionTransformer(image_size, patch_size, vision_dim)
        self.text = TextEncoder(vocab_size, text_dim, max_length=max_text_length, pad_id=pad_id)
        self.image_projection = nn.Linear(vision_dim, embed_dim, bias=False)
        self.text_projection = nn.Linear(text_dim, embed_dim, bias=False)
        self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))

    def encode_image(self, images: torch.Tensor) -> torch.Tensor:
        """CLS token -> projection -> L2 norm: (B, 3, H, W) -> (B, embed_dim)."""
        cls = self.visual(images)[:, 0]  # (B, vision_dim)
        return F.normalize(self.image_projection(cls), dim=-1)

    def encode_text(self, token_ids: torch.Tensor) -> torch.Tensor:
        """Pooled text feature -> projection -> L2 norm: (B, T) -> (B, embed_dim)."""
        pooled = self.text(token_ids).pooled  # (B, text_dim)
        return F.normalize(self.text_projection(pooled), dim=-1)

    def scale(self) -> torch.Tensor:
        """``exp(logit_scale)`` capped at 100, the factor applied to cosine similarities."""
        return self.logit_scale.exp().clamp(max=MAX_LOGIT_SCALE)

    @torch.no_grad()
    def clamp_logit_scale_(self) -> None:
        """Clip the parameter itself to ``[0, log 100]``; call after each optimiser step."""
        self.logit_scale.clamp_(0.0, math.log(MAX_LOGIT_SCALE))

    def forward(self, images: torch.Tensor, token_ids: torch.Tensor) -> torch.Tensor:
        return self.scale() * self.encode_image(images) @ self.encode_text(token_ids).T

    def contrastive_loss(self, images: torch.Tensor, token_ids: torch.Tensor) -> torch.Tensor:
        """Symmetric InfoNCE on a batch of N matching (image, text) pairs -> scalar."""
        return info_nce_from_logits(self(images, token_ids))
