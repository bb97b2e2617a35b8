"""Tests of vlm.sota.tiling: InternVL-style grid choice, tiles, pixel shuffle, token counts."""

from __future__ import annotations

import pytest
import torch
from vlm.sota.dynamic_resolution import (
    MAX_PIXELS,
    MIN_PIXELS,
    qwen2_vl_image_tokens,
    smart_resize,
)
from vlm.sota.tiling import (
    candidate_grids,
    choose_grid,
    count_visual_tokens,
    pixel_shuffle_downsample,
    tile_image,
)


def test_candidate_grids() -> None:
    grids = candidate_grids(1, 12)
    assert all(1 <= c * r <= 12 for c, r in grids) and len(set(grids)) == len(grids)
    assert (3, 4) in grids and (4, 3) in grids and (5, 3) not in grids
    assert grids[:3] == [(1, 1), (1, 2), (2, 1)]
    assert candidate_grids(2, 2) == [(1, 2), (2, 1)]
    # number of (c, r) with c * r <= 12 is sum_c floor(12 / c) = 12+6+4+3+2+2+1+1+1+1+1+1 = 35
    assert len(grids) == 35


@pytest.mark.parametrize(
    ("size", "grid"),
    [
        ((448, 448), (1, 1)),  # ratio 1; 2x2 would need > 0.5 * 4 * 448^2 pixels
        ((1000, 1000), (3, 3)),  # 1e6 > 0.5 * 9 * 448^2 = 903,168, so the 3x3 tie wins
        ((900, 900), (2, 2)),  # 810,000 > 401,408 (2x2) but < 903,168 (3x3)
        ((800, 600), (4, 3)),  # 4/3 exactly
        ((600, 800), (3, 4)),
        ((1920, 1080), (4, 2)),  # 16/9: closest ratio 2 (2x1, 4x2 tie; 2,073,600 > 802,816)
        ((100, 1000), (1, 10)),
    ],
)
def test_choose_grid_by_hand(size: tuple[int, int], grid: tuple[int, int]) -> None:
    assert choose_grid(*size) == grid


def test_min_and_max_tiles_are_respected() -> None:
    assert choose_grid(448, 448, min_tiles=2, max_tiles=6) == (2, 2)  # (1, 1) is not allowed
    assert choose_grid(4000, 100, max_tiles=6) == (6, 1)


@pytest.mark.parametrize(
    ("size", "tiles", "total"),
    [
        ((448, 448), 1, 256),  # one tile, no thumbnail
        ((800, 600), 13, 3328),  # 12 tiles + thumbnail = 13 * 256
        ((1920, 1080), 9, 2304),  # 8 tiles + thumbnail
    ],
)
def test_count_visual_tokens_by_hand(size: tuple[int, int], tiles: int, total: int) -> None:
    count = count_visual_tokens(*size)
    assert count.tokens_per_tile == 256  # (448 / 14 / 2)^2 = 16^2
    assert (count.num_tiles, count.total_tokens) == (tiles, total)
    assert (
        count_visual_tokens(*size, use_thumbnail=False).num_tiles == count.grid[0] * count.grid[1]
    )


def test_tiles_cover_the_resized_image_row_major() -> None:
    image = torch.arange(3 * 8 * 12, dtype=torch.float32).reshape(3, 8, 12)
    tiled = tile_image(image, tile_size=4, max_tiles=6)  # 12 x 8 = ratio 1.5 -> grid (3, 2)
    assert tiled.grid == (3, 2) and tiled.has_thumbnail
    assert tiled.tiles.shape == (3 * 2 + 1, 3, 4, 4)
    rows = [torch.cat(list(tiled.tiles[r * 3 : (r + 1) * 3]), dim=2) for r in range(2)]
    assert torch.equal(torch.cat(rows, dim=1), image)  # no resize needed: exact pixels back


