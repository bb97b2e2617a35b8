"""Native dynamic resolution as in Qwen2-VL (Wang et al. 2024): how many tokens an image costs.

Qwen2-VL does not cut tiles. It resizes the whole image so that both sides are multiples of
28 = patch 14 x merge 2 and the pixel count stays within [min_pixels, max_pixels], keeping the
aspect ratio as well as it can (``smart_resize``). The ViT sees (H / 14) x (W / 14) patches; an
MLP then merges each 2x2 block, so the LLM receives (H / 28) x (W / 28) visual tokens, between
the two markers <|vision_start|> and <|vision_end|>.

The rule is that of the Qwen2-VL image processor in Hugging Face transformers; the default
budget is that of the official qwen-vl-utils: at least 4 and at most 16384 tokens of 28 x 28
pixels (min_pixels = 4 * 28 * 28, max_pixels = 16384 * 28 * 28).
"""

from __future__ import annotations

import math

MAX_ASPECT_RATIO = 200
MIN_PIXELS = 4 * 28 * 28
MAX_PIXELS = 16384 * 28 * 28


def smart_resize(
    height: int,
    width: int,
    factor: int = 28,
    min_pixels: int = MIN_PIXELS,
    max_pixels: int = MAX_PIXELS,
) -> tuple[int, int]:
    """(height, width) after resizing: multiples of ``factor``, pixels in [min, max], same shape.

    Each side is rounded to the nearest multiple of ``factor`` (Python's round: halves go to
    the even multiple). Too many pixels: scale both sides by 1 / beta, beta = sqrt(H W / max),
    and round down. Too few: scale by beta = sqrt(min / (H W)) and round up.
    ``smart_resize(1080, 1920) == (1092, 1932)``; with ``max_pixels=28 * 28 * 1280``, (728, 1316).
    """
    if height < 1 or width < 1:
        raise ValueError(f"image size must be positive, got {height}x{width}")
    if max(height, width) / min(height, width) > MAX_ASPECT_RATIO:
        raise ValueError(f"aspect ratio of {height}x{width} exceeds {MAX_ASPECT_RATIO}")
    h_bar = round(height / factor) * factor
    w_bar = round(width / factor) * factor
    if h_bar * w_bar > max_pixels:
        beta = math.sqrt(height * width / max_pixels)
        h_bar = max(factor, math.floor(height / beta / factor) * factor)
        w_bar = max(factor, math.floor(width / beta / factor) * factor)
    elif h_bar * w_bar < min_pixels:
        beta = math.sqrt(min_pixels / (height * width))
        h_bar = math.ceil(height * beta / factor) * factor
        w_bar = math.ceil(width * beta / factor) * factor
    return h_bar, w_bar


def qwen2_vl_image_tokens(
    height: int,
    width: int,
    patch_size: int = 14,
    merge_size: int = 2,
    min_pixels: int = MIN_PIXELS,
    max_pixels: int = MAX_PIXELS,
) -> int:
    """Visual tokens the LLM receives for a ``height`` x ``width`` image, without the 2 markers.

    ``qwen2_vl_image_tokens(224, 224) == 64``: 8 x 8 after the 2x2 merge (66 with the markers).
    """
    factor = patch_size * merge_size
    h_bar, w_bar = smart_resize(height, width, factor, min_pixels, max_pixels)
    return (h_bar // factor) * (w_bar // factor)
