"""The input layer of a Vision Transformer (Dosovitskiy et al., 2021, eq. 1).

``z_0 = [x_class; x_p^1 E; ...; x_p^N E] + E_pos``: each flattened patch is projected by the
same matrix E, a learned CLS token is prepended, and a learned positional embedding is added.
"""

from __future__ import annotations

import torch
from torch import nn

from vlm.vision.tokenize import num_tokens, to_pair


class PatchEmbedding(nn.Module):
    """ViT patch embedding with a CLS token and learned 1-D positional embeddings.

    ``images`` (B, in_channels, H, W) with (H, W) = ``image_size`` -> ``tokens``
    (B, 1 + N, dim), N = HW / patch_size^2; token 0 is CLS. The projection is a ``Conv2d``
    with kernel = stride = patch_size, which equals a linear layer on ``patchify(images)``.
    """

    def __init__(
        self,
        image_size: int | tuple[int, int] = 32,
        patch_size: int = 8,
        in_channels: int = 3,
        dim: int = 64,
    ) -> None:
        super().__init__()
        self.image_size = to_pair(image_size)
        self.patch_size = patch_size
        self.projection = nn.Conv2d(in_channels, dim, kernel_size=patch_size, stride=patch_size)
        self.cls_token = nn.Parameter(0.02 * torch.randn(1, 1, dim))
        sequence_length = num_tokens(self.image_size, patch_size, cls_token=True)
        self.position_embedding = nn.Parameter(0.02 * torch.randn(1, sequence_length, dim))

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        if tuple(images.shape[-2:]) != self.image_size:
            raise ValueError(f"expected images of size {self.image_size}, got {images.shape}")
        patches = self.projection(images).flatten(2).transpose(1, 2)  # (B, N, dim)
        cls = self.cls_token.expand(images.shape[0], -1, -1)  # (B, 1, dim)
        return torch.cat([cls, patches], dim=1) + self.position_embedding
