"""Tests of vlm.peft: LoRA layer, apply/merge/unmerge, and the fine-tuning script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from torch import nn
from vlm.peft.finetune import TinyClassifier, finetune, main
from vlm.peft.lora import (
    LoRALinear,
    apply_lora,
    count_parameters,
    lora_modules,
    lora_state_dict,
    merge_lora,
    unmerge_lora,
)


def trained_lora(rank: int = 4, alpha: float = 8.0) -> LoRALinear:
    """A LoRA layer whose B is non-zero, as after some training."""
    torch.manual_seed(0)
    layer = LoRALinear(nn.Linear(16, 12), rank=rank, alpha=alpha)
    with torch.no_grad():
        layer.lora_B.normal_()
    return layer


def test_lora_output_equals_base_at_init() -> None:
    torch.manual_seed(0)
    base = nn.Linear(16, 12)
    layer = LoRALinear(base, rank=4, alpha=8, dropout=0.1)
    x = torch.randn(3, 5, 16)
    assert torch.equal(layer.eval()(x), base(x))
    assert layer.lora_A.abs().sum() > 0 and layer.lora_B.abs().sum() == 0
    assert layer.scaling == 2.0  # alpha / r


def test_lora_forward_matches_the_formula() -> None:
    layer = trained_lora()
    x = torch.randn(7, 16)
    expected = x @ (layer.base.weight + 2.0 * layer.lora_B @ layer.lora_A).T + layer.base.bias
    torch.testing.assert_close(layer(x), expected)


def test_only_lora_parameters_get_gradients() -> None:
    layer = trained_lora()
    layer(torch.randn(4, 16)).sum().backward()
    assert layer.lora_A.grad is not None and layer.lora_B.grad is not None
    assert layer.base.weight.grad is None and layer.base.bias.grad is None
    assert [n for n, p in layer.named_parameters() if p.requires_grad] == ["lora_A", "lora_B"]


def test_merge_unmerge_round_trip() -> None:
    layer = trained_lora()
    original = layer.base.weight.clone()
    x = torch.randn(6, 16)
    unmerged_output = layer(x)
    layer.merge()
    assert layer.merged
    torch.testing.assert_close(layer(x), unmerged_output)
    torch.testing.assert_close(layer.base.weight, original + layer.delta_weight())
    layer.merge()  # merging twice is a no-op
    layer.unmerge()
    torch.testing.assert_close(layer.base.weight, original, rtol=0, atol=1e-6)
    torch.testing.assert_close(layer(x), unmerged_output)


def test_apply_lora_replaces_only_targets_and_freezes_the_rest() -> None:
    torch.manual_seed(0)
    model = TinyClassifier()
    input_ids = torch.randint(32, (2, 12))
    reference = model(input_ids)
    replaced = apply_lora(model, ["q_proj", "v_proj"], rank=4, alpha=8)
    assert replaced == [f"blocks.{i}.attn.{n}" for i in (0, 1) for n in ("q_proj", "v_proj")]
    assert len(lora_modules(model)) == 4
    assert isinstance(model.blocks[0].attn.k_proj, nn.Linear)
    trainable = {n for n, p in model.named_parameters() if p.requires_grad}
    assert trainable == {f"{name}.lora_{m}" for name in replaced for m in "AB"}
    assert set(lora_state_dict(model)) == trainable
    assert count_parameters(model)[0] == 4 * (4 * 64 + 64 * 4)
    torch.testing.assert_close(model(input_ids), reference)  # still the base model at init
    with pytest.raises(ValueError):
        apply_lora(model, ["missing_proj"], rank=4, alpha=8)


def test_merged_model_equals_unmerged_model() -> None:
    result = finetune(rank=4, alpha=8, steps=5, lr=1e-2, targets=["q_proj", "v_proj", "o_proj"])
    model = result.model.eval()
    input_ids = torch.randint(32, (4, 12), generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        unmerged = model(input_ids)
        merge_lora(model)
        torch.testing.assert_close(model(input_ids), unmerged)
        unmerge_lora(model)
        torch.testing.assert_close(model(input_ids), unmerged)


def test_finetune_lowers_the_loss() -> None:
    losses = finetune(rank=8, alpha=16, steps=25, lr=5e-3, targets=["q_proj", "v_proj"]).losses
    assert sum(losses[-5:]) / 5 < 0.7 * sum(losses[:5]) / 5


def test_cli_prints_counts_and_saves_only_the_adapter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--rank", "8", "--alpha", "16", "--steps", "15", "--lr", "5e-3"]
    assert main([*argv, "--targets", "q_proj,v_proj", "--output", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "trainable parameters: 4,096 / 107,268" in out
    losses = [float(line.split()[-1]) for line in out.splitlines() if line.startswith("step")]
    assert losses[-1] < losses[0]

    adapter = torch.load(tmp_path / "adapter.pt")
    assert len(adapter) == 8 and all(k.endswith(("lora_A", "lora_B")) for k in adapter)
    config = json.loads((tmp_path / "adapter_config.json").read_text(encoding="utf-8"))
    assert config == {"alpha": 16.0, "rank": 8, "seed": 0, "targets": ["q_proj", "v_proj"]}

    # the saved adapter on top of the same seeded base reproduces the fine-tuned model
    fine_tuned = finetune(8, 16, steps=15, lr=5e-3, targets=["q_proj", "v_proj"]).model
    torch.manual_seed(0)
    rebuilt = TinyClassifier()
    apply_lora(rebuilt, ["q_proj", "v_proj"], rank=8, alpha=16)
    missing, unexpected = rebuilt.load_state_dict(adapter, strict=False)
    assert not unexpected and all(not k.endswith(("lora_A", "lora_B")) for k in missing)
    input_ids = torch.randint(32, (3, 12))
    torch.testing.assert_close(rebuilt(input_ids), fine_tuned(input_ids))


def test_lora_follows_a_bfloat16_base_layer() -> None:
    base = nn.Linear(16, 12).to(torch.bfloat16)
    layer = LoRALinear(base, rank=4, alpha=8)
    assert layer.lora_A.dtype == layer.lora_B.dtype == torch.bfloat16
    x = torch.randn(3, 16, dtype=torch.bfloat16)
    assert torch.equal(layer(x), base(x))  # B = 0: the adapted layer is the base layer
    with torch.no_grad():
        layer.lora_B.normal_()
    assert layer(x).dtype == torch.bfloat16
    layer.merge()  # the update is added into the bf16 weight in place
    assert layer.base.weight.dtype == torch.bfloat16


def test_lora_is_created_on_the_base_layer_device() -> None:
    # a model built on the meta device (no memory) is how large checkpoints are wrapped
    base = nn.Linear(16, 12, device="meta", dtype=torch.float16)
    layer = LoRALinear(base, rank=4, alpha=8)
    for tensor in (layer.lora_A, layer.lora_B):
        assert tensor.device.type == "meta" and tensor.dtype == torch.float16
    model = nn.Sequential(nn.Linear(4, 4, device="meta"))
    apply_lora(model, {"0"}, rank=2, alpha=4)
    assert {p.device.type for p in model.parameters()} == {"meta"}
