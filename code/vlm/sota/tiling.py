"""Dynamic-resolution tiling as in InternVL 1.5 / 2 (Chen et al. 2024).

A high-resolution image is resized to a grid of ``cols x rows`` tiles of 448x448 pixels, where
the grid is the allowed one (``min_tiles <= cols * rows <= max_tiles``) whose aspect ratio is
closest to the image's. A 448x448 thumbnail of the whole image is appended when there is more
than one tile. Each tile goes through the ViT (448 / 14 = 32, so 32 x 32 = 1024 patches) and a
pixel shuffle with factor 2 folds 2x2 neighbouring patches into one token: 256 tokens per tile.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F


def candidate_grids(min_tiles: int = 1, max_tiles: int = 12) -> list[tuple[int, int]]:
    """All (cols, rows) with min_tiles <= cols * rows <= max_tiles, by tile count, then cols."""
    grids = [
        (cols, rows)
        for cols in range(1, max_tiles + 1)
        for rows in range(1, max_tiles + 1)
        if min_tiles <= cols * rows <= max_tiles
    ]
    return sorted(grids, key=lambda grid: (grid[0] * grid[1], grid[0]))


def choose_grid(
    width: int, height: int, tile_size: int = 448, min_tiles: int = 1, max_tiles: int = 12
) -> tuple[int, int]:
    """The (cols, rows) grid whose aspect ratio cols / rows is closest to width / height.

    Ties (several grids with the same ratio, e.g. 1x1, 2x2, 3x3) go to a larger grid only when
    the image has more than half the pixels of that grid, so small images are not blown up.
    """
    aspect = width / height
    best, best_diff = (1, 1), float("inf")
    for cols, rows in candidate_grids(min_tiles, max_tiles):
        diff = abs(aspect - cols / rows)
        if diff < best_diff:
            best, best_diff = (cols, rows), diff
        elif diff == best_diff and width * height > 0.5 * tile_size**2 * cols * rows:
            best = (cols, rows)
    return best


@dataclass(frozen=True)
class TiledImage:
    """Tiles (T, C, tile, tile), row-major, thumbnail last if present; the chosen grid."""

    tiles: torch.Tensor
    grid: tuple[int, int]
    has_thumbnail: bool


def _resize(image: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """Bilinear resize of (C, H, W) to (C, height, width); a no-op if the size already matches."""
    if image.shape[-2:] == (height, width):
        return image
    return F.interpolate(image[None], size=(height, width), mode="bilinear", antialias=True)[0]


def tile_image(
    image: torch.Tensor,
    tile_size: int = 448,
    min_tiles: int = 1,
    max_tiles: int = 12,
    use_thumbnail: bool = True,
) -> TiledImage:
    """Cut a (C, H, W) image into the tiles of :func:`choose_grid` (+ thumbnail)."""
    _, height, width = image.shape
    cols, rows = choose_grid(width, height, tile_size, min_tiles, max_tiles)
    resized = _resize(image, rows * tile_size, cols * tile_size)
    tiles = [
        resized[:, r * tile_size : (r + 1) * tile_size, c * tile_size : (c + 1) * tile_size]
        for r in range(rows)
        for c in range(cols)
    ]
    has_thumbnail = use_thumbnail and len(tiles) > 1
    if has_thumbnail:
        tiles.append(_resize(image, tile_size, tile_size))
    return TiledImage(torch.stack(tiles), (cols, rows), has_thumbnail)


def pixel_shuffle_downsample(features: torch.Tensor, factor: int = 2) -> torch.Tensor:
    """Fold each ``factor x factor`` block of patch features into one token (space-to-depth).

    ``features`` (B, H, W, C) of a tile, H and W divisible by ``factor`` ->
    (B, H / factor, W / factor, C * factor^2): 4x fewer tokens for factor 2, nothing dropped.
    """
    batch, height, width, channels = features.shape
    if height % factor or width % factor:
        raise ValueError(f"grid {height}x{width} not divisible by {factor}")
    blocks = features.reshape(batch, height // factor, factor, width // factor, factor, channels)
    blocks = blocks.permute(0, 1, 3, 2, 4, 5)  # (B, H/f, W/f, f, f, C)
    return blocks.reshape(batch, height // factor, width // factor, factor * factor * channels)


@dataclass(frozen=True)
class TokenCount:
    """Visual-token budget of one image: grid, tiles (incl. thumbnail), per tile, total."""

    grid: tuple[int, int]
    num_tiles: int
    tokens_per_tile: int
    total_tokens: int


def count_visual_tokens(
    width: int,
    height: int,
    tile_size: int = 448,
    patch_size: int = 14,
    shuffle_factor: int = 2,
    min_tiles: int = 1,
    max_tiles: int = 12,
    use_thumbnail: bool = True,
) -> TokenCount:
    """Number of visual tokens the LLM receives for a ``width`` x ``height`` image.

    ``count_visual_tokens(448, 448).total_tokens == 256``; an 800x600 image gets a 4x3 grid,
    12 tiles + thumbnail = 13 tiles, 13 * 256 = 3328 tokens.
    """
    grid = choose_grid(width, height, tile_size, min_tiles, max_tiles)
    num_tiles = grid[0] * grid[1]
    num_tiles += int(use_thumbnail and num_tiles > 1)
    tokens_per_tile = (tile_size // patch_size // shuffle_factor) ** 2
    return TokenCount(grid, num_tiles, tokens_per_tile, num_tiles * tokens_per_tile)
