"""Tests of vlm.clip (dual encoder, temperature, zero-shot, Recall@K)."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
from vlm.clip.model import CLIP, MAX_LOGIT_SCALE
from vlm.clip.retrieval import recall_at_k, retrieval_recalls
from vlm.clip.zero_shot import (
    build_prompts,
    ensemble_class_embeddings,
    zero_shot_classifier,
    zero_shot_logits,
    zero_shot_predict,
)
from vlm.losses.contrastive import symmetric_info_nce


def tiny_clip_batch() -> tuple[CLIP, torch.Tensor, torch.Tensor]:
    model = CLIP(
        vocab_size=20, embed_dim=16, image_size=16, patch_size=8, vision_dim=32, text_dim=32
    )
    images = torch.randn(4, 3, 16, 16)
    token_ids = torch.tensor([[1, 4, 5, 2], [1, 6, 2, 0], [1, 7, 8, 2], [1, 9, 2, 0]])
    return model, images, token_ids


def test_embeddings_are_unit_vectors_in_a_shared_space() -> None:
    model, images, token_ids = tiny_clip_batch()
    image_embeddings, text_embeddings = model.encode_image(images), model.encode_text(token_ids)
    assert image_embeddings.shape == text_embeddings.shape == (4, 16)
    torch.testing.assert_close(image_embeddings.norm(dim=-1), torch.ones(4))
    torch.testing.assert_close(text_embeddings.norm(dim=-1), torch.ones(4))
    logits = model(images, token_ids[:3])
    assert logits.shape == (4, 3)
    expected = model.scale() * image_embeddings @ model.encode_text(token_ids[:3]).T
    torch.testing.assert_close(logits, expected)


def test_temperature_starts_at_0_07() -> None:
    model, _, _ = tiny_clip_batch()
    torch.testing.assert_close(model.logit_scale.detach(), torch.tensor(math.log(1 / 0.07)))
    torch.testing.assert_close(model.scale().detach(), torch.tensor(1 / 0.07))


def test_temperature_clamp_holds_after_setting_a_huge_value() -> None:
    model, images, token_ids = tiny_clip_batch()
    with torch.no_grad():
        model.logit_scale.fill_(1e4)
    assert model.scale().item() == MAX_LOGIT_SCALE
    assert model(images, token_ids).abs().max() <= MAX_LOGIT_SCALE + 1e-4
    model.clamp_logit_scale_()
    torch.testing.assert_close(model.logit_scale.detach(), torch.tensor(math.log(100.0)))
    with torch.no_grad():
        model.logit_scale.fill_(-3.0)
    model.clamp_logit_scale_()
    assert model.logit_scale.item() == 0.0


def test_contrastive_loss_is_info_nce_at_the_learned_temperature() -> None:
    model, images, token_ids = tiny_clip_batch()
    expected = symmetric_info_nce(
        model.encode_image(images), model.encode_text(token_ids), 1 / model.scale()
    )
    loss = model.contrastive_loss(images, token_ids)
    torch.testing.assert_close(loss, expected)
    loss.backward()
    assert model.logit_scale.grad is not None and model.logit_scale.grad != 0


def test_tiny_clip_learns_to_pair_images_with_texts() -> None:
    model, images, token_ids = tiny_clip_batch()
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3)
    first = model.contrastive_loss(images, token_ids).item()
    for _ in range(25):
        loss = model.contrastive_loss(images, token_ids)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        model.clamp_logit_scale_()
    assert loss.item() < 0.2 * first
    assert recall_at_k(model(images, token_ids).detach(), 1) == 1.0


def test_prompts_are_class_major() -> None:
    prompts = build_prompts(["cat", "dog"], ["a {}", "the {}."])
    assert prompts == ["a cat", "the cat.", "a dog", "the dog."]


def test_prompt_ensemble_averages_normalised_embeddings_and_renormalises() -> None:
    embeddings = torch.randn(3, 4, 8) * torch.rand(3, 4, 1) * 10  # uneven lengths
    classes = ensemble_class_embeddings(embeddings)
    torch.testing.assert_close(classes.norm(dim=-1), torch.ones(3))
    expected = F.normalize(F.normalize(embeddings, dim=-1).sum(dim=1), dim=-1)
    torch.testing.assert_close(classes, expected)


def test_zero_shot_picks_the_right_class_on_constructed_embeddings() -> None:
    directions = torch.eye(4)[:3]  # class c lives along axis c

    def encode_text(prompts: list[str]) -> torch.Tensor:
        rows = []
        for prompt in prompts:
            class_index = ["cat", "dog", "car"].index(prompt.split()[-1])
            rows.append(directions[class_index] + 0.2 * torch.randn(4))
        return torch.stack(rows)

    class_embeddings = zero_shot_classifier(
        encode_text, ["cat", "dog", "car"], ["a photo of a {}", "art of a {}"]
    )
    labels = torch.tensor([2, 0, 1, 1, 0])
    images = 3 * directions[labels] + 0.3 * torch.randn(5, 4)
    assert torch.equal(zero_shot_predict(images, class_embeddings), labels)
    assert zero_shot_logits(images, class_embeddings).abs().max() <= 100.0 + 1e-4


def test_recall_at_k_on_a_hand_made_matrix() -> None:
    similarity = torch.tensor(
        [
            [0.9, 0.1, 0.0, 0.2],  # correct ranked 1st
            [0.8, 0.7, 0.1, 0.0],  # 2nd
            [0.5, 0.6, 0.4, 0.1],  # 3rd
            [0.9, 0.8, 0.7, 0.0],  # 4th
        ]
    )
    assert [recall_at_k(similarity, k) for k in (1, 2, 3, 4)] == [0.25, 0.5, 0.75, 1.0]


def test_recall_at_k_counts_ties_against_the_query() -> None:
    assert recall_at_k(torch.zeros(5, 5), 1) == 0.0
    assert recall_at_k(torch.zeros(5, 5), 5) == 1.0
    with pytest.raises(ValueError, match="k must be"):
        recall_at_k(torch.eye(3), 0)


def test_retrieval_recalls_use_both_directions() -> None:
    similarity = torch.tensor([[1.0, 0.0], [2.0, 1.5]])  # row 1 misses; column 0 misses
    recalls = retrieval_recalls(similarity, ks=(1,))
    assert recalls == {"image_to_text@1": 0.5, "text_to_image@1": 0.5}
    assert recall_at_k(similarity.T, 1) == 0.5
