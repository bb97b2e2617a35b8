"""A minimal exact embedding index: cosine similarity, top-k search, deterministic ties.

Vectors are L2-normalised when added, so the dot product of a normalised query with the stored
matrix is the cosine similarity. Real systems (FAISS, vector databases) approximate this search;
the flat version is the reference they are measured against.

The index lives on one device: the one given at construction, or else the device of the first
embeddings added (a GPU encoder's output stays on the GPU). Vectors are stored in float32 there,
so scores do not depend on the encoder's precision. Embeddings or queries on another device are
rejected with a ValueError rather than copied behind the caller's back.
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
    """Flat cosine-similarity index over vectors of size ``dim``, stored as (N, dim) float32."""

    def __init__(self, dim: int, device: torch.device | str | None = None) -> None:
        self.dim = dim
        self.ids: list[str] = []
        self.fixed_device = device is not None
        self.vectors = torch.empty(0, dim, device=device)

    def _check_device(self, tensor: torch.Tensor, what: str) -> None:
        """Raise unless ``tensor`` is on the index's device."""
        if tensor.device != self.vectors.device:
            raise ValueError(
                f"{what} are on {tensor.device} but the index is on {self.vectors.device}; "
                f"move them with .to({str(self.vectors.device)!r})"
            )

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, ids: Sequence[str], embeddings: torch.Tensor) -> None:
        """Store (N, dim) ``embeddings`` under ``ids`` (N distinct, new ids), L2-normalised."""
        if embeddings.ndim != 2 or embeddings.shape != (len(ids), self.dim):
            raise ValueError(f"expected embeddings of shape ({len(ids)}, {self.dim})")
        if len(set(ids)) != len(ids) or set(ids) & set(self.ids):
            raise ValueError("ids must be unique")
        if not self.ids and not self.fixed_device:  # an empty index follows its first vectors
            self.vectors = self.vectors.to(embeddings.device)
        self._check_device(embeddings, "embeddings")
        self.ids.extend(ids)
        self.vectors = torch.cat([self.vectors, F.normalize(embeddings.float(), dim=1)])

    def search(self, query: torch.Tensor, k: int) -> list[SearchHit]:
        """The ``k`` most similar stored vectors to ``query`` (dim,), best first.

        Equal scores are ordered by insertion order (earlier first), so results are reproducible.
        """
        return self.search_batch(query[None], k)[0]

    def search_batch(self, queries: torch.Tensor, k: int) -> list[list[SearchHit]]:
        """:meth:`search` for (Q, dim) ``queries``; returns Q lists of min(k, len) hits."""
        self._check_device(queries, "queries")
        scores = F.normalize(queries.float(), dim=1) @ self.vectors.T  # (Q, N)
        # a stable sort keeps insertion order among equal scores; topk does not promise that
        order = scores.sort(dim=1, descending=True, stable=True).indices[:, :k]
        return [
            [SearchHit(self.ids[j], float(row_scores[j])) for j in row.tolist()]
            for row, row_scores in zip(order, scores, strict=True)
        ]
