"""Tests of vlm.rag: embedding index, retrieve-then-generate pipeline, OCR error rates."""

from __future__ import annotations

import unicodedata

import pytest
import torch
from vlm.rag.index import EmbeddingIndex, SearchHit
from vlm.rag.ocr_metrics import (
    character_error_rate,
    corpus_character_error_rate,
    levenshtein_distance,
    word_error_rate,
)
from vlm.rag.pipeline import (
    SAMPLE_CORPUS,
    HashingEmbedder,
    Passage,
    RagPipeline,
    build_prompt,
    tokenize_words,
)


def test_index_returns_top_k_by_cosine() -> None:
    index = EmbeddingIndex(dim=2)
    index.add(["east", "north", "north-east"], torch.tensor([[2.0, 0.0], [0.0, 5.0], [1.0, 1.0]]))
    hits = index.search(torch.tensor([3.0, 1.0]), k=2)
    assert [hit.id for hit in hits] == ["east", "north-east"]
    assert hits[0].score == pytest.approx(3 / 10**0.5)  # cos((3, 1), (1, 0))
    assert hits[1].score == pytest.approx(4 / (10**0.5 * 2**0.5))
    assert len(index.search(torch.tensor([1.0, 0.0]), k=10)) == 3  # k larger than the index


def test_index_breaks_ties_by_insertion_order() -> None:
    index = EmbeddingIndex(dim=3)
    index.add(["b", "a"], torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]))
    index.add(["d", "c"], torch.tensor([[2.0, 0.0, 0.0], [0.0, 3.0, 0.0]]))  # same directions
    query = torch.tensor([1.0, 1.0, 0.0])  # equally close to all four
    assert [hit.id for hit in index.search(query, k=4)] == ["b", "a", "d", "c"]
    batch = index.search_batch(torch.tensor([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]), k=2)
    assert [[hit.id for hit in hits] for hits in batch] == [["a", "c"], ["b", "d"]]


def test_index_rejects_bad_input() -> None:
    index = EmbeddingIndex(dim=2)
    index.add(["x"], torch.ones(1, 2))
    with pytest.raises(ValueError):
        index.add(["x"], torch.ones(1, 2))  # duplicate id
    with pytest.raises(ValueError):
        index.add(["y"], torch.ones(1, 3))  # wrong dim


def test_words_and_embeddings_are_diacritic_aware_and_stable() -> None:
    nfd = unicodedata.normalize("NFD", "Hóa ĐƠN, số 12")
    assert tokenize_words(nfd) == ["hóa", "đơn", "số", "12"]
    embedder = HashingEmbedder(dim=64)
    vectors = embedder(["hóa đơn", "hoa don", "hóa đơn"])
    assert torch.equal(vectors[0], vectors[2]) and not torch.equal(vectors[0], vectors[1])
    assert vectors[0].sum() == 2


def test_pipeline_retrieves_the_right_passage_and_calls_the_generator() -> None:
    prompts: list[str] = []

    def recording_generator(prompt: str) -> str:
        prompts.append(prompt)
        return "trả lời"

    pipeline = RagPipeline(SAMPLE_CORPUS, generate=recording_generator, top_k=2)
    result = pipeline.answer("Vé tàu SE1 khởi hành lúc mấy giờ?")
    assert result.hits[0].id == "ve-tau" and len(result.hits) == 2
    assert result.answer == "trả lời" and prompts == [result.prompt]
    assert "[1] Vé tàu SE1" in result.prompt
    assert result.prompt.rstrip().endswith("Câu hỏi: Vé tàu SE1 khởi hành lúc mấy giờ?\nTrả lời:")


@pytest.mark.parametrize(
    ("question", "passage_id"),
    [("Phở bò giá bao nhiêu?", "thuc-don"), ("Tổng cộng hóa đơn là bao nhiêu?", "hoa-don")],
)
def test_default_pipeline_answers_from_the_corpus(question: str, passage_id: str) -> None:
    result = RagPipeline().answer(question)
    expected = next(p.text for p in SAMPLE_CORPUS if p.id == passage_id)
    assert result.hits[0] == SearchHit(passage_id, result.hits[0].score)
    assert result.answer == expected


def test_build_prompt_numbers_passages() -> None:
    prompt = build_prompt("Q?", [Passage("a", "một"), Passage("b", "hai")])
    assert "[1] một\n[2] hai\nCâu hỏi: Q?" in prompt


def test_levenshtein_by_hand() -> None:
    assert levenshtein_distance("kitten", "sitting") == 3  # k->s, e->i, +g
    assert levenshtein_distance("", "abc") == 3
    assert levenshtein_distance(["một", "hai"], ["một", "ba", "hai"]) == 1


def test_cer_counts_vietnamese_diacritics() -> None:
    # "Việt" is 4 NFC characters; dropping the diacritics of ệ is 1 substitution: 1/4
    assert character_error_rate("Viet", "Việt") == pytest.approx(0.25)
    # wrong tone mark only (ệ vs ễ): still one substitution
    assert character_error_rate("Viễt", "Việt") == pytest.approx(0.25)
    # the same word typed decomposed (e + combining marks) is not an error after NFC
    assert character_error_rate(unicodedata.normalize("NFD", "Việt"), "Việt") == 0.0
    # without normalisation the 3 code points of NFD "ệ" count: 1 substitution + 2 insertions
    nfd = unicodedata.normalize("NFD", "Việt")
    assert character_error_rate(nfd, "Việt", normalization=None) == pytest.approx(3 / 4)
    # "Hà Nội" (6 chars) -> "Ha Noi": 2 substitutions
    assert character_error_rate("Ha Noi", "Hà Nội") == pytest.approx(2 / 6)
    assert character_error_rate("abcdef", "ab") == pytest.approx(2.0)  # CER can exceed 1
    with pytest.raises(ValueError):
        character_error_rate("x", "")


def test_wer_and_corpus_cer() -> None:
    assert word_error_rate("tôi đi học", "tôi đi làm") == pytest.approx(1 / 3)
    # 1 edit over 4 chars and 0 over 6 chars: corpus CER = 1 / 10, not mean(1/4, 0)
    cer = corpus_character_error_rate(["Viet", "Hà Nội"], ["Việt", "Hà Nội"])
    assert cer == pytest.approx(0.1)


def test_index_lives_on_the_device_of_its_embeddings() -> None:
    # "meta" stands in for an accelerator: a device other than the CPU, available everywhere
    index = EmbeddingIndex(dim=2)
    index.add(["a", "b"], torch.ones(2, 2, device="meta", dtype=torch.bfloat16))
    assert index.vectors.device.type == "meta" and index.vectors.dtype == torch.float32
    assert index.vectors.shape == (2, 2)
    with pytest.raises(ValueError, match=r"embeddings are on cpu but the index is on meta"):
        index.add(["c"], torch.ones(1, 2))
    with pytest.raises(ValueError, match=r"queries are on cpu but the index is on meta; move"):
        index.search(torch.ones(2), k=1)
    assert index.ids == ["a", "b"]  # a rejected add leaves the index as it was


def test_index_created_for_a_device_keeps_it() -> None:
    index = EmbeddingIndex(dim=2, device="cpu")
    with pytest.raises(ValueError, match=r"embeddings are on meta but the index is on cpu"):
        index.add(["a"], torch.ones(1, 2, device="meta"))
    assert len(index) == 0
    index.add(["a"], torch.tensor([[3.0, 4.0]], dtype=torch.float64))
    assert index.vectors.dtype == torch.float32
    assert index.search(torch.tensor([4.0, 3.0]), k=1) == [SearchHit("a", pytest.approx(0.96))]
