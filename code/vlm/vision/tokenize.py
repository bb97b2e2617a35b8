"""Cut an image into non-overlapping patches and put it back together.

A ViT (Dosovitskiy et al., 2021) reshapes an image x (C, H, W) into N = HW / P^2 flattened
patches of length P^2 * C. Each patch is flattened in (C, P, P) order, the layout of a
``Conv2d`` weight, so ``patchify`` followed by a linear layer equals a stride-P convolution.
"""

from __future__ import annotations

import torch


def to_pair(size: int | tuple[int, int]) -> tuple[int, int]:
    """``32`` -> ``(32, 32)``; a pair is returned unchanged."""
    return (size, size) if isinstance(size, int) else (size[0], size[1])


def grid_size(image_size: int | tuple[int, int], patch_size: int) -> tuple[int, int]:
    """Patches per column and per row, ``(H / P, W / P)``; raises if P does not divide."""
    height, width = to_pair(image_size)
    if height % patch_size or width % patch_size:
        raise ValueError(f"image size {(height, width)} is not divisible by patch {patch_size}")
    return height // patch_size, width // patch_size


def num_patches(image_size: int | tuple[int, int], patch_size: int) -> int:
    """``N = H W / P^2``; e.g. 224 px with P = 16 gives 196."""
    rows, columns = grid_size(image_size, patch_size)
    return rows * columns


def num_tokens(image_size: int | tuple[int, int], patch_size: int, cls_token: bool = True) -> int:
    """ViT sequence length: ``N`` patches plus one CLS token if used (197 for 224 px, P = 16)."""
    return num_patches(image_size, patch_size) + int(cls_token)


def patchify(images: torch.Tensor, patch_size: int) -> torch.Tensor:
    """``images`` (B, C, H, W) -> ``patches`` (B, N, C * P * P).

    Patches are listed row by row (left to right, top to bottom); each one is flattened in
    (C, P, P) order.
    """
    batch, channels, height, width = images.shape
    rows, columns = grid_size((height, width), patch_size)
    grid = images.reshape(batch, channels, rows, patch_size, columns, patch_size)
    grid = grid.permute(0, 2, 4, 1, 3, 5)  # (B, rows, columns, C, P, P)
    return grid.reshape(batch, rows * columns, channels * patch_size * patch_size)


def unpatchify(
    patches: torch.Tensor, patch_size: int, image_size: int | tuple[int, int]
) -> torch.Tensor:
    """Exact inverse of ``patchify``: ``patches`` (B, N, C * P * P) -> ``images`` (B, C, H, W)."""
    batch, _, patch_length = patches.shape
    channels = patch_length // (patch_size * patch_size)
    rows, columns = grid_size(image_size, patch_size)
    grid = patches.reshape(batch, rows, columns, channels, patch_size, patch_size)
    grid = grid.permute(0, 3, 1, 4, 2, 5)  # (B, C, rows, P, columns, P)
    return grid.reshape(batch, channels, rows * patch_size, columns * patch_size)
