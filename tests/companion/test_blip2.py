"""Tests of vlm.blip2: Q-Former queries over a frozen image encoder."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from vlm.blip2.qformer import BLIP2Bridge, QFormer, freeze
from vlm.clip.model import TinyVisionTransformer


def make_bridge() -> BLIP2Bridge:
    vision = TinyVisionTransformer(image_size=16, patch_size=8, dim=32)
    qformer = QFormer(num_queries=6, dim=32, image_dim=32, num_layers=2)
    return BLIP2Bridge(vision, qformer, language_dim=48)


@pytest.mark.parametrize("num_patches", [1, 16, 197])
def test_output_has_num_queries_tokens_whatever_the_number_of_patches(num_patches: int) -> None:
    qformer = QFormer(num_queries=8, dim=32, image_dim=24)
    assert qformer(torch.randn(3, num_patches, 24)).shape == (3, 8, 32)


def test_output_is_invariant_to_the_order_of_image_features() -> None:
    qformer = QFormer(num_queries=4, dim=32, image_dim=24).eval()
    features = torch.randn(2, 10, 24)
    torch.testing.assert_close(qformer(features[:, torch.randperm(10)]), qformer(features))


def test_each_image_is_summarised_independently() -> None:
    qformer = QFormer(num_queries=4, dim=32, image_dim=24).eval()
    features = torch.randn(3, 10, 24)
    torch.testing.assert_close(qformer(features)[1:2], qformer(features[1:2]))


def test_queries_read_the_image() -> None:
    qformer = QFormer(num_queries=4, dim=32, image_dim=24).eval()
    outputs = qformer(torch.randn(2, 10, 24))
    assert not torch.allclose(outputs[0], outputs[1], atol=1e-3)


def test_cross_attention_every_other_layer_as_in_blip2() -> None:
    qformer = QFormer(num_layers=4, cross_attention_every=2)
    has_cross = [layer.cross_attention is not None for layer in qformer.layers]
    assert has_cross == [True, False, True, False]


def test_gradients_reach_only_the_trainable_parts() -> None:
    bridge = make_bridge()
    prompts = bridge(torch.randn(2, 3, 16, 16))
    assert prompts.shape == (2, 6, 48)
    F.mse_loss(prompts, torch.randn_like(prompts)).backward()
    assert all(not p.requires_grad and p.grad is None for p in bridge.image_encoder.parameters())
    assert bridge.qformer.query_embeddings.grad is not None
    assert bridge.qformer.query_embeddings.grad.abs().sum() > 0
    assert bridge.language_projection.weight.grad is not None


def test_an_optimiser_step_changes_queries_but_not_the_image_encoder() -> None:
    bridge = make_bridge().train()
    assert not bridge.image_encoder.training and bridge.qformer.training
    frozen_before = [p.clone() for p in bridge.image_encoder.parameters()]
    queries_before = bridge.qformer.query_embeddings.detach().clone()
    trainable = [p for p in bridge.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=1e-2)
    images = torch.randn(2, 3, 16, 16)
    F.mse_loss(bridge(images), torch.zeros(2, 6, 48)).backward()
    optimizer.step()
    frozen_after = list(bridge.image_encoder.parameters())
    assert all(torch.equal(a, b) for a, b in zip(frozen_before, frozen_after, strict=True))
    assert not torch.equal(bridge.qformer.query_embeddings, queries_before)


def test_freeze_disables_grad_and_dropout() -> None:
    module = freeze(torch.nn.Sequential(torch.nn.Linear(3, 3), torch.nn.Dropout(0.5)))
    assert not module.training
    assert all(not p.requires_grad for p in module.parameters())
    x = torch.randn(4, 3)
    torch.testing.assert_close(module(x), module(x))
