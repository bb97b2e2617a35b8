"""Tests of vlm.text: word tokenizer, transformer text encoder, region–phrase grounding."""

from __future__ import annotations

import pytest
import torch
from vlm.fundamentals.similarity import cosine_similarity_matrix
from vlm.text.encoder import TextEncoder, WordTokenizer
from vlm.text.grounding import (
    RegionPhraseGrounding,
    best_region_per_phrase,
    image_sentence_score,
    phrase_region_similarity,
)


def test_tokenizer_pads_and_round_trips() -> None:
    tokenizer = WordTokenizer.from_texts(["a red car", "a dog on the grass"])
    batch = tokenizer(["A red car", "a dog"])
    assert batch.shape == (2, 5)
    assert batch[1].tolist()[-1] == tokenizer.pad_id
    assert batch[:, 0].tolist() == [tokenizer.bos_id] * 2
    assert tokenizer.decode(batch[0].tolist()) == "a red car"
    assert tokenizer.encode("zebra")[1] == tokenizer.unk_id


@pytest.mark.parametrize("pooling", ["first", "mean"])
def test_extra_padding_changes_neither_tokens_nor_pooled_vector(pooling: str) -> None:
    encoder = TextEncoder(vocab_size=20, dim=32, pooling=pooling).eval()  # type: ignore[arg-type]
    ids = torch.tensor([[1, 5, 6, 7, 2], [1, 8, 2, 0, 0]])
    longer = torch.cat([ids, torch.zeros(2, 4, dtype=torch.long)], dim=1)
    short, long = encoder(ids), encoder(longer)
    assert short.tokens.shape == (2, 5, 32) and short.pooled.shape == (2, 32)
    torch.testing.assert_close(long.pooled, short.pooled)
    torch.testing.assert_close(long.tokens[1, :3], short.tokens[1, :3])


def test_pooling_definitions() -> None:
    ids = torch.tensor([[1, 5, 6, 2], [1, 8, 2, 0]])
    first = TextEncoder(vocab_size=20, dim=32, pooling="first").eval()
    output = first(ids)
    torch.testing.assert_close(output.pooled, output.tokens[:, 0])
    mean = TextEncoder(vocab_size=20, dim=32, pooling="mean").eval()
    output = mean(ids)
    torch.testing.assert_close(output.pooled[0], output.tokens[0].mean(dim=0))
    torch.testing.assert_close(output.pooled[1], output.tokens[1, :3].mean(dim=0))


def test_word_order_matters() -> None:
    encoder = TextEncoder(vocab_size=20, dim=32).eval()
    forward, backward = encoder(torch.tensor([[1, 5, 6, 7, 2], [1, 7, 6, 5, 2]])).pooled
    assert not torch.allclose(forward, backward, atol=1e-4)


def test_inference_mode_fast_path_matches() -> None:
    encoder = TextEncoder(vocab_size=20, dim=32, pooling="mean").eval()
    ids = torch.tensor([[1, 5, 6, 2], [1, 8, 2, 0]])
    with_grad = encoder(ids).pooled
    with torch.no_grad():
        torch.testing.assert_close(encoder(ids).pooled, with_grad)


def test_phrase_region_similarity_is_a_batched_cosine_matrix() -> None:
    phrases, regions = torch.randn(2, 3, 8), torch.randn(2, 5, 8)
    similarity = phrase_region_similarity(phrases, regions)
    assert similarity.shape == (2, 3, 5)
    for b in range(2):
        torch.testing.assert_close(similarity[b], cosine_similarity_matrix(phrases[b], regions[b]))


def test_each_phrase_finds_the_region_it_describes() -> None:
    regions = torch.randn(1, 6, 16)
    targets = torch.tensor([[4, 1, 4]])
    phrases = regions[0, targets[0]].unsqueeze(0) + 0.05 * torch.randn(1, 3, 16)
    similarity = phrase_region_similarity(phrases, regions)
    assert torch.equal(best_region_per_phrase(similarity), targets)


def test_permuting_regions_relabels_grounding_and_keeps_sentence_score() -> None:
    phrases, regions = torch.randn(2, 4, 8), torch.randn(2, 7, 8)
    permutation = torch.randperm(7)
    similarity = phrase_region_similarity(phrases, regions)
    permuted = phrase_region_similarity(phrases, regions[:, permutation])
    # region permutation[k] of the original sits at position k after permuting
    assert torch.equal(
        permutation[best_region_per_phrase(permuted)], best_region_per_phrase(similarity)
    )
    torch.testing.assert_close(image_sentence_score(permuted), image_sentence_score(similarity))


def test_sentence_score_hand_computed_with_padded_phrase() -> None:
    similarity = torch.tensor([[[0.1, 0.9], [0.4, 0.2], [-5.0, -5.0]]])  # (1, 3 phrases, 2 regions)
    mask = torch.tensor([[True, True, False]])
    torch.testing.assert_close(image_sentence_score(similarity, mask), torch.tensor([0.65]))


def test_grounding_module_scores_lie_in_cosine_range() -> None:
    grounding = RegionPhraseGrounding(text_dim=12, region_dim=20, dim=8)
    scores = grounding(torch.randn(2, 3, 12), torch.randn(2, 5, 20))
    assert scores.shape == (2, 3, 5)
    assert scores.abs().max() <= 1.0 + 1e-6


def test_encoder_rejects_texts_longer_than_its_position_table() -> None:
    encoder = TextEncoder(vocab_size=20, dim=32, max_length=4)
    with pytest.raises(ValueError, match="max_length"):
        encoder(torch.ones(1, 5, dtype=torch.long))
