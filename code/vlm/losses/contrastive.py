"""Contrastive image–text losses over a batch of N matching pairs.

* Symmetric InfoNCE (van den Oord et al., 2018; as used by CLIP, Radford et al., 2021): a
  softmax over the batch in each direction, image->text and text->image.
* Sigmoid loss (SigLIP, Zhai et al., 2023): every (image, text) pair is an independent binary
  problem, positive on the diagonal and negative elsewhere, with no batch-wide softmax.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from vlm.fundamentals.similarity import cosine_similarity_matrix


def info_nce_from_logits(logits: torch.Tensor) -> torch.Tensor:
    """Symmetric InfoNCE from an (N, N) logit matrix whose diagonal holds the true pairs.

    Row i is image i against every text, column j is text j against every image; the loss is
    the mean of the two cross-entropies with target ``i`` (CLIP's pseudo-code). -> scalar.
    """
    targets = torch.arange(logits.shape[0], device=logits.device)
    image_to_text = F.cross_entropy(logits, targets)
    text_to_image = F.cross_entropy(logits.T, targets)
    return (image_to_text + text_to_image) / 2


def symmetric_info_nce(
    image_embeddings: torch.Tensor,
    text_embeddings: torch.Tensor,
    temperature: float | torch.Tensor = 0.07,
) -> torch.Tensor:
    """InfoNCE on cosine similarities divided by ``temperature`` (tau).

    ``image_embeddings`` (N, D), ``text_embeddings`` (N, D), pair i matches pair i -> scalar.
    """
    logits = cosine_similarity_matrix(image_embeddings, text_embeddings) / temperature
    return info_nce_from_logits(logits)


def sigmoid_loss(
    image_embeddings: torch.Tensor,
    text_embeddings: torch.Tensor,
    log_temperature: torch.Tensor,
    bias: torch.Tensor,
) -> torch.Tensor:
    """SigLIP loss (Zhai et al., 2023, algorithm 1).

    ``logits = t * <x_i, y_j> + b`` on L2-normalised embeddings with ``t = exp(log_temperature)``;
    labels ``z_ij = +1`` if i = j else -1; loss ``= -(1/N) sum_ij log sigmoid(z_ij * logits_ij)``.
    ``image_embeddings`` and ``text_embeddings`` (N, D) -> scalar.
    """
    logits = cosine_similarity_matrix(image_embeddings, text_embeddings) * log_temperature.exp()
    logits = logits + bias
    n = logits.shape[0]
    labels = 2 * torch.eye(n, device=logits.device) - 1  # +1 on the diagonal, -1 elsewhere
    return -F.logsigmoid(labels * logits).sum() / n


class SigmoidLoss(nn.Module):
    """SigLIP loss with its learnable temperature and bias.

    Initialised as in the paper: ``t' = log 10`` (so ``t = 10``) and ``b = -10``, which keeps the
    loss small at the start although almost every pair in the batch is a negative.
    ``forward(image_embeddings (N, D), text_embeddings (N, D))`` -> scalar.
    """

    def __init__(self, init_temperature: float = 10.0, init_bias: float = -10.0) -> None:
        super().__init__()
        self.log_temperature = nn.Parameter(torch.tensor(math.log(init_temperature)))
        self.bias = nn.Parameter(torch.tensor(init_bias))

    def forward(
        self, image_embeddings: torch.Tensor, text_embeddings: torch.Tensor
    ) -> torch.Tensor:
        return sigmoid_loss(image_embeddings, text_embeddings, self.log_temperature, self.bias)
