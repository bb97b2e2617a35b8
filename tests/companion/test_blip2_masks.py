"""Q-Former attention masks for ITC, ITM and ITG, as in BLIP-2's figure 2."""

from __future__ import annotations

import pytest
import torch
from vlm.blip2.masks import additive_mask, qformer_attention_mask

Q, T = 3, 4


def _blocks(objective: str) -> tuple[bool, bool, bool, bool]:
    """Whether each block allows any attention: (q->q, q->t, t->q, t->t)."""
    mask = qformer_attention_mask(Q, T, objective)
    return (
        bool(mask[:Q, :Q].all()),
        bool(mask[:Q, Q:].any()),
        bool(mask[Q:, :Q].all()),
        bool(mask[Q:, Q:].any()),
    )


def test_itc_keeps_queries_and_text_apart() -> None:
    assert _blocks("ITC") == (True, False, False, True)
    assert qformer_attention_mask(Q, T, "ITC")[Q:, Q:].all()


def test_itm_lets_everything_see_everything() -> None:
    assert qformer_attention_mask(Q, T, "ITM").all()


def test_itg_text_sees_all_queries_and_only_earlier_text() -> None:
    mask = qformer_attention_mask(Q, T, "ITG")
    assert _blocks("ITG") == (True, False, True, True)
    assert torch.equal(
        mask[Q:, Q:],
        torch.tensor([[1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0], [1, 1, 1, 1]], dtype=torch.bool),
    )


def test_additive_mask_is_zero_where_allowed_and_minus_infinity_elsewhere() -> None:
    mask = qformer_attention_mask(1, 2, "ITG")
    values = additive_mask(mask)
    assert torch.equal(values[mask], torch.zeros(int(mask.sum())))
    assert torch.isinf(values[~mask]).all() and (values[~mask] < 0).all()


def test_an_unknown_objective_is_refused() -> None:
    with pytest.raises(ValueError, match="objective must be one of"):
        qformer_attention_mask(Q, T, "MLM")
