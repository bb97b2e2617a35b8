"""Three ways to combine an image feature with a text feature.

* ``EarlyFusion``: concatenate the features, then let one network mix them.
* ``LateFusion``: score each modality on its own and combine the scores.
* ``FiLM``: the text predicts a per-channel scale and shift for the image features
  (Perez et al., 2018, "FiLM: Visual Reasoning with a General Conditioning Layer").
"""

from __future__ import annotations

import torch
from torch import nn


class EarlyFusion(nn.Module):
    """Concatenate then MLP: ``f([x_img; x_txt])``.

    ``image_features`` (B, image_dim), ``text_features`` (B, text_dim) -> (B, num_outputs).
    The MLP sees both modalities at once, so it can model their interactions.
    """

    def __init__(
        self, image_dim: int, text_dim: int, num_outputs: int, hidden_dim: int = 64
    ) -> None:
        super().__init__()
        self.mlp = nn.Sequential(
            nn.Linear(image_dim + text_dim, hidden_dim),
            nn.ReLU(),
            nn.Linear(hidden_dim, num_outputs),
        )

    def forward(self, image_features: torch.Tensor, text_features: torch.Tensor) -> torch.Tensor:
        return self.mlp(torch.cat([image_features, text_features], dim=-1))


class LateFusion(nn.Module):
    """Separate heads, combined scores: ``w * s_img + (1 - w) * s_txt``.

    ``image_features`` (B, image_dim), ``text_features`` (B, text_dim) -> (B, num_outputs).
    ``w = sigmoid(mixing_logit)`` is learned and starts at 0.5. No interaction between the
    modalities: changing the text moves the output by the same amount for every image.
    """

    def __init__(self, image_dim: int, text_dim: int, num_outputs: int) -> None:
        super().__init__()
        self.image_head = nn.Linear(image_dim, num_outputs)
        self.text_head = nn.Linear(text_dim, num_outputs)
        self.mixing_logit = nn.Parameter(torch.zeros(()))

    def forward(self, image_features: torch.Tensor, text_features: torch.Tensor) -> torch.Tensor:
        weight = torch.sigmoid(self.mixing_logit)
        image_scores = self.image_head(image_features)
        text_scores = self.text_head(text_features)
        return weight * image_scores + (1 - weight) * text_scores


class FiLM(nn.Module):
    """Feature-wise linear modulation (Perez et al., 2018): ``gamma(c) * x + beta(c)``.

    ``features`` (B, C, H, W) as in the paper's CNN, or tokens (B, N, C); ``condition``
    (B, condition_dim), for example a sentence embedding. Returns a tensor shaped like
    ``features``; every channel gets its own scale and shift, shared over positions.
    """

    def __init__(self, condition_dim: int, num_channels: int) -> None:
        super().__init__()
        self.to_gamma_beta = nn.Linear(condition_dim, 2 * num_channels)

    def forward(self, features: torch.Tensor, condition: torch.Tensor) -> torch.Tensor:
        gamma, beta = self.to_gamma_beta(condition).chunk(2, dim=-1)  # (B, C) each
        if features.dim() == 4:  # (B, C, H, W): broadcast over the spatial grid
            gamma, beta = gamma[:, :, None, None], beta[:, :, None, None]
        else:  # (B, N, C): broadcast over the tokens
            gamma, beta = gamma[:, None, :], beta[:, None, :]
        return gamma * features + beta
