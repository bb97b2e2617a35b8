"""Neural image captioning as in 2015: a CNN looks, an LSTM writes.

* ``ShowAndTell`` follows Vinyals et al. (2015), "Show and Tell: A Neural Image Caption
  Generator": one global image vector enters the LSTM once, before the first word.
* ``ShowAttendTell`` follows Xu et al. (2015), "Show, Attend and Tell": at every step the
  decoder looks again at a grid of image regions through soft attention.

Both models take the whole caption ``tokens`` (B, T), starting with a BOS token, and return
logits (B, T, V) where ``logits[:, t]`` scores token ``t + 1`` (teacher forcing). Pair them with
``vlm.losses.captioning.captioning_loss``, which shifts the targets.
"""

from __future__ import annotations

import torch
from torch import nn


class ConvImageEncoder(nn.Module):
    """Tiny CNN that turns images into a grid of region features.

    ``images`` (B, C, H, W) -> ``regions`` (B, R, feature_dim) with R = ceil(H/4) * ceil(W/4):
    one vector per cell of the last feature map, the "annotation vectors" of Xu et al. (2015).
    """

    def __init__(self, feature_dim: int = 32, in_channels: int = 3) -> None:
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(in_channels, feature_dim // 2, kernel_size=3, stride=2, padding=1),
            nn.ReLU(),
            nn.Conv2d(feature_dim // 2, feature_dim, kernel_size=3, stride=2, padding=1),
            nn.ReLU(),
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        feature_map = self.layers(images)  # (B, D, H/4, W/4)
        return feature_map.flatten(2).transpose(1, 2)  # (B, R, D)


class ShowAndTell(nn.Module):
    """CNN -> LSTM captioner of Vinyals et al. (2015).

    The mean-pooled CNN feature is projected to the word-embedding size and fed as the LSTM
    input at step -1; the words follow. ``forward(images (B, C, H, W), tokens (B, T))`` returns
    logits (B, T, vocab_size).
    """

    def __init__(
        self, vocab_size: int, embed_dim: int = 32, hidden_dim: int = 64, feature_dim: int = 32
    ) -> None:
        super().__init__()
        self.encoder = ConvImageEncoder(feature_dim)
        self.image_projection = nn.Linear(feature_dim, embed_dim)
        self.word_embedding = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden_dim, batch_first=True)
        self.output = nn.Linear(hidden_dim, vocab_size)

    def forward(self, images: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
        image_vector = self.image_projection(self.encoder(images).mean(dim=1))  # (B, E)
        words = self.word_embedding(tokens)  # (B, T, E)
        inputs = torch.cat([image_vector.unsqueeze(1), words], dim=1)  # (B, 1 + T, E)
        hidden, _ = self.lstm(inputs)
        return self.output(hidden[:, 1:])  # drop the image step: (B, T, V)


class SoftAttention(nn.Module):
    """Deterministic soft attention of Xu et al. (2015), eqs. 4–6 (additive scoring).

    ``e_i = w^T tanh(W_a a_i + W_h h)``, ``alpha = softmax(e)``, ``z = sum_i alpha_i a_i``.
    ``regions`` (B, R, region_dim), ``hidden`` (B, hidden_dim) -> ``context`` (B, region_dim),
    ``weights`` (B, R) summing to 1 over R.
    """

    def __init__(self, region_dim: int, hidden_dim: int, attention_dim: int = 32) -> None:
        super().__init__()
        self.region_projection = nn.Linear(region_dim, attention_dim)
        self.hidden_projection = nn.Linear(hidden_dim, attention_dim)
        self.score = nn.Linear(attention_dim, 1)

    def forward(
        self, regions: torch.Tensor, hidden: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        energy = torch.tanh(
            self.region_projection(regions) + self.hidden_projection(hidden).unsqueeze(1)
        )  # (B, R, A)
        weights = self.score(energy).squeeze(-1).softmax(dim=-1)  # (B, R)
        context = (weights.unsqueeze(-1) * regions).sum(dim=1)  # (B, region_dim)
        return context, weights


class ShowAttendTell(nn.Module):
    """Captioner with soft attention over regions (Xu et al., 2015), slightly simplified.

    The LSTM state starts from the mean region (the paper's ``f_init``); at each step the
    previous hidden state chooses where to look, and the word embedding plus the attended
    context go into an ``LSTMCell``. The paper's gating scalar and deep output layer are left
    out. ``forward(images, tokens (B, T))`` returns ``(logits (B, T, V), attention (B, T, R))``.
    """

    def __init__(
        self,
        vocab_size: int,
        embed_dim: int = 32,
        hidden_dim: int = 64,
        feature_dim: int = 32,
        attention_dim: int = 32,
    ) -> None:
        super().__init__()
        self.encoder = ConvImageEncoder(feature_dim)
        self.attention = SoftAttention(feature_dim, hidden_dim, attention_dim)
        self.word_embedding = nn.Embedding(vocab_size, embed_dim)
        self.init_hidden = nn.Linear(feature_dim, hidden_dim)
        self.init_cell = nn.Linear(feature_dim, hidden_dim)
        self.cell = nn.LSTMCell(embed_dim + feature_dim, hidden_dim)
        self.output = nn.Linear(hidden_dim, vocab_size)

    def forward(
        self, images: torch.Tensor, tokens: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        return self.decode(self.encoder(images), tokens)

    def decode(
        self, regions: torch.Tensor, tokens: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Teacher-forced decoding from region features (B, R, D) and tokens (B, T)."""
        mean_region = regions.mean(dim=1)
        hidden = torch.tanh(self.init_hidden(mean_region))
        cell = torch.tanh(self.init_cell(mean_region))
        all_logits, all_weights = [], []
        for step in range(tokens.shape[1]):
            context, weights = self.attention(regions, hidden)
            step_input = torch.cat([self.word_embedding(tokens[:, step]), context], dim=-1)
            hidden, cell = self.cell(step_input, (hidden, cell))
            all_logits.append(self.output(hidden))
            all_weights.append(weights)
        return torch.stack(all_logits, dim=1), torch.stack(all_weights, dim=1)


def doubly_stochastic_penalty(attention: torch.Tensor) -> torch.Tensor:
    """Attention regulariser of Xu et al. (2015), eq. 14: ``sum_i (1 - sum_t alpha_ti)^2``.

    ``attention`` (B, T, R) -> scalar, averaged over the batch. It pushes the decoder to look
    at every region at some point of the caption.
    """
    return ((1.0 - attention.sum(dim=1)) ** 2).sum(dim=-1).mean()


@torch.no_grad()
def greedy_decode(
    model: nn.Module, images: torch.Tensor, bos_id: int, max_length: int
) -> torch.Tensor:
    """Greedy captioning: repeatedly append the arg-max next token.

    Works with both captioners (re-runs the model on the growing prefix, which is simple but
    quadratic). ``images`` (B, C, H, W) -> tokens (B, 1 + max_length), starting with ``bos_id``.
    """
    tokens = torch.full((images.shape[0], 1), bos_id, dtype=torch.long, device=images.device)
    for _ in range(max_length):
        output = model(images, tokens)
        logits = output[0] if isinstance(output, tuple) else output
        next_token = logits[:, -1].argmax(dim=-1, keepdim=True)
        tokens = torch.cat([tokens, next_token], dim=1)
    return tokens
