"""Direct Preference Optimization (DPO, Rafailov et al. 2023).

Given a prompt, a chosen response y_c and a rejected response y_r, DPO minimises

    -log sigmoid(beta * [(log pi(y_c) - log ref(y_c)) - (log pi(y_r) - log ref(y_r))])

where pi is the policy being trained and ref a frozen copy of the starting model. No reward model
and no sampling are needed: only the summed log-probabilities of the two responses.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
import torch.nn.functional as F

IGNORE_INDEX = -100


def sequence_log_probs(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Sum of log p(token) over supervised tokens: ``logits`` (B, T, V), ``labels`` (B, T) -> (B,).

    Logits at position t predict the token at t + 1 (causal LM convention); labels of -100 mark
    prompt and padding positions, which do not count.
    """
    logits, labels = logits[:, :-1], labels[:, 1:]
    mask = labels != IGNORE_INDEX
    log_probs = logits.log_softmax(dim=-1)
    token_log_probs = log_probs.gather(-1, labels.clamp(min=0)[..., None]).squeeze(-1)
    return (token_log_probs * mask).sum(dim=-1)


class DPOOutput(NamedTuple):
    """DPO loss (scalar) and the implicit rewards beta * (log pi - log ref), each (B,)."""

    loss: torch.Tensor
    chosen_rewards: torch.Tensor
    rejected_rewards: torch.Tensor


def dpo_loss(
    policy_chosen_logps: torch.Tensor,
    policy_rejected_logps: torch.Tensor,
    reference_chosen_logps: torch.Tensor,
    reference_rejected_logps: torch.Tensor,
    beta: float = 0.1,
) -> DPOOutput:
    """DPO loss averaged over a batch of preference pairs.

    All inputs are (B,) summed response log-probabilities (see :func:`sequence_log_probs`).
    When the policy equals the reference the margin is 0 and the loss is log 2.
    """
    chosen_ratio = policy_chosen_logps - reference_chosen_logps
    rejected_ratio = policy_rejected_logps - reference_rejected_logps
    loss = -F.logsigmoid(beta * (chosen_ratio - rejected_ratio)).mean()
    return DPOOutput(loss, beta * chosen_ratio.detach(), beta * rejected_ratio.detach())
