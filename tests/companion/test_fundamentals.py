"""Tests of vlm.fundamentals: cosine matrix, cross-attention, fusion variants."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from vlm.fundamentals.cross_attention import CrossAttention, scaled_dot_product_cross_attention
from vlm.fundamentals.fusion import EarlyFusion, FiLM, LateFusion
from vlm.fundamentals.similarity import cosine_similarity_matrix


def test_cosine_matrix_matches_pairwise_builtin() -> None:
    a, b = torch.randn(4, 8), torch.randn(6, 8)
    expected = F.cosine_similarity(a.unsqueeze(1), b.unsqueeze(0), dim=-1)
    torch.testing.assert_close(cosine_similarity_matrix(a, b), expected)


def test_cosine_matrix_ignores_vector_length() -> None:
    a, b = torch.randn(3, 5), torch.randn(2, 5)
    scales = torch.tensor([[0.5], [3.0], [10.0]])
    torch.testing.assert_close(
        cosine_similarity_matrix(a * scales, b), cosine_similarity_matrix(a, b)
    )
    torch.testing.assert_close(torch.diagonal(cosine_similarity_matrix(a, a)), torch.ones(3))


def padding_mask(batch: int, length: int, real: list[int]) -> torch.Tensor:
    """True at padding: row i keeps its first real[i] positions."""
    return torch.arange(length).expand(batch, length) >= torch.tensor(real).unsqueeze(1)


def test_functional_attention_matches_torch_sdpa() -> None:
    q, k, v = torch.randn(2, 4, 3, 8), torch.randn(2, 4, 5, 8), torch.randn(2, 4, 5, 6)
    mask = padding_mask(2, 5, [5, 3])
    output, weights = scaled_dot_product_cross_attention(q, k, v, mask)
    expected = F.scaled_dot_product_attention(q, k, v, attn_mask=~mask[:, None, None, :])
    torch.testing.assert_close(output, expected)
    assert (weights[1, :, :, 3:] == 0).all()
    torch.testing.assert_close(weights.sum(dim=-1), torch.ones(2, 4, 3))


def test_cross_attention_equals_multihead_attention_with_copied_weights() -> None:
    dim, context_dim, heads = 16, 12, 4
    ours = CrossAttention(dim, heads, context_dim=context_dim)
    reference = nn.MultiheadAttention(
        dim, heads, kdim=context_dim, vdim=context_dim, batch_first=True
    )
    with torch.no_grad():
        reference.q_proj_weight.copy_(ours.to_queries.weight)
        reference.k_proj_weight.copy_(ours.to_keys.weight)
        reference.v_proj_weight.copy_(ours.to_values.weight)
        reference.in_proj_bias.copy_(
            torch.cat([ours.to_queries.bias, ours.to_keys.bias, ours.to_values.bias])
        )
        reference.out_proj.weight.copy_(ours.to_output.weight)
        reference.out_proj.bias.copy_(ours.to_output.bias)
    text, image = torch.randn(2, 3, dim), torch.randn(2, 7, context_dim)
    mask = padding_mask(2, 7, [7, 4])
    output, weights = ours(text, image, key_padding_mask=mask)
    expected, expected_weights = reference(text, image, image, key_padding_mask=mask)
    torch.testing.assert_close(output, expected)
    torch.testing.assert_close(weights.mean(dim=1), expected_weights)  # head-averaged


def test_cross_attention_is_invariant_to_context_order_and_equivariant_to_query_order() -> None:
    attention = CrossAttention(16, 4, context_dim=8)
    text, image = torch.randn(2, 5, 16), torch.randn(2, 9, 8)
    output, _ = attention(text, image)
    shuffled_context, _ = attention(text, image[:, torch.randperm(9)])
    torch.testing.assert_close(shuffled_context, output)
    order = torch.randperm(5)
    shuffled_queries, _ = attention(text[:, order], image)
    torch.testing.assert_close(shuffled_queries, output[:, order])


def test_padded_context_has_no_effect() -> None:
    attention = CrossAttention(16, 2)
    text, image = torch.randn(2, 3, 16), torch.randn(2, 6, 16)
    mask = padding_mask(2, 6, [6, 2])
    output, _ = attention(text, image, key_padding_mask=mask)
    noisy = image.clone()
    noisy[1, 2:] = 50 * torch.randn(4, 16)
    noisy_output, _ = attention(text, noisy, key_padding_mask=mask)
    torch.testing.assert_close(noisy_output, output)


def test_late_fusion_is_a_weighted_sum_of_unimodal_scores() -> None:
    fusion = LateFusion(image_dim=6, text_dim=4, num_outputs=3)
    with torch.no_grad():
        fusion.mixing_logit.fill_(0.7)
    image, text = torch.randn(5, 6), torch.randn(5, 4)
    weight = torch.sigmoid(torch.tensor(0.7))
    expected = weight * fusion.image_head(image) + (1 - weight) * fusion.text_head(text)
    torch.testing.assert_close(fusion(image, text), expected)


def interaction(fusion: nn.Module) -> torch.Tensor:
    """f(i1, t1) + f(i2, t2) - f(i1, t2) - f(i2, t1): zero iff the modalities do not interact."""
    i1, i2, t1, t2 = torch.randn(1, 6), torch.randn(1, 6), torch.randn(1, 4), torch.randn(1, 4)
    return fusion(i1, t1) + fusion(i2, t2) - fusion(i1, t2) - fusion(i2, t1)


def test_late_fusion_has_no_interaction_but_early_fusion_does() -> None:
    late, early = LateFusion(6, 4, 3), EarlyFusion(6, 4, 3)
    torch.testing.assert_close(interaction(late), torch.zeros(1, 3))
    assert interaction(early).abs().max() > 1e-3
    assert early(torch.randn(5, 6), torch.randn(5, 4)).shape == (5, 3)


@pytest.mark.parametrize("shape", [(2, 8, 4, 4), (2, 10, 8)])
def test_film_applies_the_predicted_scale_and_shift_per_channel(shape: tuple[int, ...]) -> None:
    film = FiLM(condition_dim=5, num_channels=8)
    features, condition = torch.randn(*shape), torch.randn(2, 5)
    output = film(features, condition)
    assert output.shape == features.shape
    gamma_beta = condition @ film.to_gamma_beta.weight.T + film.to_gamma_beta.bias
    gamma, beta = gamma_beta[:, :8], gamma_beta[:, 8:]
    for b in range(2):
        for c in range(8):
            channel = features[b, c] if len(shape) == 4 else features[b, :, c]
            result = output[b, c] if len(shape) == 4 else output[b, :, c]
            torch.testing.assert_close(result, gamma[b, c] * channel + beta[b, c])
