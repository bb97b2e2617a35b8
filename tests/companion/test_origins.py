"""Tests of vlm.origins: Show and Tell, Show Attend and Tell, ViLBERT co-attention."""

from __future__ import annotations

import pytest
import torch
from vlm.losses.captioning import captioning_loss
from vlm.origins.captioner import (
    ConvImageEncoder,
    ShowAndTell,
    ShowAttendTell,
    SoftAttention,
    doubly_stochastic_penalty,
    greedy_decode,
)
from vlm.origins.coattention import CoAttentionBlock

VOCAB, PAD, BOS, EOS = 12, 0, 1, 2


def synthetic_captions() -> tuple[torch.Tensor, torch.Tensor]:
    """Four distinct images, each with its own caption of a different length (padded)."""
    images = torch.randn(4, 3, 16, 16)
    tokens = torch.tensor(
        [
            [BOS, 3, 4, 5, EOS, PAD, PAD],
            [BOS, 6, 7, EOS, PAD, PAD, PAD],
            [BOS, 8, 9, 10, 11, EOS, PAD],
            [BOS, 3, 9, EOS, PAD, PAD, PAD],
        ]
    )
    return images, tokens


def test_encoder_gives_one_feature_per_cell() -> None:
    regions = ConvImageEncoder(feature_dim=32)(torch.randn(2, 3, 16, 12))
    assert regions.shape == (2, 4 * 3, 32)


@pytest.mark.parametrize("model_class", [ShowAndTell, ShowAttendTell])
def test_captioner_shapes_and_causality(model_class: type[torch.nn.Module]) -> None:
    model = model_class(VOCAB).eval()
    images, tokens = synthetic_captions()
    output = model(images, tokens)
    logits = output[0] if isinstance(output, tuple) else output
    assert logits.shape == (4, 7, VOCAB)
    # logits at step t only see tokens 0..t: changing the future changes nothing before it
    changed = tokens.clone()
    changed[:, 3:] = 5
    output = model(images, changed)
    changed_logits = output[0] if isinstance(output, tuple) else output
    torch.testing.assert_close(changed_logits[:, :3], logits[:, :3])
    assert not torch.allclose(changed_logits[:, 3:], logits[:, 3:])


def test_soft_attention_is_a_convex_combination_of_regions() -> None:
    attention = SoftAttention(region_dim=8, hidden_dim=16)
    regions, hidden = torch.randn(2, 5, 8), torch.randn(2, 16)
    context, weights = attention(regions, hidden)
    assert context.shape == (2, 8) and weights.shape == (2, 5)
    torch.testing.assert_close(weights.sum(dim=-1), torch.ones(2))
    assert (weights > 0).all()
    torch.testing.assert_close(context, torch.einsum("br,brd->bd", weights, regions))


def test_permuting_regions_permutes_attention_and_keeps_the_caption() -> None:
    model = ShowAttendTell(VOCAB).eval()
    regions = torch.randn(2, 6, 32)
    tokens = torch.tensor([[BOS, 3, 4, EOS], [BOS, 5, EOS, PAD]])
    permutation = torch.randperm(6)
    logits, attention = model.decode(regions, tokens)
    permuted_logits, permuted_attention = model.decode(regions[:, permutation], tokens)
    torch.testing.assert_close(permuted_logits, logits)
    torch.testing.assert_close(permuted_attention, attention[:, :, permutation])
    assert attention.shape == (2, 4, 6)


def test_doubly_stochastic_penalty_hand_computed() -> None:
    uniform = torch.full((1, 3, 3), 1 / 3)  # every region receives total attention 1
    torch.testing.assert_close(doubly_stochastic_penalty(uniform), torch.tensor(0.0))
    always_first = torch.tensor([[[1.0, 0.0], [1.0, 0.0]]])  # totals (2, 0)
    torch.testing.assert_close(doubly_stochastic_penalty(always_first), torch.tensor(2.0))


def test_extra_padding_does_not_change_the_captioning_loss() -> None:
    model = ShowAndTell(VOCAB).eval()
    images, tokens = synthetic_captions()
    longer = torch.cat([tokens, torch.full((4, 3), PAD)], dim=1)
    torch.testing.assert_close(
        captioning_loss(model(images, longer), longer, PAD),
        captioning_loss(model(images, tokens), tokens, PAD),
    )


@pytest.mark.parametrize("model_class", [ShowAndTell, ShowAttendTell])
def test_tiny_captioner_learns_synthetic_captions(model_class: type[torch.nn.Module]) -> None:
    model = model_class(VOCAB)
    images, tokens = synthetic_captions()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    losses = []
    for _ in range(30):
        output = model(images, tokens)
        logits = output[0] if isinstance(output, tuple) else output
        loss = captioning_loss(logits, tokens, PAD)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < 0.3 * losses[0]


def test_greedy_decode_starts_with_bos_and_has_requested_length() -> None:
    images, _ = synthetic_captions()
    captions = greedy_decode(ShowAndTell(VOCAB).eval(), images, BOS, max_length=5)
    assert captions.shape == (4, 6)
    assert (captions[:, 0] == BOS).all()
    assert ((captions >= 0) & (captions < VOCAB)).all()


def make_coattention_inputs() -> tuple[CoAttentionBlock, torch.Tensor, torch.Tensor]:
    block = CoAttentionBlock(image_dim=32, text_dim=16, num_heads=4).eval()
    return block, torch.randn(2, 5, 32), torch.randn(2, 7, 16)


def test_coattention_keeps_both_stream_shapes() -> None:
    block, image, text = make_coattention_inputs()
    new_image, new_text = block(image, text)
    assert new_image.shape == (2, 5, 32) and new_text.shape == (2, 7, 16)


def test_permuting_regions_permutes_image_stream_and_keeps_text_stream() -> None:
    block, image, text = make_coattention_inputs()
    permutation = torch.randperm(5)
    new_image, new_text = block(image, text)
    permuted_image, permuted_text = block(image[:, permutation], text)
    torch.testing.assert_close(permuted_image, new_image[:, permutation])
    torch.testing.assert_close(permuted_text, new_text)


def test_padded_words_do_not_influence_either_stream() -> None:
    block, image, text = make_coattention_inputs()
    padding = torch.zeros(2, 7, dtype=torch.bool)
    padding[:, 5:] = True
    new_image, new_text = block(image, text, text_padding_mask=padding)
    noisy = text.clone()
    noisy[:, 5:] = 100 * torch.randn(2, 2, 16)
    noisy_image, noisy_text = block(image, noisy, text_padding_mask=padding)
    torch.testing.assert_close(noisy_image, new_image)
    torch.testing.assert_close(noisy_text[:, :5], new_text[:, :5])
