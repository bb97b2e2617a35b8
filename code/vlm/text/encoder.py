"""A tiny transformer text encoder in the style of BERT (Devlin et al., 2019).

Token embeddings plus learned position embeddings go through a stack of transformer encoder
layers (Vaswani et al., 2017). Padding positions are masked out of attention, so the content
of a padding slot never changes the features of real tokens. ``WordTokenizer`` is a toy
whitespace tokenizer so that examples can start from strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

import torch
from torch import nn

PAD, BOS, EOS, UNK = "<pad>", "<bos>", "<eos>", "<unk>"


class WordTokenizer:
    """Lower-cased whitespace tokenizer with a fixed vocabulary (ids 0–3 are special).

    ``tokenizer(texts)`` -> LongTensor (B, T): ``<bos> words <eos>`` padded with ``<pad>`` = 0.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.vocabulary = [PAD, BOS, EOS, UNK, *sorted(set(words) - {PAD, BOS, EOS, UNK})]
        self.index = {word: i for i, word in enumerate(self.vocabulary)}
        self.pad_id, self.bos_id, self.eos_id, self.unk_id = 0, 1, 2, 3

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> WordTokenizer:
        """Build the vocabulary from every word that occurs in ``texts``."""
        return cls(word for text in texts for word in text.lower().split())

    def __len__(self) -> int:
        return len(self.vocabulary)

    def encode(self, text: str) -> list[int]:
        """``"a red car"`` -> ``[<bos>, a, red, car, <eos>]`` ids; unknown words map to ``<unk>``."""
        words = [self.index.get(word, self.unk_id) for word in text.lower().split()]
        return [self.bos_id, *words, self.eos_id]

    def decode(self, ids: Iterable[int]) -> str:
        """Ids back to words, dropping ``<pad>``, ``<bos>`` and ``<eos>``."""
        special = {self.pad_id, self.bos_id, self.eos_id}
        return " ".join(self.vocabulary[i] for i in ids if i not in special)

    def __call__(self, texts: list[str]) -> torch.Tensor:
        encoded = [self.encode(text) for text in texts]
        batch = torch.full((len(encoded), max(map(len, encoded))), self.pad_id, dtype=torch.long)
        for row, ids in enumerate(encoded):
            batch[row, : len(ids)] = torch.tensor(ids)
        return batch


class TextEncoding(NamedTuple):
    """Output of ``TextEncoder``: per-token features (B, T, D) and one vector per text (B, D)."""

    tokens: torch.Tensor
    pooled: torch.Tensor


class TextEncoder(nn.Module):
    """Transformer text encoder: embeddings -> pre-LN ``nn.TransformerEncoder`` -> LayerNorm.

    ``token_ids`` (B, T) with ``pad_id`` at padding positions -> ``TextEncoding``. ``pooling``
    chooses the text vector: ``"first"`` takes token 0 (BERT's [CLS], here ``<bos>``),
    ``"mean"`` averages the non-padding tokens.
    """

    def __init__(
        self,
        vocab_size: int,
        dim: int = 64,
        num_layers: int = 2,
        num_heads: int = 4,
        max_length: int = 32,
        pad_id: int = 0,
        pooling: Literal["first", "mean"] = "first",
    ) -> None:
        super().__init__()
        self.pad_id = pad_id
        self.pooling = pooling
        self.token_embedding = nn.Embedding(vocab_size, dim)
        self.position_embedding = nn.Parameter(0.02 * torch.randn(1, max_length, dim))
        layer = nn.TransformerEncoderLayer(
            dim, num_heads, 4 * dim, dropout=0.0, batch_first=True, norm_first=True
        )
        self.transformer = nn.TransformerEncoder(layer, num_layers, enable_nested_tensor=False)
        self.final_norm = nn.LayerNorm(dim)

    def forward(self, token_ids: torch.Tensor) -> TextEncoding:
        padding_mask = token_ids == self.pad_id  # (B, T), True = ignore
        length = token_ids.shape[1]
        if length > self.position_embedding.shape[1]:
            raise ValueError(f"sequence of {length} tokens exceeds max_length")
        x = self.token_embedding(token_ids) + self.position_embedding[:, :length]
        x = self.final_norm(self.transformer(x, src_key_padding_mask=padding_mask))
        if self.pooling == "first":
            pooled = x[:, 0]
        else:
            keep = (~padding_mask).unsqueeze(-1).to(x.dtype)  # (B, T, 1)
            pooled = (x * keep).sum(dim=1) / keep.sum(dim=1).clamp(min=1.0)
        return TextEncoding(tokens=x, pooled=pooled)
