"""Zero-shot classification with CLIP-style embeddings (Radford et al., 2021, sec. 3.1.4).

Every class name is written into several prompt templates; the text embeddings of one class
are normalised, averaged and renormalised (an ensemble in embedding space). An image is then
assigned to the class whose embedding has the highest cosine similarity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
import torch.nn.functional as F

DEFAULT_TEMPLATES = (
    "a photo of a {}",
    "a blurry photo of a {}",
    "a drawing of a {}",
)


def build_prompts(class_names: Sequence[str], templates: Sequence[str]) -> list[str]:
    """All prompts, class-major: ``[t.format(c) for c in class_names for t in templates]``."""
    return [template.format(name) for name in class_names for template in templates]


def ensemble_class_embeddings(prompt_embeddings: torch.Tensor) -> torch.Tensor:
    """``prompt_embeddings`` (C, K, D) for C classes and K templates -> unit vectors (C, D)."""
    mean = F.normalize(prompt_embeddings, dim=-1).mean(dim=1)
    return F.normalize(mean, dim=-1)


def zero_shot_classifier(
    encode_text: Callable[[list[str]], torch.Tensor],
    class_names: Sequence[str],
    templates: Sequence[str] = DEFAULT_TEMPLATES,
) -> torch.Tensor:
    """Class embeddings (C, D) from a text encoder mapping a list of strings to (n, D)."""
    embeddings = encode_text(build_prompts(class_names, templates))
    return ensemble_class_embeddings(embeddings.reshape(len(class_names), len(templates), -1))


def zero_shot_logits(
    image_embeddings: torch.Tensor, class_embeddings: torch.Tensor, scale: float = 100.0
) -> torch.Tensor:
    """``scale * cosine``: images (B, D), classes (C, D) -> logits (B, C)."""
    return scale * F.normalize(image_embeddings, dim=-1) @ F.normalize(class_embeddings, dim=-1).T


def zero_shot_predict(
    image_embeddings: torch.Tensor, class_embeddings: torch.Tensor
) -> torch.Tensor:
    """Index of the best class for each image: (B, D), (C, D) -> (B,)."""
    return zero_shot_logits(image_embeddings, class_embeddings).argmax(dim=-1)
