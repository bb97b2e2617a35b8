"""Turn a multi-turn multimodal conversation into ``input_ids`` and ``labels``.

Visual instruction tuning (LLaVA, Liu et al. 2023) trains only on what the assistant says: system
and user turns, role headers and the ``<image>`` placeholder get the label -100 and are ignored by
the loss. The chat template used here is deliberately simple::

    <|system|>You are helpful.<|end|>
    <|user|><image>
    What colour is the car?<|end|>
    <|assistant|>Red.<|end|>

The assistant's ``<|end|>`` is supervised too, so the model learns when to stop.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import torch

IGNORE_INDEX = -100
IMAGE_TOKEN = "<image>"
END_TOKEN = "<|end|>"
ROLE_TOKENS = {"system": "<|system|>", "user": "<|user|>", "assistant": "<|assistant|>"}
SPECIAL_TOKENS = ("<pad>", IMAGE_TOKEN, *ROLE_TOKENS.values(), END_TOKEN)

Role = Literal["system", "user", "assistant"]


class CharTokenizer:
    """Deterministic character-level tokenizer with a few special tokens.

    Special token ``i`` gets id ``i``; any other character ``c`` gets ``len(special) + ord(c)``.
    Text is NFC-normalised first, so a Vietnamese letter such as "ệ" is always one id.
    """

    def __init__(self, special_tokens: Sequence[str] = SPECIAL_TOKENS) -> None:
        self.special_tokens = tuple(special_tokens)
        self.special_ids = {token: index for index, token in enumerate(self.special_tokens)}
        self._splitter = re.compile("(" + "|".join(map(re.escape, self.special_tokens)) + ")")

    @property
    def pad_id(self) -> int:
        """Id of ``<pad>``."""
        return self.special_ids["<pad>"]

    def encode(self, text: str) -> list[int]:
        """Encode ``text``; special tokens written literally become a single id."""
        ids: list[int] = []
        for piece in self._splitter.split(unicodedata.normalize("NFC", text)):
            if piece in self.special_ids:
                ids.append(self.special_ids[piece])
            else:
                ids.extend(len(self.special_tokens) + ord(char) for char in piece)
        return ids

    def decode(self, ids: Sequence[int]) -> str:
        """Inverse of :meth:`encode` (ids of -100 are skipped)."""
        offset = len(self.special_tokens)
        return "".join(
            self.special_tokens[i] if i < offset else chr(i - offset) for i in ids if i >= 0
        )


@dataclass(frozen=True)
class Message:
    """One turn of a conversation."""

    role: Role
    content: str


@dataclass(frozen=True)
class TrainingSample:
    """Token ids (L,) and labels (L,), where labels are -100 outside assistant replies."""

    input_ids: torch.Tensor
    labels: torch.Tensor


def render_conversation(messages: Sequence[Message]) -> str:
    """The conversation as one string in the chat template (what the model reads)."""
    return "".join(f"{ROLE_TOKENS[m.role]}{m.content}{END_TOKEN}\n" for m in messages)


def build_training_sample(messages: Sequence[Message], tokenizer: CharTokenizer) -> TrainingSample:
    """Tokenise a conversation and supervise only the assistant replies and their ``<|end|>``.

    The ``TrainingSample`` holds ``input_ids`` (L,) and ``labels`` (L,), aligned by position.
    """
    if not any(m.role == "assistant" for m in messages):
        raise ValueError("a training conversation needs at least one assistant turn")
    input_ids: list[int] = []
    labels: list[int] = []
    for message in messages:
        if message.role not in ROLE_TOKENS:
            raise ValueError(f"unknown role {message.role!r}; use one of {sorted(ROLE_TOKENS)}")
        header = tokenizer.encode(ROLE_TOKENS[message.role])
        body = tokenizer.encode(message.content + END_TOKEN)
        newline = tokenizer.encode("\n")
        input_ids += header + body + newline
        supervised = body if message.role == "assistant" else [IGNORE_INDEX] * len(body)
        labels += [IGNORE_INDEX] * len(header) + supervised + [IGNORE_INDEX] * len(newline)
    return TrainingSample(torch.tensor(input_ids), torch.tensor(labels))


def pad_samples(
    samples: Sequence[TrainingSample], pad_id: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-pad samples to a batch: ids (B, L_max) padded with ``pad_id``, labels with -100."""
    length = max(len(s.input_ids) for s in samples)
    input_ids = torch.full((len(samples), length), pad_id)
    labels = torch.full((len(samples), length), IGNORE_INDEX)
    for row, sample in enumerate(samples):
        input_ids[row, : len(sample.input_ids)] = sample.input_ids
        labels[row, : len(sample.labels)] = sample.labels
    return input_ids, labels
