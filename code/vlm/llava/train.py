"""Projector-only training of a tiny LLaVA (stage 1 of LLaVA, Liu et al. 2023).

A frozen vision encoder turns the image into patch features, the trainable projector maps them
to the language model's embedding size, and the projected features replace the ``<image>``
placeholder inside the text embeddings. A frozen causal LM predicts the answer; only answer
tokens carry a loss. Stage 2 (``--stage 2``) also unfreezes the language model.

The toy LM here is randomly initialised, not pretrained, so in stage 1 the projector can only
lower the loss a little; stage 2 shows how much more an unfrozen LM can fit.

Run: ``python -m vlm.llava.train --steps 60 --seed 0``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from vlm.clip.model import TinyVisionTransformer
from vlm.llava.masking import IGNORE_INDEX, build_labels, expand_labels_for_image, image_position
from vlm.llava.projector import ProjectorKind, build_projector

PAD, BOS, EOS, IMAGE = 0, 1, 2, 3  # special token ids; words start at 4
COLORS = {
    "red": (1.0, 0.0, 0.0),
    "green": (0.0, 1.0, 0.0),
    "blue": (0.0, 0.0, 1.0),
    "yellow": (1.0, 1.0, 0.0),
}
QUADRANTS = ["top-left", "top-right", "bottom-left", "bottom-right"]
WORDS = ["describe", "the", "image", ":", *COLORS, *QUADRANTS]
WORD_ID = {word: index + 4 for index, word in enumerate(WORDS)}
VOCAB_SIZE = 4 + len(WORDS)
PROMPT_IDS = [BOS, IMAGE] + [WORD_ID[w] for w in ["describe", "the", "image", ":"]]


def transformer_block(dim: int, num_heads: int) -> nn.TransformerEncoderLayer:
    """A pre-norm transformer block without dropout, (B, T, dim) -> (B, T, dim)."""
    return nn.TransformerEncoderLayer(
        dim, num_heads, dim_feedforward=2 * dim, dropout=0.0, batch_first=True, norm_first=True
    )


class TinyCausalLM(nn.Module):
    """Decoder-only LM that reads embeddings: (B, T, dim) -> logits (B, T, vocab_size)."""

    def __init__(self, vocab_size: int, dim: int = 48, num_layers: int = 2, max_len: int = 64):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab_size, dim)
        self.position = nn.Embedding(max_len, dim)
        self.layers = nn.ModuleList(transformer_block(dim, num_heads=4) for _ in range(num_layers))
        self.norm = nn.LayerNorm(dim)
        self.lm_head = nn.Linear(dim, vocab_size, bias=False)

    def forward(self, inputs_embeds: torch.Tensor) -> torch.Tensor:
        length = inputs_embeds.shape[1]
        hidden = inputs_embeds + self.position(torch.arange(length, device=inputs_embeds.device))
        causal = nn.Transformer.generate_square_subsequent_mask(length, device=hidden.device)
        for layer in self.layers:
            hidden = layer(hidden, src_mask=causal, is_causal=True)
        return self.lm_head(self.norm(hidden))


def splice_image_embeddings(
    text_embeds: torch.Tensor,
    input_ids: torch.Tensor,
    image_embeds: torch.Tensor,
    image_token_id: int,
) -> torch.Tensor:
    """Replace the ``<image>`` placeholder's embedding by the N projected visual tokens.

    ``text_embeds`` (B, L, D) of ``input_ids`` (B, L), which hold exactly one ``image_token_id``
    per row, and ``image_embeds`` (B, N, D) -> (B, L - 1 + N, D) fed to the language model.
    """
    rows = []
    for row_embeds, row_ids, row_image in zip(text_embeds, input_ids, image_embeds, strict=True):
        position = image_position(row_ids, image_token_id)
        rows.append(torch.cat([row_embeds[:position], row_image, row_embeds[position + 1 :]]))
    return torch.stack(rows)


def causal_lm_loss(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Next-token loss: logits (B, T, V) at t predict labels (B, T) at t + 1; -100 is ignored."""
    return F.cross_entropy(
        logits[:, :-1].reshape(-1, logits.shape[-1]),
        labels[:, 1:].reshape(-1),
        ignore_index=IGNORE_INDEX,
    )


