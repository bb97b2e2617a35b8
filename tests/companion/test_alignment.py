"""Tests of vlm.alignment: chat-template samples with masked user turns, and the DPO loss."""

from __future__ import annotations

import math

import pytest
import torch
from vlm.alignment.conversation import (
    IGNORE_INDEX,
    CharTokenizer,
    Message,
    build_training_sample,
    pad_samples,
    render_conversation,
)
from vlm.alignment.dpo import dpo_loss, sequence_log_probs

CONVERSATION = [
    Message("system", "Bạn là trợ lý."),
    Message("user", "<image>\nẢnh có gì?"),
    Message("assistant", "Một con mèo."),
    Message("user", "Màu gì?"),
    Message("assistant", "Màu đen."),
]


def test_tokenizer_round_trip_and_special_tokens() -> None:
    tokenizer = CharTokenizer()
    text = "<|user|><image>\nXin chào, Việt Nam<|end|>"
    ids = tokenizer.encode(text)
    assert tokenizer.decode(ids) == text
    assert ids[:2] == [tokenizer.special_ids["<|user|>"], tokenizer.special_ids["<image>"]]
    assert len(tokenizer.encode("ệ")) == 1
    assert tokenizer.encode("e\u0323\u0302") == tokenizer.encode("ệ")  # NFD input, NFC ids


def test_render_uses_the_chat_template() -> None:
    rendered = render_conversation(CONVERSATION[:3])
    assert rendered == (
        "<|system|>Bạn là trợ lý.<|end|>\n"
        "<|user|><image>\nẢnh có gì?<|end|>\n"
        "<|assistant|>Một con mèo.<|end|>\n"
    )


def test_only_assistant_replies_are_supervised() -> None:
    tokenizer = CharTokenizer()
    sample = build_training_sample(CONVERSATION, tokenizer)
    assert sample.input_ids.shape == sample.labels.shape
    assert tokenizer.decode(sample.input_ids.tolist()) == render_conversation(CONVERSATION)
    supervised = sample.labels[sample.labels != IGNORE_INDEX]
    assert tokenizer.decode(supervised.tolist()) == "Một con mèo.<|end|>Màu đen.<|end|>"
    kept = sample.labels != IGNORE_INDEX
    assert torch.equal(sample.labels[kept], sample.input_ids[kept])
    image_id = tokenizer.special_ids["<image>"]
    assert (sample.input_ids == image_id).sum() == 1
    assert (sample.labels == image_id).sum() == 0


def test_conversation_without_assistant_is_rejected() -> None:
    with pytest.raises(ValueError):
        build_training_sample([Message("user", "xin chào")], CharTokenizer())


def test_pad_samples() -> None:
    tokenizer = CharTokenizer()
    short = build_training_sample(CONVERSATION[1:3], tokenizer)
    long = build_training_sample(CONVERSATION, tokenizer)
    input_ids, labels = pad_samples([short, long], tokenizer.pad_id)
    assert input_ids.shape == labels.shape == (2, len(long.input_ids))
    padding = slice(len(short.input_ids), None)
    assert (input_ids[0, padding] == tokenizer.pad_id).all()
    assert (labels[0, padding] == IGNORE_INDEX).all()


def test_sequence_log_probs_by_hand() -> None:
    # uniform logits over V = 4 tokens: every supervised token has log-prob log(1/4)
    logits = torch.zeros(2, 5, 4)
    labels = torch.tensor([[-100, -100, 1, 2, 3], [-100, 0, 0, -100, -100]])
    expected = torch.tensor([3 * math.log(0.25), 2 * math.log(0.25)])
    torch.testing.assert_close(sequence_log_probs(logits, labels), expected)
    # logits at t predict the label at t + 1: make position 1 certain of token 1
    logits[0, 1, 1] = 100.0
    assert sequence_log_probs(logits, labels)[0] == pytest.approx(2 * math.log(0.25), abs=1e-4)


def test_dpo_loss_is_log_two_when_policy_equals_reference() -> None:
    logps = torch.tensor([-12.0, -3.5, -40.0])
    other = torch.tensor([-10.0, -8.0, -1.0])
    output = dpo_loss(logps, other, logps, other, beta=0.5)
    assert output.loss.item() == pytest.approx(math.log(2))
    assert output.chosen_rewards.abs().max() == 0


def test_dpo_loss_by_hand() -> None:
    # margin = beta * ((-1 - -2) - (-3 - -2)) = 0.1 * 2 = 0.2; loss = -log sigmoid(0.2)
    loss = dpo_loss(*(torch.tensor([v]) for v in (-1.0, -3.0, -2.0, -2.0)), beta=0.1).loss
    assert loss.item() == pytest.approx(math.log1p(math.exp(-0.2)))


def test_dpo_loss_decreases_when_chosen_log_prob_increases() -> None:
    reference = torch.tensor([-5.0, -5.0])
    rejected = torch.tensor([-6.0, -4.0])
    losses = [
        dpo_loss(torch.tensor([c, c]), rejected, reference, reference).loss.item()
        for c in (-8.0, -5.0, -2.0, 1.0)
    ]
    assert losses == sorted(losses, reverse=True) and len(set(losses)) == 4
    chosen = torch.tensor([-5.0, -5.0], requires_grad=True)
    dpo_loss(chosen, rejected, reference, reference).loss.backward()
    assert chosen.grad is not None and (chosen.grad < 0).all()
