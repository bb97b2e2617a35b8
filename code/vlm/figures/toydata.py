"""The toy data the figures run the companion code on (the same as the notebooks')."""

from __future__ import annotations

import functools

import torch

from vlm.clip.model import CLIP
from vlm.text.encoder import WordTokenizer

COLOURS = {
    "red": (1.0, -1.0, -1.0),
    "green": (-1.0, 1.0, -1.0),
    "blue": (-1.0, -1.0, 1.0),
    "yellow": (1.0, 1.0, -1.0),
}
NAMES = list(COLOURS)
CAPTIONS = [f"a photo of a {name} square" for name in NAMES]
CLIP_STEPS = 60  # enough for the tiny CLIP to separate the four colours


def colour_images(labels: list[int], noise: float = 0.5) -> torch.Tensor:
    """32x32 images of one colour each (index into NAMES) plus Gaussian noise: (B, 3, 32, 32)."""
    base = torch.tensor([COLOURS[NAMES[i]] for i in labels])[:, :, None, None]
    return base.expand(-1, -1, 32, 32) + noise * torch.randn(len(labels), 3, 32, 32)


def tokenizer() -> WordTokenizer:
    """The word tokenizer of the four captions."""
    return WordTokenizer.from_texts([*CAPTIONS, "a blurry drawing of"])


@functools.cache
def train_clip(steps: int, lr: float = 1e-3) -> tuple[CLIP, list[float], list[float]]:
    """The tiny CLIP trained from seed 0 on shuffled batches of the four colours, with the
    InfoNCE loss and the multiplier exp(logit_scale) recorded at every step. Cached: several
    figures use the same run, so it must not be modified; reseed after calling it."""
    torch.manual_seed(0)
    words = tokenizer()
    model = CLIP(vocab_size=len(words))
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    losses, scales = [], []
    for _ in range(steps):
        labels = torch.randperm(len(NAMES)).tolist()
        loss = model.contrastive_loss(colour_images(labels), words([CAPTIONS[i] for i in labels]))
        optimizer.zero_grad()
        torch.autograd.backward(loss)
        optimizer.step()
        model.clamp_logit_scale_()
        losses.append(loss.item())
        scales.append(model.scale().item())
    return model.eval(), losses, scales
