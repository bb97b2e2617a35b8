"""Token pruning, ToMe-style token merging and token-count arithmetic.

* Pruning keeps the ``k`` tokens with the highest importance score, e.g. the attention the CLS
  token pays to each patch.
* Merging follows Token Merging (ToMe, Bolya et al. 2023): bipartite soft matching between two
  alternating halves of the tokens, then the ``r`` most similar pairs are averaged, weighted by how
  many original patches each token already stands for ("size").
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def vit_token_count(
    image_size: int | tuple[int, int], patch_size: int, cls_token: bool = False
) -> int:
    """Number of tokens a ViT produces for an image: (H / p) * (W / p), plus 1 with a CLS token.

    ``vit_token_count(336, 14) == 576`` (CLIP ViT-L/14 at 336 px, as used by LLaVA-1.5).
    """
    height, width = (image_size, image_size) if isinstance(image_size, int) else image_size
    if height % patch_size or width % patch_size:
        raise ValueError(
            f"image size {height}x{width} is not a multiple of patch size {patch_size}"
        )
    return (height // patch_size) * (width // patch_size) + int(cls_token)


def pooled_token_count(image_size: int | tuple[int, int], patch_size: int, pool: int) -> int:
    """Patch tokens left after ``pool x pool`` spatial pooling (or pixel shuffle) of the patch grid.

    ``pooled_token_count(448, 14, 2) == 256``: a 32x32 grid becomes 16x16.
    """
    height, width = (image_size, image_size) if isinstance(image_size, int) else image_size
    rows, cols = height // patch_size, width // patch_size
    if rows % pool or cols % pool:
        raise ValueError(f"patch grid {rows}x{cols} is not divisible by pool {pool}")
    return (rows // pool) * (cols // pool)


def tome_token_schedule(num_tokens: int, r: int, num_layers: int) -> list[int]:
    """Token count before the first layer and after each of ``num_layers`` ToMe layers.

    Each layer removes ``min(r, n // 2)`` tokens (bipartite matching cannot merge more).
    Returns a list of length ``num_layers + 1``.
    """
    counts = [num_tokens]
    for _ in range(num_layers):
        counts.append(counts[-1] - min(r, counts[-1] // 2))
    return counts


def cls_attention_scores(attention: torch.Tensor) -> torch.Tensor:
    """Importance of each patch = attention from the CLS token, averaged over heads.

    ``attention`` (B, H, T, T) probabilities with the CLS token at position 0 -> (B, T - 1) score
    per patch token.
    """
    return attention[:, :, 0, 1:].mean(dim=1)


def prune_tokens(
    tokens: torch.Tensor, scores: torch.Tensor, keep: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """Keep the ``keep`` highest-scoring tokens (1 <= keep <= N), in their original order.

    ``tokens`` (B, N, D), ``scores`` (B, N) importance (higher = more important) -> kept tokens
    (B, keep, D) and their indices (B, keep), sorted ascending.
    """
    if not 1 <= keep <= tokens.shape[1]:
        raise ValueError(f"keep must be in [1, {tokens.shape[1]}], got {keep}")
    top = scores.topk(keep, dim=1).indices.sort(dim=1).values
    kept = tokens.gather(1, top[..., None].expand(-1, -1, tokens.shape[-1]))
    return kept, top


def merge_tokens(
    tokens: torch.Tensor,
    r: int,
    sizes: torch.Tensor | None = None,
    metric: torch.Tensor | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Merge the ``r`` most similar token pairs by bipartite soft matching (ToMe).

    Tokens at even positions form set A, odd positions set B. Every A token finds its most
    similar B token (cosine similarity of ``metric``, by default the tokens themselves; ToMe uses
    the attention keys). The ``r`` A tokens with the best match are folded into their B partner
    with a size-weighted average, so the size-weighted mean of all tokens is unchanged.
    ToMe keeps the CLS token out of the matching: pass only the patch tokens to do the same.

    ``tokens`` (B, N, D) -> merged tokens (B, N - r, D) and their sizes (B, N - r). ``sizes``
    (B, N) says how many original patches each token represents (ones if omitted); ``metric``
    (B, N, D') holds the features compared (``tokens`` if omitted). ``r`` is at most N // 2;
    r <= 0 returns the input unchanged, whatever N is, as the official ToMe code does.
    """
    batch, num_tokens, dim = tokens.shape
    if sizes is None:
        sizes = tokens.new_ones(batch, num_tokens)
    if r <= 0:  # nothing to merge; a single token has no partner set to match against
        return tokens, sizes
    if r > num_tokens // 2:
        raise ValueError(f"r must be at most {num_tokens // 2}, got {r}")
    metric = F.normalize(tokens if metric is None else metric, dim=-1)

    similarity = metric[:, ::2] @ metric[:, 1::2].transpose(1, 2)  # (B, |A|, |B|)
    best_score, best_partner = similarity.max(dim=-1)  # (B, |A|)
    order = best_score.argsort(dim=-1, descending=True)
    merged_a = order[:, :r]  # A tokens folded into B
    kept_a = order[:, r:].sort(dim=-1).values  # A tokens that stay, original order

    weighted = tokens * sizes[..., None]  # sum of (size * token) is what merging preserves
    weighted_a, weighted_b = weighted[:, ::2], weighted[:, 1::2]
    sizes_a, sizes_b = sizes[:, ::2], sizes[:, 1::2]
    partner = best_partner.gather(1, merged_a)  # (B, r)
    weighted_b = weighted_b.scatter_add(
        1,
        partner[..., None].expand(-1, -1, dim),
        weighted_a.gather(1, merged_a[..., None].expand(-1, -1, dim)),
    )
    sizes_b = sizes_b.scatter_add(1, partner, sizes_a.gather(1, merged_a))

    out_weighted = torch.cat(
        [weighted_a.gather(1, kept_a[..., None].expand(-1, -1, dim)), weighted_b], dim=1
    )
    out_sizes = torch.cat([sizes_a.gather(1, kept_a), sizes_b], dim=1)
    return out_weighted / out_sizes[..., None], out_sizes
