"""Vision-to-language projectors of LLaVA.

* LLaVA (Liu et al. 2023): a single linear layer maps vision features to the LLM embedding size.
* LLaVA-1.5 (Liu et al. 2024): a two-layer MLP with a GELU in between ("mlp2x_gelu").
"""

from __future__ import annotations

from typing import Literal

from torch import nn

ProjectorKind = Literal["linear", "mlp2x_gelu"]


class LinearProjector(nn.Sequential):
    """LLaVA projector: (B, N, vision_dim) -> (B, N, text_dim) with one ``nn.Linear``."""

    def __init__(self, vision_dim: int, text_dim: int) -> None:
        super().__init__(nn.Linear(vision_dim, text_dim))


class MLPProjector(nn.Sequential):
    """LLaVA-1.5 projector: Linear -> GELU -> Linear, (B, N, vision_dim) -> (B, N, text_dim)."""

    def __init__(self, vision_dim: int, text_dim: int) -> None:
        super().__init__(
            nn.Linear(vision_dim, text_dim),
            nn.GELU(),
            nn.Linear(text_dim, text_dim),
        )


def build_projector(kind: ProjectorKind, vision_dim: int, text_dim: int) -> nn.Module:
    """Return the projector named ``kind``: ``"linear"`` (LLaVA) or ``"mlp2x_gelu"`` (LLaVA-1.5)."""
    if kind == "linear":
        return LinearProjector(vision_dim, text_dim)
    if kind == "mlp2x_gelu":
        return MLPProjector(vision_dim, text_dim)
    raise ValueError(f"unknown projector kind {kind!r}; use 'linear' or 'mlp2x_gelu'")
