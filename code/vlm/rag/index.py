"""A minimal exact embedding index: cosine similarity, top-k search, deterministic ties.

Vectors are L2-normalised when added, so the dot product of a normalised query with the stored
matrix is the cosine similarity. Real systems (FAISS, vector databases) approximate this search;
the flat version is the reference they are measured against.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import torch
import torch.nn.functional as F


class SearchHit(NamedTuple):
    """One search result: the stored id and its cosine similarity to the query."""

    id: str
    score: float


class EmbeddingIndex:
    """Flat cosine-similarity index over vectors of size ``dim``."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.ids: list[str] = []
        self.vectors = torch.empty(0, dim)

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, ids: Sequence[str], embeddings: torch.Tensor) -> None:
        """Store (N, dim) ``embeddings`` under ``ids`` (N distinct, new ids), L2-normalised."""
        if embeddings.ndim != 2 or embeddings.shape != (len(ids), self.dim):
            raise ValueError(f"expected embeddings of shape ({len(ids)}, {self.dim})")
        if len(set(ids)) != len(ids) or set(ids) & set(self.ids):
            raise ValueError("ids must be unique")
        self.ids.extend(ids)
        self.vectors = torch.cat([self.vectors, F.normalize(embeddings.float(), dim=1)])

    def search(self, query: torch.Tensor, k: int) -> list[SearchHit]:
        """The ``k`` most similar stored vectors to ``query`` (dim,), best first.

        Equal scores are ordered by insertion order (earlier first), so results are reproducible.
        """
        return self.search_batch(query[None], k)[0]

    def search_batch(self, queries: torch.Tensor, k: int) -> list[list[SearchHit]]:
        """:meth:`search` for (Q, dim) ``queries``; returns Q lists of min(k, len) hits."""
        scores = F.normalize(queries.float(), dim=1) @ self.vectors.T  # (Q, N)
        # a stable sort keeps insertion order among equal scores; topk does not promise that
        order = scores.sort(dim=1, descending=True, stable=True).indices[:, :k]
        return [
            [SearchHit(self.ids[j], float(row_scores[j])) for j in row.tolist()]
            for row, row_scores in zip(order, scores, strict=True)
        ]
