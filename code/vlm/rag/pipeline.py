"""Retrieve-then-generate (RAG) over a tiny corpus of OCR'd document snippets.

1. Embed the question with the same embedder as the passages.
2. Retrieve the top-k passages from an :class:`EmbeddingIndex`.
3. Put them into a prompt and call a pluggable ``generate(prompt) -> str`` function, which in a
   real system is a (vision-)language model and here is a small extractive stand-in.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch

from vlm.rag.index import EmbeddingIndex, SearchHit

Generator = Callable[[str], str]


@dataclass(frozen=True)
class Passage:
    """A retrievable text unit, e.g. the OCR text of one scanned page or image region."""

    id: str
    text: str


SAMPLE_CORPUS = (
    Passage("hoa-don", "Hóa đơn số 0815 ngày 12/03/2025. Tổng cộng thanh toán 1.250.000 đồng."),
    Passage("ve-tau", "Vé tàu SE1 Hà Nội đi Sài Gòn khởi hành lúc 19:20, toa 5, ghế 12."),
    Passage("thuc-don", "Thực đơn quán phở: phở bò 50.000 đồng, phở gà 45.000 đồng."),
    Passage("bien-bao", "Biển báo: cấm đỗ xe từ 6 giờ đến 18 giờ các ngày trong tuần."),
    Passage("lich-hoc", "Lịch học môn Thị giác máy tính: thứ Ba, phòng B201, 7 giờ 30."),
)


def tokenize_words(text: str) -> list[str]:
    """NFC-normalised, lowercased word tokens (Unicode-aware, keeps Vietnamese diacritics)."""
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


class HashingEmbedder:
    """Bag-of-words embedding via the hashing trick: texts -> (N, dim) word-count vectors.

    ``zlib.crc32`` is used instead of ``hash`` so the buckets are the same in every run.
    """

    def __init__(self, dim: int = 512) -> None:
        self.dim = dim

    def __call__(self, texts: Sequence[str]) -> torch.Tensor:
        vectors = torch.zeros(len(texts), self.dim)
        for row, text in enumerate(texts):
            for word in tokenize_words(text):
                vectors[row, zlib.crc32(word.encode("utf-8")) % self.dim] += 1.0
        return vectors


def build_prompt(question: str, passages: Sequence[Passage]) -> str:
    """Prompt with numbered context passages followed by the question."""
    context = "\n".join(f"[{i}] {p.text}" for i, p in enumerate(passages, start=1))
    return f"Dựa vào tài liệu sau, hãy trả lời câu hỏi.\n{context}\nCâu hỏi: {question}\nTrả lời:"


def extractive_generator(prompt: str) -> str:
    """Stand-in for a language model: the context line sharing most words with the question."""
    lines = prompt.splitlines()
    question_line = next(line for line in lines if line.startswith("Câu hỏi:"))
    question = set(tokenize_words(question_line.removeprefix("Câu hỏi:")))
    context = [line.split("] ", 1)[1] for line in lines if line.startswith("[")]
    if not context:
        return "Không tìm thấy thông tin."
    return max(context, key=lambda text: len(question & set(tokenize_words(text))))


@dataclass(frozen=True)
class RagAnswer:
    """What the pipeline returns: the answer, the prompt it was generated from, the hits."""

    answer: str
    prompt: str
    hits: list[SearchHit]


class RagPipeline:
    """Embed, index and answer: ``RagPipeline(passages).answer("...")``."""

    def __init__(
        self,
        passages: Sequence[Passage] = SAMPLE_CORPUS,
        embedder: Callable[[Sequence[str]], torch.Tensor] | None = None,
        generate: Generator = extractive_generator,
        top_k: int = 2,
    ) -> None:
        self.embedder = embedder or HashingEmbedder()
        self.generate = generate
        self.top_k = top_k
        self.passages = {p.id: p for p in passages}
        embeddings = self.embedder([p.text for p in passages])
        self.index = EmbeddingIndex(embeddings.shape[1])
        self.index.add([p.id for p in passages], embeddings)

    def answer(self, question: str) -> RagAnswer:
        """Retrieve the top-k passages for ``question``, build the prompt, call the generator."""
        hits = self.index.search(self.embedder([question])[0], self.top_k)
        prompt = build_prompt(question, [self.passages[hit.id] for hit in hits])
        return RagAnswer(self.generate(prompt), prompt, hits)
