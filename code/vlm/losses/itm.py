"""Image–text matching (ITM) with hard negatives, as in ALBEF (Li et al., 2021) and BLIP.

ITM is a binary task: does this text describe this image? Random negatives are too easy, so
for each image a negative text is drawn with probability proportional to the softmax of its
contrastive similarity (the true text excluded), and likewise a negative image for each text.
A fusion encoder (text attends to image) and a 2-way head then classify the pairs.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from vlm.fundamentals.cross_attention import CrossAttention


def sample_hard_negatives(
    similarity: torch.Tensor, generator: torch.Generator | None = None
) -> torch.Tensor:
    """Draw one negative column per row, never the diagonal (the positive).

    ``similarity`` (N, N), row i = query i against every candidate -> indices (N,), where
    ``P(j | i) = softmax_j(similarity[i])`` renormalised over ``j != i``. Needs N >= 2.
    """
    positives = torch.eye(similarity.shape[0], dtype=torch.bool, device=similarity.device)
    weights = similarity.detach().masked_fill(positives, float("-inf")).softmax(dim=1)
    return torch.multinomial(weights, num_samples=1, generator=generator).squeeze(1)


def build_itm_pairs(
    similarity: torch.Tensor, generator: torch.Generator | None = None
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The 3N pairs of one ITM step: N positives, N (image, hard text), N (hard image, text).

    ``similarity`` (N, N) image-to-text scores -> ``image_index`` (3N,), ``text_index`` (3N,),
    ``labels`` (3N,) with 1 = match, 0 = no match.
    """
    n = similarity.shape[0]
    same = torch.arange(n, device=similarity.device)
    hard_texts = sample_hard_negatives(similarity, generator)  # for each image
    hard_images = sample_hard_negatives(similarity.T, generator)  # for each text
    image_index = torch.cat([same, same, hard_images])
    text_index = torch.cat([same, hard_texts, same])
    labels = torch.cat([torch.ones(n), torch.zeros(2 * n)]).long().to(similarity.device)
    return image_index, text_index, labels


class ImageTextMatcher(nn.Module):
    """Fusion encoder + ITM head: text tokens cross-attend to image tokens, the first text
    token goes through ``Linear(dim, 2)``.

    ``image_tokens`` (B, R, dim), ``text_tokens`` (B, T, dim) -> logits (B, 2)
    (index 1 = "match").
    """

    def __init__(self, dim: int, num_heads: int = 4) -> None:
        super().__init__()
        self.cross_attention = CrossAttention(dim, num_heads)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, 2)

    def forward(self, image_tokens: torch.Tensor, text_tokens: torch.Tensor) -> torch.Tensor:
        attended, _ = self.cross_attention(text_tokens, image_tokens)
        fused = self.norm(text_tokens + attended)
        return self.head(fused[:, 0])


def itm_loss(
    matcher: ImageTextMatcher,
    image_tokens: torch.Tensor,
    text_tokens: torch.Tensor,
    similarity: torch.Tensor,
    generator: torch.Generator | None = None,
) -> torch.Tensor:
    """Cross-entropy of ``matcher`` on the positives and hard negatives of a batch.

    ``image_tokens`` (N, R, dim), ``text_tokens`` (N, T, dim), ``similarity`` (N, N) -> scalar.
    """
    image_index, text_index, labels = build_itm_pairs(similarity, generator)
    logits = matcher(image_tokens[image_index], text_tokens[text_index])
    return F.cross_entropy(logits, labels)
