"""Captioning / language-modelling loss: predict token t + 1 from tokens up to t.

Used by Show and Tell, by BLIP's LM objective and by every generative VLM. Logits at position
t are compared with the token at t + 1 (shifted targets); padding targets are set to
``IGNORE_INDEX`` so they contribute nothing to the loss or its gradient.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

IGNORE_INDEX = -100  # the default ignore_index of F.cross_entropy


def shifted_targets(token_ids: torch.Tensor, pad_id: int) -> torch.Tensor:
    """``token_ids`` (B, T) -> targets (B, T - 1): ``token_ids[:, 1:]`` with padding ignored."""
    targets = token_ids[:, 1:].clone()
    targets[targets == pad_id] = IGNORE_INDEX
    return targets


def captioning_loss(logits: torch.Tensor, token_ids: torch.Tensor, pad_id: int) -> torch.Tensor:
    """Mean next-token cross-entropy over non-padding targets.

    ``logits`` (B, T, V) where ``logits[:, t]`` predicts ``token_ids[:, t + 1]``; ``token_ids``
    (B, T) -> scalar. The last position has no target and is dropped.
    """
    targets = shifted_targets(token_ids, pad_id)
    return F.cross_entropy(
        logits[:, :-1].reshape(-1, logits.shape[-1]),
        targets.reshape(-1),
        ignore_index=IGNORE_INDEX,
    )
