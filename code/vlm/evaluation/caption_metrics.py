"""Captioning metrics: corpus BLEU (Papineni et al. 2002) and CIDEr (Vedantam et al. 2015).

Both compare n-grams (n = 1..4) of a candidate caption with several human references.

* BLEU-4: clipped n-gram precisions summed over the corpus, geometric mean, times a brevity
  penalty. No smoothing: if some n has no match the score is 0.
* CIDEr: each caption becomes a TF-IDF vector per n (IDF from the reference corpus: an n-gram
  found in the references of every image carries no information). The score is the cosine with
  each reference, averaged over references and over n (uniform weights 1/N), as in the paper:
  at most 1. ``cider_d=True`` gives CIDEr-D of the COCO evaluation code: candidate counts
  clipped by the reference counts, a Gaussian length penalty exp(-(len_c - len_r)^2 / (2 * 6^2))
  and a factor 10, which is why reported COCO CIDEr scores exceed 1.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

Ngram = tuple[str, ...]


def tokenize_caption(text: str) -> list[str]:
    """Lowercase and keep runs of letters, digits and apostrophes: "A dog." -> ["a", "dog"]."""
    return re.findall(r"[\w']+", text.lower())


def ngram_counts(tokens: Sequence[str], n: int) -> Counter[Ngram]:
    """Counts of the n-grams of ``tokens``."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def corpus_bleu(
    candidates: Sequence[str], references: Sequence[Sequence[str]], max_n: int = 4
) -> float:
    """Corpus-level BLEU-``max_n`` with uniform weights, in [0, 1].

    ``candidates`` holds one generated caption per image, ``references`` the reference captions
    of each image.
    """
    if len(candidates) != len(references) or not candidates:
        raise ValueError("candidates and references must be non-empty and of equal length")
    matched = [0] * max_n
    total = [0] * max_n
    candidate_length = reference_length = 0
    for candidate, refs in zip(candidates, references, strict=True):
        cand_tokens = tokenize_caption(candidate)
        ref_tokens = [tokenize_caption(ref) for ref in refs]
        candidate_length += len(cand_tokens)
        # effective reference length: the closest one, the shorter one on a tie
        reference_length += min((abs(len(r) - len(cand_tokens)), len(r)) for r in ref_tokens)[1]
        for n in range(1, max_n + 1):
            counts = ngram_counts(cand_tokens, n)
            max_ref_counts: Counter[Ngram] = Counter()
            for ref in ref_tokens:
                max_ref_counts |= ngram_counts(ref, n)  # element-wise max over references
            matched[n - 1] += sum(min(c, max_ref_counts[g]) for g, c in counts.items())
            total[n - 1] += sum(counts.values())
    if min(matched) == 0:
        return 0.0
    log_precision = sum(math.log(m / t) for m, t in zip(matched, total, strict=True)) / max_n
    brevity = 1.0
    if candidate_length < reference_length:  # penalise captions shorter than the references
        brevity = math.exp(1 - reference_length / candidate_length)
    return brevity * math.exp(log_precision)


def _tfidf(tokens: Sequence[str], n: int, idf: Callable[[Ngram], float]) -> dict[Ngram, float]:
    """TF-IDF vector of the n-grams of ``tokens``: raw count * idf, as in the COCO code."""
    return {g: count * idf(g) for g, count in ngram_counts(tokens, n).items()}


def _cosine(candidate: dict[Ngram, float], reference: dict[Ngram, float], clip: bool) -> float:
    """Cosine of two sparse vectors; with ``clip`` the candidate weight is capped (CIDEr-D)."""
    dot = sum(
        (min(value, reference.get(g, 0.0)) if clip else value) * reference.get(g, 0.0)
        for g, value in candidate.items()
    )
    norms = math.sqrt(sum(v * v for v in candidate.values())) * math.sqrt(
        sum(v * v for v in reference.values())
    )
    return dot / norms if norms > 0 else 0.0


def cider_scores(
    candidates: Sequence[str],
    references: Sequence[Sequence[str]],
    max_n: int = 4,
    cider_d: bool = False,
    sigma: float = 6.0,
) -> list[float]:
    """CIDEr (Vedantam et al. 2015) of each candidate; CIDEr-D (x 10) with ``cider_d``.

    IDF of an n-gram g is log(#images / max(1, #images whose references contain g)); the max
    keeps n-grams found only in the candidate finite, as the COCO code does. The paper's TF
    divides counts by the caption's n-gram total, a scale that the cosine cancels.
    """
    if len(candidates) != len(references) or not candidates:
        raise ValueError("candidates and references must be non-empty and of equal length")
    refs_tokens = [[tokenize_caption(r) for r in refs] for refs in references]
    document_frequency: Counter[Ngram] = Counter()
    for refs in refs_tokens:
        document_frequency.update(
            {g for ref in refs for n in range(1, max_n + 1) for g in ngram_counts(ref, n)}
        )

    def idf(ngram: Ngram) -> float:
        return math.log(len(references) / max(1, document_frequency[ngram]))

    scale = 10.0 if cider_d else 1.0  # the factor 10 belongs to CIDEr-D only
    scores = []
    for candidate, refs in zip(candidates, refs_tokens, strict=True):
        cand = tokenize_caption(candidate)
        total = 0.0
        for n in range(1, max_n + 1):
            cand_vector = _tfidf(cand, n, idf)
            for ref in refs:
                cosine = _cosine(cand_vector, _tfidf(ref, n, idf), clip=cider_d)
                if cider_d:
                    cosine *= math.exp(-((len(cand) - len(ref)) ** 2) / (2 * sigma**2))
                total += cosine / len(refs)
        scores.append(scale * total / max_n)
    return scores


def corpus_cider(
    candidates: Sequence[str], references: Sequence[Sequence[str]], cider_d: bool = False
) -> float:
    """Mean of :func:`cider_scores` over the corpus (plain CIDEr unless ``cider_d``)."""
    scores = cider_scores(candidates, references, cider_d=cider_d)
    return sum(scores) / len(scores)
