"""Fine-tune a tiny transformer with LoRA on a synthetic topic-classification task.

Every sequence is drawn mostly from one of four "topics" (groups of token ids); the label is the
topic. The base model is frozen; LoRA adapters on the chosen projections are the only trainable
parameters. With ``--output DIR`` only the adapter weights and their config are saved.

Run: ``python -m vlm.peft.finetune --rank 8 --alpha 16 --steps 80 --targets q_proj,v_proj``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from vlm.peft.lora import apply_lora, count_parameters, lora_state_dict

VOCAB_SIZE, NUM_TOPICS, SEQ_LEN = 32, 4, 12


class SelfAttention(nn.Module):
    """Multi-head self-attention with named projections; (B, T, D) -> (B, T, D)."""

    def __init__(self, dim: int, num_heads: int) -> None:
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = nn.Linear(dim, dim)
        self.k_proj = nn.Linear(dim, dim)
        self.v_proj = nn.Linear(dim, dim)
        self.o_proj = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, dim = x.shape

        def heads(t: torch.Tensor) -> torch.Tensor:  # (B, T, D) -> (B, H, T, D/H)
            return t.reshape(batch, length, self.num_heads, -1).transpose(1, 2)

        q, k, v = heads(self.q_proj(x)), heads(self.k_proj(x)), heads(self.v_proj(x))
        attended = F.scaled_dot_product_attention(q, k, v)
        return self.o_proj(attended.transpose(1, 2).reshape(batch, length, dim))


class Block(nn.Module):
    """Pre-norm transformer block with ``up_proj``/``down_proj`` MLP; (B, T, D) -> (B, T, D)."""

    def __init__(self, dim: int, num_heads: int) -> None:
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.attn = SelfAttention(dim, num_heads)
        self.up_proj, self.down_proj = nn.Linear(dim, 4 * dim), nn.Linear(4 * dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.norm1(x))
        return x + self.down_proj(F.gelu(self.up_proj(self.norm2(x))))


class TinyClassifier(nn.Module):
    """Token ids (B, T) -> class logits (B, num_classes), via 2 blocks and mean pooling."""

    def __init__(self, dim: int = 64, num_layers: int = 2, num_heads: int = 4) -> None:
        super().__init__()
        self.embed = nn.Embedding(VOCAB_SIZE, dim)
        self.position = nn.Parameter(torch.randn(SEQ_LEN, dim) * 0.02)
        self.blocks = nn.ModuleList(Block(dim, num_heads) for _ in range(num_layers))
        self.norm = nn.LayerNorm(dim)
        self.classifier = nn.Linear(dim, NUM_TOPICS)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        hidden = self.embed(input_ids) + self.position[: input_ids.shape[1]]
        for block in self.blocks:
            hidden = block(hidden)
        return self.classifier(self.norm(hidden).mean(dim=1))


def make_batch(batch_size: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Ids (B, SEQ_LEN): 8 tokens from the topic's id range, 4 random; labels (B,) = topic."""
    topic_size = VOCAB_SIZE // NUM_TOPICS
    topics = torch.randint(NUM_TOPICS, (batch_size,), generator=generator)
    offsets = torch.randint(topic_size, (batch_size, 8), generator=generator)
    on_topic = topics[:, None] * topic_size + offsets
    noise = torch.randint(VOCAB_SIZE, (batch_size, SEQ_LEN - 8), generator=generator)
    ids = torch.cat([on_topic, noise], dim=1)
    order = torch.rand(batch_size, SEQ_LEN, generator=generator).argsort(dim=1)
    return ids.gather(1, order), topics


@dataclass
class FinetuneResult:
    """The adapted model, the names of the wrapped layers and the loss of each step."""

    model: TinyClassifier
    replaced: list[str]
    losses: list[float]


def finetune(
    rank: int,
    alpha: float,
    steps: int,
    lr: float,
    targets: Sequence[str],
    seed: int = 0,
    dropout: float = 0.0,
    batch_size: int = 64,
) -> FinetuneResult:
    """Build a seeded frozen base, add LoRA to ``targets`` and train the adapters with AdamW."""
    torch.manual_seed(seed)
    model = TinyClassifier()
    replaced = apply_lora(model, targets, rank=rank, alpha=alpha, dropout=dropout)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr)
    generator = torch.Generator().manual_seed(seed)
    losses = []
    for _ in range(steps):
        input_ids, labels = make_batch(batch_size, generator)
        loss = F.cross_entropy(model(input_ids), labels)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return FinetuneResult(model, replaced, losses)


def save_adapter(model: nn.Module, directory: Path, config: dict[str, object]) -> None:
    """Write ``adapter.pt`` (LoRA tensors only) and ``adapter_config.json`` into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    torch.save(lora_state_dict(model), directory / "adapter.pt")
    text = json.dumps(config, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (directory / "adapter_config.json").write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point: fine-tune, print parameter counts and losses, optionally save."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--alpha", type=float, default=16.0)
    parser.add_argument("--steps", type=int, default=80)
    parser.add_argument("--lr", type=float, default=5e-3)
    parser.add_argument("--dropout", type=float, default=0.0)
    parser.add_argument("--targets", default="q_proj,v_proj", help="comma-separated layer names")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", type=Path, default=None, help="folder for the adapter weights")
    args = parser.parse_args(argv)
    targets = [name.strip() for name in args.targets.split(",") if name.strip()]

    result = finetune(args.rank, args.alpha, args.steps, args.lr, targets, args.seed, args.dropout)
    trainable, total = count_parameters(result.model)
    print(f"LoRA on {len(result.replaced)} layers: {', '.join(result.replaced)}")
    print(f"trainable parameters: {trainable:,} / {total:,} ({100 * trainable / total:.2f}%)")
    for step, loss in enumerate(result.losses, start=1):
        if step == 1 or step % 20 == 0 or step == len(result.losses):
            print(f"step {step:4d}  loss {loss:.4f}")
    if args.output is not None:
        config = {"rank": args.rank, "alpha": args.alpha, "targets": targets, "seed": args.seed}
        save_adapter(result.model, args.output, config)
        print(f"adapter saved to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
