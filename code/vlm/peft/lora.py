"""Low-Rank Adaptation (LoRA, Hu et al. 2022).

A frozen weight W (out x in) is adapted by a low-rank update: W' = W + (alpha / r) * B A with
A (r x in) and B (out x r). A starts random and B starts at zero, so at initialisation the adapted
layer computes exactly what the base layer computes. Only A and B are trained; after training
B A can be merged into W so inference costs nothing extra.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import torch
from torch import nn


class LoRALinear(nn.Module):
    """``nn.Linear`` wrapper with a trainable low-rank update; input (..., in) -> (..., out)."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float, dropout: float = 0.0) -> None:
        super().__init__()
        if rank < 1:
            raise ValueError(f"rank must be >= 1, got {rank}")
        self.base = base
        self.base.requires_grad_(False)
        self.rank = rank
        self.scaling = alpha / rank
        # the adapter lives where the base weight lives, in its dtype (bf16, GPU, meta), as in PEFT
        device, dtype = base.weight.device, base.weight.dtype
        self.lora_A = nn.Parameter(torch.empty(rank, base.in_features, device=device, dtype=dtype))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, rank, device=device, dtype=dtype))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))  # same init as nn.Linear
        self.dropout = nn.Dropout(dropout)
        self.merged = False

    def delta_weight(self) -> torch.Tensor:
        """The update (alpha / r) * B @ A, shape (out, in)."""
        return self.scaling * (self.lora_B @ self.lora_A)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        output = self.base(x)
        if self.merged:
            return output
        return output + self.scaling * (self.dropout(x) @ self.lora_A.T @ self.lora_B.T)

    @torch.no_grad()
    def merge(self) -> None:
        """Add the update into the base weight (W += B A * alpha / r); forward then skips LoRA."""
        if not self.merged:
            self.base.weight += self.delta_weight()
            self.merged = True

    @torch.no_grad()
    def unmerge(self) -> None:
        """Subtract the update again, restoring the base weight up to float rounding."""
        if self.merged:
            self.base.weight -= self.delta_weight()
            self.merged = False


def apply_lora(
    model: nn.Module, target_names: Iterable[str], rank: int, alpha: float, dropout: float = 0.0
) -> list[str]:
    """Freeze ``model`` and wrap every ``nn.Linear`` whose attribute name is in ``target_names``.

    ``target_names`` are last name components, e.g. ``{"q_proj", "v_proj"}`` (as PEFT's
    ``target_modules``). Returns the dotted names of the replaced modules; raises if none matched.
    """
    targets = set(target_names)
    model.requires_grad_(False)
    matches = [
        (name, module)
        for name, module in model.named_modules()
        if isinstance(module, nn.Linear) and name.rsplit(".", 1)[-1] in targets
    ]
    if not matches:
        raise ValueError(f"no nn.Linear named any of {sorted(targets)} in the model")
    for name, module in matches:
        parent_name, _, child_name = name.rpartition(".")
        parent = model.get_submodule(parent_name)
        setattr(parent, child_name, LoRALinear(module, rank, alpha, dropout))
    return [name for name, _ in matches]


def lora_modules(model: nn.Module) -> list[LoRALinear]:
    """All ``LoRALinear`` layers inside ``model``."""
    return [module for module in model.modules() if isinstance(module, LoRALinear)]


def merge_lora(model: nn.Module) -> None:
    """Merge every LoRA layer of ``model`` into its base weight."""
    for module in lora_modules(model):
        module.merge()


def unmerge_lora(model: nn.Module) -> None:
    """Undo :func:`merge_lora`."""
    for module in lora_modules(model):
        module.unmerge()


def lora_state_dict(model: nn.Module) -> dict[str, torch.Tensor]:
    """Only the adapter tensors (``...lora_A`` / ``...lora_B``): what gets saved after training."""
    return {
        name: tensor.detach().clone()
        for name, tensor in model.state_dict().items()
        if name.endswith(("lora_A", "lora_B"))
    }


def count_parameters(model: nn.Module) -> tuple[int, int]:
    """(trainable, total) number of parameters."""
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return trainable, sum(p.numel() for p in model.parameters())
