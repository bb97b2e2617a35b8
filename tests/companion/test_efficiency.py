"""Tests of vlm.efficiency: Perceiver resampler, token pruning, ToMe merging, token counts."""

from __future__ import annotations

import pytest
import torch
from vlm.efficiency.resampler import PerceiverResampler
from vlm.efficiency.token_pruning import (
    cls_attention_scores,
    merge_tokens,
    pooled_token_count,
    prune_tokens,
    tome_token_schedule,
    vit_token_count,
)


@pytest.fixture
def resampler() -> PerceiverResampler:
    torch.manual_seed(0)
    return PerceiverResampler(dim=32, num_latents=8, depth=2, num_heads=4).eval()


@pytest.mark.parametrize("num_visual", [1, 7, 64, 257])
def test_resampler_output_count_is_fixed(resampler: PerceiverResampler, num_visual: int) -> None:
    visual = torch.randn(3, num_visual, 32)
    assert resampler(visual).shape == (3, 8, 32)


def test_resampler_is_permutation_invariant(resampler: PerceiverResampler) -> None:
    visual = torch.randn(2, 50, 32)
    shuffled = visual[:, torch.randperm(50)]
    torch.testing.assert_close(resampler(shuffled), resampler(visual))


def test_resampler_ignores_masked_padding(resampler: PerceiverResampler) -> None:
    visual = torch.randn(1, 10, 32)
    padded = torch.cat([visual, 100 * torch.randn(1, 6, 32)], dim=1)
    mask = torch.tensor([[True] * 10 + [False] * 6])
    torch.testing.assert_close(resampler(padded, mask), resampler(visual))


def test_resampler_output_depends_on_input(resampler: PerceiverResampler) -> None:
    assert not torch.allclose(resampler(torch.randn(1, 5, 32)), resampler(torch.randn(1, 5, 32)))


def test_token_counts_by_hand() -> None:
    assert vit_token_count(224, 16) == 196  # (224/16)^2 = 14^2
    assert vit_token_count(224, 16, cls_token=True) == 197
    assert vit_token_count(336, 14) == 576  # 24^2, LLaVA-1.5
    assert vit_token_count((448, 896), 14) == 32 * 64
    assert pooled_token_count(448, 14, pool=2) == 256  # 32x32 grid -> 16x16
    assert pooled_token_count(336, 14, pool=2) == 144  # 24x24 -> 12x12
    with pytest.raises(ValueError):
        vit_token_count(225, 16)
    with pytest.raises(ValueError):
        pooled_token_count(224, 16, pool=3)  # 14 is not divisible by 3


def test_tome_schedule_by_hand() -> None:
    # 197 -> 181 -> 165 (r = 16 each layer); 5 tokens with r = 4 can only lose 2, then 1, then 1
    assert tome_token_schedule(197, 16, 2) == [197, 181, 165]
    assert tome_token_schedule(5, 4, 3) == [5, 3, 2, 1]


def test_prune_keeps_top_k_in_original_order() -> None:
    tokens = torch.arange(6, dtype=torch.float32).reshape(1, 6, 1).repeat(2, 1, 3)
    scores = torch.tensor([[0.1, 0.9, 0.3, 0.8, 0.0, 0.5], [5.0, 4.0, 3.0, 2.0, 1.0, 0.0]])
    kept, indices = prune_tokens(tokens, scores, keep=3)
    assert indices.tolist() == [[1, 3, 5], [0, 1, 2]]
    assert kept.shape == (2, 3, 3)
    assert kept[0, :, 0].tolist() == [1.0, 3.0, 5.0]
    with pytest.raises(ValueError):
        prune_tokens(tokens, scores, keep=7)


def test_cls_attention_scores_average_heads() -> None:
    attention = torch.zeros(1, 2, 4, 4)
    attention[0, 0, 0] = torch.tensor([0.1, 0.6, 0.2, 0.1])
    attention[0, 1, 0] = torch.tensor([0.1, 0.2, 0.6, 0.1])
    torch.testing.assert_close(cls_attention_scores(attention), torch.tensor([[0.4, 0.4, 0.1]]))


@pytest.mark.parametrize(("num_tokens", "r"), [(8, 0), (8, 3), (8, 4), (9, 4), (197, 16)])
def test_merge_removes_exactly_r_and_preserves_weighted_mean(num_tokens: int, r: int) -> None:
    generator = torch.Generator().manual_seed(num_tokens + r)
    tokens = torch.randn(2, num_tokens, 5, generator=generator)
    sizes = torch.randint(1, 4, (2, num_tokens), generator=generator).float()
    merged, merged_sizes = merge_tokens(tokens, r, sizes)
    assert merged.shape == (2, num_tokens - r, 5)
    assert merged_sizes.shape == (2, num_tokens - r)
    torch.testing.assert_close(merged_sizes.sum(1), sizes.sum(1))  # no patch lost
    before = (tokens * sizes[..., None]).sum(1) / sizes.sum(1, keepdim=True)
    after = (merged * merged_sizes[..., None]).sum(1) / merged_sizes.sum(1, keepdim=True)
    torch.testing.assert_close(after, before)


def test_merge_averages_the_most_similar_pair() -> None:
    # A = positions 0, 2; B = positions 1, 3. Token 2 is nearly parallel to token 3.
    tokens = torch.tensor([[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.1, 0.9]]])
    merged, sizes = merge_tokens(tokens, r=1)
    # kept A token 0 first, then B tokens 1 and 3; token 3 is now the mean of tokens 2 and 3
    torch.testing.assert_close(merged, torch.tensor([[[1.0, 0.0], [0.0, 1.0], [1.05, 0.95]]]))
    assert sizes.tolist() == [[1.0, 1.0, 2.0]]
    with pytest.raises(ValueError):
        merge_tokens(tokens, r=3)


@pytest.mark.parametrize(("num_tokens", "r"), [(1, 0), (1, -1), (8, 0), (8, -3)])
def test_merge_with_r_at_most_zero_returns_the_input(num_tokens: int, r: int) -> None:
    # the official ToMe code returns the identity for r <= 0, even for a single token
    tokens = torch.randn(2, num_tokens, 5)
    sizes = torch.arange(1.0, 2 * num_tokens + 1).reshape(2, num_tokens)
    merged, merged_sizes = merge_tokens(tokens, r, sizes)
    assert torch.equal(merged, tokens) and torch.equal(merged_sizes, sizes)
    merged, merged_sizes = merge_tokens(tokens, r)
    assert torch.equal(merged, tokens) and torch.equal(merged_sizes, torch.ones(2, num_tokens))