def test_tiling_resizes_and_skips_thumbnail_for_one_tile() -> None:
    tiled = tile_image(torch.rand(3, 600, 800))
    assert tiled.grid == (4, 3) and tiled.tiles.shape == (13, 3, 448, 448)
    single = tile_image(torch.rand(3, 300, 320), tile_size=448)
    assert single.grid == (1, 1) and not single.has_thumbnail and single.tiles.shape[0] == 1


def test_pixel_shuffle_keeps_every_value_in_fewer_tokens() -> None:
    features = torch.randn(2, 32, 32, 8)
    shuffled = pixel_shuffle_downsample(features)
    assert shuffled.shape == (2, 16, 16, 32)  # 1024 tokens -> 256 tokens, 4x channels
    assert torch.equal(shuffled.flatten().sort().values, features.flatten().sort().values)
    # token (0, 0) holds the 2x2 block of patches (0,0), (0,1), (1,0), (1,1)
    block = torch.cat([features[0, 0, 0], features[0, 0, 1], features[0, 1, 0], features[0, 1, 1]])
    assert torch.equal(shuffled[0, 0, 0], block)
    with pytest.raises(ValueError):
        pixel_shuffle_downsample(torch.randn(1, 3, 4, 2))


@pytest.mark.parametrize(
    ("size", "resized", "tokens"),
    [
        # already multiples of 28 and within budget: unchanged; 8 x 8 = 64 tokens (+2 markers)
        ((224, 224), (224, 224), 64),
        ((896, 1344), (896, 1344), 32 * 48),
        # 1080 / 28 = 38.6 -> 39 * 28 = 1092 ; 1920 / 28 = 68.6 -> 69 * 28 = 1932
        ((1080, 1920), (1092, 1932), 39 * 69),
        # halves round to the even multiple (Python's round): 42 / 28 = 1.5 -> 2, 70 / 28 = 2.5 -> 2
        ((42, 42), (56, 56), 4),
        ((70, 70), (56, 56), 4),
        # too many pixels: rounded 5992 x 4004 > 16384 * 784, beta = sqrt(6000 * 4000 / max) = 1.3669
        # 6000 / beta / 28 = 156.8 -> 156 * 28 = 4368 ; 4000 / beta / 28 = 104.5 -> 104 * 28 = 2912
        ((6000, 4000), (4368, 2912), 156 * 104),
        # too few: 28 x 28 < 4 * 784, beta = sqrt(3136 / 600) = 2.286
        # 20 * beta / 28 = 1.63 -> 2 * 28 = 56 ; 30 * beta / 28 = 2.45 -> 3 * 28 = 84
        ((20, 30), (56, 84), 6),
    ],
)
def test_smart_resize_by_hand(size: tuple[int, int], resized: tuple[int, int], tokens: int) -> None:
    assert smart_resize(*size) == resized
    assert qwen2_vl_image_tokens(*size) == tokens


def test_smart_resize_respects_a_smaller_budget_and_rejects_bad_sizes() -> None:
    # max_pixels = 28 * 28 * 1280: beta = sqrt(1080 * 1920 / 1003520) = 1.4375
    # 1080 / beta / 28 = 26.8 -> 26 * 28 = 728 ; 1920 / beta / 28 = 47.7 -> 47 * 28 = 1316
    assert smart_resize(1080, 1920, max_pixels=28 * 28 * 1280) == (728, 1316)
    assert qwen2_vl_image_tokens(1080, 1920, max_pixels=28 * 28 * 1280) == 26 * 47
    for height, width in [(1080, 1920), (3000, 500), (4000, 6000), (33, 77)]:
        h_bar, w_bar = smart_resize(height, width)
        assert h_bar % 28 == w_bar % 28 == 0
        assert MIN_PIXELS <= h_bar * w_bar <= MAX_PIXELS
    with pytest.raises(ValueError, match="aspect ratio"):
        smart_resize(10, 2010)
    with pytest.raises(ValueError, match="positive"):
        smart_resize(0, 100)
