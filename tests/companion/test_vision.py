"""Tests of vlm.vision: patchify/unpatchify, token counts, ViT patch embedding."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from vlm.vision.patch_embed import PatchEmbedding
from vlm.vision.tokenize import grid_size, num_patches, num_tokens, patchify, unpatchify


@pytest.mark.parametrize(("height", "width", "patch"), [(32, 32, 8), (24, 40, 4), (16, 16, 16)])
def test_unpatchify_inverts_patchify_exactly(height: int, width: int, patch: int) -> None:
    images = torch.randn(2, 3, height, width)
    patches = patchify(images, patch)
    assert patches.shape == (2, num_patches((height, width), patch), 3 * patch * patch)
    assert torch.equal(unpatchify(patches, patch, (height, width)), images)


def test_patches_are_row_major_and_channel_first() -> None:
    images = torch.arange(2 * 4 * 6, dtype=torch.float32).reshape(1, 2, 4, 6)
    patches = patchify(images, 2)  # grid 2 x 3
    second_row_first_column = patches[0, 3].reshape(2, 2, 2)
    assert torch.equal(second_row_first_column, images[0, :, 2:4, 0:2])


def test_token_counts_of_standard_vits() -> None:
    assert num_patches(224, 16) == 196 and num_tokens(224, 16) == 197
    assert num_patches(336, 14) == 576 and num_tokens(336, 14, cls_token=False) == 576
    assert grid_size((32, 48), 8) == (4, 6)
    with pytest.raises(ValueError, match="not divisible"):
        num_patches(225, 16)


def test_patch_embedding_shape_and_token_count() -> None:
    embed = PatchEmbedding(image_size=(32, 24), patch_size=8, dim=20)
    tokens = embed(torch.randn(3, 3, 32, 24))
    assert tokens.shape == (3, num_tokens((32, 24), 8), 20)
    with pytest.raises(ValueError, match="expected images"):
        embed(torch.randn(1, 3, 32, 32))


def test_convolution_equals_linear_projection_of_flattened_patches() -> None:
    embed = PatchEmbedding(image_size=32, patch_size=8, dim=16)
    images = torch.randn(2, 3, 32, 32)
    weight = embed.projection.weight.reshape(16, -1)  # E in z = x_p E, as (dim, C * P * P)
    projected = F.linear(patchify(images, 8), weight, embed.projection.bias)
    cls = embed.cls_token.expand(2, -1, -1)
    expected = torch.cat([cls, projected], dim=1) + embed.position_embedding
    torch.testing.assert_close(embed(images), expected)


def test_changing_one_patch_changes_only_its_token() -> None:
    embed = PatchEmbedding(image_size=32, patch_size=8, dim=16)
    images = torch.randn(1, 3, 32, 32)
    edited = images.clone()
    edited[:, :, 8:16, 16:24] += 1.0  # row 1, column 2 -> patch 1 * 4 + 2 = 6, token 7
    changed = (embed(edited) - embed(images)).abs().amax(dim=-1)[0]
    assert changed.nonzero().flatten().tolist() == [7]


def test_position_embedding_makes_identical_patches_distinguishable() -> None:
    embed = PatchEmbedding(image_size=16, patch_size=8, dim=16)
    tile = torch.randn(1, 3, 8, 8)
    images = tile.repeat(1, 1, 2, 2)  # four identical patches
    tokens = embed(images)[0, 1:]
    assert torch.cdist(tokens, tokens).fill_diagonal_(1.0).min() > 0
