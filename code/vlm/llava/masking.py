"""Labels for visual instruction tuning: only the answer is supervised (LLaVA, Liu et al. 2023).

Positions whose label is ``IGNORE_INDEX`` (-100) are skipped by ``F.cross_entropy``: the prompt,
the image tokens and the padding. The model is trained to produce the answer, not the question.
"""

from __future__ import annotations

import torch

IGNORE_INDEX = -100


def build_labels(
    input_ids: torch.Tensor, prompt_lengths: torch.Tensor, pad_token_id: int | None = None
) -> torch.Tensor:
    """Copy ``input_ids`` and set the prompt (and padding) positions to ``IGNORE_INDEX``.

    ``input_ids`` (B, L), prompt first, then the answer, then padding; ``prompt_lengths`` (B,)
    prompt tokens per row, image placeholder included -> labels (B, L) where only answer tokens
    keep their id. Positions holding ``pad_token_id``, if given, are ignored as well.
    """
    positions = torch.arange(input_ids.shape[1], device=input_ids.device)
    ignore = positions[None, :] < prompt_lengths[:, None]
    if pad_token_id is not None:
        ignore |= input_ids == pad_token_id
    return input_ids.masked_fill(ignore, IGNORE_INDEX)


def expand_labels_for_image(
    labels: torch.Tensor, input_ids: torch.Tensor, image_token_id: int, num_image_tokens: int
) -> torch.Tensor:
    """Replace the single image placeholder by ``num_image_tokens`` ignored positions.

    Mirrors how the placeholder's embedding is replaced by ``num_image_tokens`` projected patch
    features, so labels stay aligned with the spliced embeddings.

    ``labels`` (B, L) from :func:`build_labels`, ``input_ids`` (B, L) with exactly one
    ``image_token_id`` per row -> labels (B, L - 1 + N), N = ``num_image_tokens``.
    """
    rows = []
    for row_labels, row_ids in zip(labels, input_ids, strict=True):
        position = image_position(row_ids, image_token_id)
        filler = row_labels.new_full((num_image_tokens,), IGNORE_INDEX)
        rows.append(torch.cat([row_labels[:position], filler, row_labels[position + 1 :]]))
    return torch.stack(rows)


def image_position(ids: torch.Tensor, image_token_id: int) -> int:
    """Index of the only ``image_token_id`` in 1-D ``ids``; raises if there is not exactly one."""
    positions = (ids == image_token_id).nonzero().flatten()
    if positions.numel() != 1:
        raise ValueError(f"expected exactly one image token, found {positions.numel()}")
    return int(positions[0])
