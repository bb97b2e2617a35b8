"""Self-attention masks of the Q-Former for its three stage-1 objectives (Li et al., 2023, fig. 2).

Queries and text tokens go through the same self-attention layers; a mask decides who may
look at whom. ``True`` at ``[a, b]`` means position ``a`` may attend to position ``b``; the
first ``num_queries`` positions are the learned queries, the next ``num_text`` the text.

* ITC (uni-modal): queries see queries, text sees text, so neither leaks into the other.
* ITM (bi-directional): everything sees everything.
* ITG (multi-modal causal): queries see queries only; a text token sees every query and the
  text tokens up to itself, so all it learns of the image passes through the queries.
"""

from __future__ import annotations

import torch

OBJECTIVES = ("ITC", "ITM", "ITG")


def qformer_attention_mask(num_queries: int, num_text: int, objective: str) -> torch.Tensor:
    """Boolean mask (Q + T, Q + T) for ``objective`` in ``OBJECTIVES``; True = may attend."""
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {OBJECTIVES}, got {objective!r}")
    size = num_queries + num_text
    if objective == "ITM":
        return torch.ones(size, size, dtype=torch.bool)
    mask = torch.zeros(size, size, dtype=torch.bool)
    mask[:num_queries, :num_queries] = True
    if objective == "ITC":
        mask[num_queries:, num_queries:] = True
    else:
        mask[num_queries:, :num_queries] = True
        mask[num_queries:, num_queries:] = torch.ones(num_text, num_text).tril().bool()
    return mask


def additive_mask(mask: torch.Tensor) -> torch.Tensor:
    """The same mask as the 0 / -inf values added to attention logits: (L, L) float."""
    return torch.zeros(mask.shape).masked_fill(~mask, float("-inf"))