class TinyLlava(nn.Module):
    """Vision encoder -> projector -> causal LM, with image tokens spliced into the text."""

    def __init__(self, projector_kind: ProjectorKind = "mlp2x_gelu") -> None:
        super().__init__()
        # the series' own ViT (CLIP's vision tower of article 6), as LLaVA reuses CLIP's
        self.vision_encoder = TinyVisionTransformer(
            image_size=16, patch_size=4, dim=32, num_layers=1
        )
        self.projector = build_projector(projector_kind, vision_dim=32, text_dim=48)
        self.language_model = TinyCausalLM(VOCAB_SIZE, dim=48)

    def forward(
        self,
        pixel_values: torch.Tensor,
        input_ids: torch.Tensor,
        labels: torch.Tensor | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Return logits (B, L - 1 + N, V) and, if ``labels`` (B, L) are given, the LM loss."""
        patches = self.vision_encoder(pixel_values)[:, 1:]  # (B, N, 32): LLaVA drops the CLS
        image_embeds = self.projector(patches)  # (B, N, D_text)
        text_embeds = self.language_model.embed_tokens(input_ids)  # (B, L, D_text)
        embeds = splice_image_embeddings(text_embeds, input_ids, image_embeds, IMAGE)
        logits = self.language_model(embeds)
        if labels is None:
            return logits, None
        labels = expand_labels_for_image(labels, input_ids, IMAGE, image_embeds.shape[1])
        return logits, causal_lm_loss(logits, labels)


def freeze_for_stage(model: TinyLlava, stage: int) -> None:
    """Stage 1: train the projector only. Stage 2: projector and LM. Vision stays frozen."""
    if stage not in (1, 2):
        raise ValueError(f"stage must be 1 or 2, got {stage}")
    trainable = ("projector",) if stage == 1 else ("projector", "language_model")
    for name, parameter in model.named_parameters():
        parameter.requires_grad_(name.split(".")[0] in trainable)


@dataclass(frozen=True)
class Batch:
    """Synthetic sample batch: images (B, 3, 16, 16), ids (B, L), labels (B, L)."""

    pixel_values: torch.Tensor
    input_ids: torch.Tensor
    labels: torch.Tensor


def make_batch(batch_size: int, generator: torch.Generator) -> Batch:
    """Images with one coloured 8x8 square in a quadrant; the answer names colour and quadrant."""
    color_names = list(COLORS)
    colors = torch.randint(len(color_names), (batch_size,), generator=generator).tolist()
    quadrants = torch.randint(4, (batch_size,), generator=generator).tolist()
    pixel_values = 0.1 * torch.rand(batch_size, 3, 16, 16, generator=generator)
    rows = []
    for index in range(batch_size):
        color, quadrant = color_names[colors[index]], quadrants[index]
        top, left = 8 * (quadrant // 2), 8 * (quadrant % 2)
        rgb = torch.tensor(COLORS[color])[:, None, None]
        pixel_values[index, :, top : top + 8, left : left + 8] = rgb
        rows.append([*PROMPT_IDS, WORD_ID[color], WORD_ID[QUADRANTS[quadrant]], EOS])
    input_ids = torch.tensor(rows)
    prompt_lengths = torch.full((batch_size,), len(PROMPT_IDS))
    return Batch(pixel_values, input_ids, build_labels(input_ids, prompt_lengths, PAD))


def train_step(model: TinyLlava, optimizer: torch.optim.Optimizer, batch: Batch) -> float:
    """One optimisation step on ``batch``; returns the loss before the update."""
    optimizer.zero_grad(set_to_none=True)
    _, loss = model(batch.pixel_values, batch.input_ids, batch.labels)
    assert loss is not None
    loss.backward()
    optimizer.step()
    return loss.item()


def train(
    steps: int,
    seed: int,
    stage: int = 1,
    lr: float = 1e-2,
    projector: ProjectorKind = "mlp2x_gelu",
    batch_size: int = 32,
) -> list[float]:
    """Build a seeded tiny LLaVA, train it for ``steps`` steps and return the loss of each step."""
    torch.manual_seed(seed)
    model = TinyLlava(projector)
    freeze_for_stage(model, stage)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr)
    generator = torch.Generator().manual_seed(seed)
    return [train_step(model, optimizer, make_batch(batch_size, generator)) for _ in range(steps)]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point: train and print the loss every few steps."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stage", type=int, choices=(1, 2), default=1)
    parser.add_argument("--lr", type=float, default=1e-2)
    parser.add_argument("--projector", choices=("linear", "mlp2x_gelu"), default="mlp2x_gelu")
    args = parser.parse_args(argv)
    losses = train(args.steps, args.seed, args.stage, args.lr, args.projector)
    for step, loss in enumerate(losses, start=1):
        if step == 1 or step % 10 == 0 or step == len(losses):
            print(f"step {step:4d}  loss {loss:.4f}")
    print(f"loss: first {losses[0]:.4f} -> last {losses[-1]:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
