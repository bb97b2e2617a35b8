"""Tests of vlm.losses: InfoNCE, SigLIP sigmoid loss, ITM hard negatives, captioning loss."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from vlm.losses.captioning import IGNORE_INDEX, captioning_loss, shifted_targets
from vlm.losses.contrastive import (
    SigmoidLoss,
    info_nce_from_logits,
    sigmoid_loss,
    symmetric_info_nce,
)
from vlm.losses.itm import ImageTextMatcher, build_itm_pairs, itm_loss, sample_hard_negatives


def test_info_nce_hand_computed_2x2() -> None:
    orthonormal = torch.eye(2)
    # logits = [[1, 0], [0, 1]]: every row and column gives -log(e / (e + 1)) = log(1 + e^-1)
    expected = torch.tensor(math.log(1 + math.exp(-1)))
    torch.testing.assert_close(symmetric_info_nce(orthonormal, orthonormal, 1.0), expected)


def test_info_nce_is_symmetric_in_its_two_directions() -> None:
    logits = torch.randn(5, 5)
    targets = torch.arange(5)
    expected = (F.cross_entropy(logits, targets) + F.cross_entropy(logits.T, targets)) / 2
    torch.testing.assert_close(info_nce_from_logits(logits), expected)
    torch.testing.assert_close(info_nce_from_logits(logits.T), info_nce_from_logits(logits))


def test_aligned_pairs_have_lower_info_nce_than_shuffled_pairs() -> None:
    images = torch.randn(8, 16)
    texts = images + 0.1 * torch.randn(8, 16)
    aligned = symmetric_info_nce(images, texts)
    shuffled = symmetric_info_nce(images, texts[torch.roll(torch.arange(8), 1)])
    assert aligned < 0.1 < math.log(8) < shuffled


def test_lower_temperature_sharpens_info_nce_of_aligned_pairs() -> None:
    images = torch.randn(8, 16)
    assert symmetric_info_nce(images, images, 0.05) < symmetric_info_nce(images, images, 1.0)


def test_sigmoid_loss_hand_computed_2x2() -> None:
    orthonormal = torch.eye(2)
    loss = sigmoid_loss(orthonormal, orthonormal, torch.tensor(0.0), torch.tensor(0.0))
    # t = 1, b = 0: logits = I. Positives: -log sigmoid(1); negatives: -log sigmoid(0) = log 2.
    expected = (2 * math.log(1 + math.exp(-1)) + 2 * math.log(2)) / 2
    torch.testing.assert_close(loss, torch.tensor(expected))


def test_sigmoid_loss_matches_elementwise_binary_cross_entropy() -> None:
    images, texts = torch.randn(6, 8), torch.randn(6, 8)
    t, b = torch.tensor(1.3), torch.tensor(-2.0)
    logits = F.normalize(images, dim=-1) @ F.normalize(texts, dim=-1).T * t.exp() + b
    expected = F.binary_cross_entropy_with_logits(logits, torch.eye(6), reduction="sum") / 6
    torch.testing.assert_close(sigmoid_loss(images, texts, t, b), expected)


def test_sigmoid_loss_module_initialisation_and_gradients() -> None:
    module = SigmoidLoss()
    torch.testing.assert_close(module.log_temperature.exp(), torch.tensor(10.0))
    assert module.bias.item() == -10.0
    images = torch.randn(4, 8)
    module(images, images).backward()
    assert module.log_temperature.grad is not None and module.bias.grad is not None


def test_hard_negatives_are_never_the_positive() -> None:
    similarity = torch.randn(6, 6) + 20 * torch.eye(6)  # the positive is by far the most similar
    generator = torch.Generator().manual_seed(0)
    for _ in range(200):
        negatives = sample_hard_negatives(similarity, generator)
        assert (negatives != torch.arange(6)).all()


def test_hard_negatives_follow_softmax_of_similarity() -> None:
    similarity = torch.tensor([[5.0, 2.0, 1.0, 0.0], [0.0, 5.0, 0.0, 0.0]] + [[0.0] * 4] * 2)
    generator = torch.Generator().manual_seed(0)
    draws = torch.stack([sample_hard_negatives(similarity, generator) for _ in range(4000)])
    frequencies = torch.bincount(draws[:, 0], minlength=4).float() / 4000
    expected = torch.tensor([0.0, *torch.tensor([2.0, 1.0, 0.0]).softmax(dim=0).tolist()])
    torch.testing.assert_close(frequencies, expected, atol=0.03, rtol=0)


def test_itm_pairs_layout_and_labels() -> None:
    similarity = torch.randn(5, 5)
    image_index, text_index, labels = build_itm_pairs(similarity)
    assert image_index.shape == text_index.shape == labels.shape == (15,)
    assert torch.equal(labels == 1, image_index == text_index)
    assert labels[:5].eq(1).all() and labels[5:].eq(0).all()


def test_itm_loss_is_differentiable_and_matcher_outputs_two_logits() -> None:
    matcher = ImageTextMatcher(dim=16)
    images, texts = torch.randn(4, 6, 16), torch.randn(4, 5, 16)
    assert matcher(images, texts).shape == (4, 2)
    loss = itm_loss(matcher, images, texts, torch.randn(4, 4))
    loss.backward()
    assert loss.item() > 0
    assert all(p.grad is not None for p in matcher.parameters())


def test_shifted_targets_drop_the_first_token_and_ignore_padding() -> None:
    ids = torch.tensor([[1, 5, 6, 2, 0, 0]])
    assert shifted_targets(ids, pad_id=0).tolist() == [[5, 6, 2, IGNORE_INDEX, IGNORE_INDEX]]


def test_captioning_loss_predicts_the_next_token() -> None:
    ids = torch.tensor([[1, 5, 6, 2, 0]])
    logits = torch.full((1, 5, 8), -20.0)
    for t in range(4):
        logits[0, t, ids[0, t + 1]] = 20.0  # position t is sure of token t + 1
    assert captioning_loss(logits, ids, pad_id=0) < 1e-6
    unshifted = torch.full((1, 5, 8), -20.0)
    unshifted[0, torch.arange(5), ids[0]] = 20.0  # predicting the current token is wrong
    assert captioning_loss(unshifted, ids, pad_id=0) > 10


def test_captioning_loss_ignores_logits_at_padding_targets() -> None:
    ids = torch.tensor([[1, 5, 6, 2, 0, 0], [1, 7, 2, 0, 0, 0]])
    logits = torch.randn(2, 6, 10)
    changed = logits.clone()
    changed[0, 3:] = 100 * torch.randn(3, 10)  # targets at 4, 5 are padding (and 5 has none)
    changed[1, 2:] = 100 * torch.randn(4, 10)
    torch.testing.assert_close(captioning_loss(changed, ids, 0), captioning_loss(logits, ids, 0))
    manual = torch.cat(
        [
            F.cross_entropy(logits[0, :3], ids[0, 1:4], reduction="none"),
            F.cross_entropy(logits[1, :2], ids[1, 1:3], reduction="none"),
        ]
    ).mean()
    torch.testing.assert_close(captioning_loss(logits, ids, 0), manual)
