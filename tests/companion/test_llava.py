"""Tests of vlm.llava: projectors, label masking and projector-only training."""

from __future__ import annotations

import pytest
import torch
from torch import nn
from vlm.llava.masking import IGNORE_INDEX, build_labels, expand_labels_for_image
from vlm.llava.projector import LinearProjector, MLPProjector, build_projector
from vlm.llava.train import (
    IMAGE,
    PROMPT_IDS,
    TinyLlava,
    freeze_for_stage,
    main,
    make_batch,
    splice_image_embeddings,
    train,
    train_step,
)


def test_projector_shapes_and_layers() -> None:
    features = torch.randn(2, 576, 64)
    linear, mlp = LinearProjector(64, 96), MLPProjector(64, 96)
    assert linear(features).shape == mlp(features).shape == (2, 576, 96)
    assert [type(m) for m in linear] == [nn.Linear]
    assert [type(m) for m in mlp] == [nn.Linear, nn.GELU, nn.Linear]
    assert isinstance(build_projector("mlp2x_gelu", 64, 96), MLPProjector)
    with pytest.raises(ValueError):
        build_projector("qformer", 64, 96)  # type: ignore[arg-type]


def test_labels_mask_exactly_the_prompt_and_padding() -> None:
    input_ids = torch.tensor([[1, 3, 7, 8, 20, 21, 2, 0], [1, 3, 7, 20, 2, 0, 0, 0]])
    labels = build_labels(input_ids, torch.tensor([4, 3]), pad_token_id=0)
    x = IGNORE_INDEX
    assert labels.tolist() == [[x, x, x, x, 20, 21, 2, x], [x, x, x, 20, 2, x, x, x]]


def test_image_labels_follow_the_spliced_embeddings() -> None:
    input_ids = torch.tensor([[1, 3, 7, 20, 2], [1, 7, 3, 20, 2]])
    labels = build_labels(input_ids, torch.tensor([3, 3]))
    expanded = expand_labels_for_image(labels, input_ids, image_token_id=3, num_image_tokens=4)
    assert expanded.shape == (2, 5 - 1 + 4)
    assert expanded[:, -2:].tolist() == [[20, 2], [20, 2]]
    assert (expanded[:, :-2] == IGNORE_INDEX).all()

    text = torch.zeros(2, 5, 6)
    image = torch.ones(2, 4, 6)
    spliced = splice_image_embeddings(text, input_ids, image, image_token_id=3)
    assert spliced.shape == (2, 8, 6)
    assert spliced[0, 1:5].eq(1).all() and spliced[1, 2:6].eq(1).all()  # image at the placeholder
    assert spliced.sum() == image.sum()
    with pytest.raises(ValueError):
        expand_labels_for_image(labels, torch.ones(2, 5, dtype=torch.long), 3, 4)


def test_synthetic_batch_supervises_only_the_answer() -> None:
    batch = make_batch(4, torch.Generator().manual_seed(0))
    assert batch.pixel_values.shape == (4, 3, 16, 16)
    assert (batch.labels[:, : len(PROMPT_IDS)] == IGNORE_INDEX).all()
    assert torch.equal(batch.labels[:, len(PROMPT_IDS) :], batch.input_ids[:, len(PROMPT_IDS) :])
    assert (batch.input_ids == IMAGE).sum(dim=1).tolist() == [1, 1, 1, 1]


def test_train_step_updates_only_the_projector() -> None:
    torch.manual_seed(0)
    model = TinyLlava()
    freeze_for_stage(model, stage=1)
    before = {name: tensor.clone() for name, tensor in model.state_dict().items()}
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=1e-2)
    loss = train_step(model, optimizer, make_batch(8, torch.Generator().manual_seed(0)))
    assert loss > 0
    for name, parameter in model.named_parameters():
        if name.startswith("projector."):
            assert parameter.grad is not None
        else:
            assert parameter.grad is None and not parameter.requires_grad, name
    for name, tensor in model.state_dict().items():
        assert torch.equal(tensor, before[name]) != name.startswith("projector."), name


def test_stage_two_keeps_the_vision_encoder_frozen() -> None:
    model = TinyLlava()
    freeze_for_stage(model, stage=2)
    for name, parameter in model.named_parameters():
        assert parameter.requires_grad == (not name.startswith("vision_encoder.")), name
    with pytest.raises(ValueError):
        freeze_for_stage(model, stage=3)


def test_training_lowers_the_loss() -> None:
    losses = train(steps=30, seed=0)
    assert len(losses) == 30
    assert sum(losses[-5:]) / 5 < sum(losses[:5]) / 5
    assert train(steps=3, seed=0) == losses[:3]  # seeded: reproducible


@pytest.mark.parametrize("projector", ["linear", "mlp2x_gelu"])
def test_cli_runs_end_to_end(projector: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--steps", "20", "--seed", "1", "--projector", projector]) == 0
    last_line = capsys.readouterr().out.strip().splitlines()[-1]
    first, last = (float(x) for x in last_line.removeprefix("loss: first ").split(" -> last "))
    assert last < first
