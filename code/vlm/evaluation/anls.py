"""ANLS: Average Normalized Levenshtein Similarity (Biten et al. 2019, ST-VQA; used by DocVQA).

An answer read from a document with one wrong character should not score 0. For question i with
reference answers a_i1..a_iM and the model's answer o_i:

    NL(a, o) = Lev(a, o) / max(|a|, |o|)                  normalised edit distance, in [0, 1]
    s(a, o) = 1 - NL(a, o) if NL(a, o) < tau, else 0      tau = 0.5
    ANLS = (1 / N) * sum_i max_j s(a_ij, o_i)

As in the official evaluation, case is ignored and runs of whitespace count as one space.
"""

from __future__ import annotations

from collections.abc import Sequence

from vlm.rag.ocr_metrics import levenshtein_distance


def _canonical(text: str) -> str:
    """Lowercase, trimmed, single spaces: "  Coca  Cola " -> "coca cola"."""
    return " ".join(text.lower().split())


def normalized_levenshtein(answer: str, prediction: str) -> float:
    """NL(a, o) = Lev(a, o) / max(|a|, |o|) of the canonical strings; 0 when both are empty."""
    answer, prediction = _canonical(answer), _canonical(prediction)
    longest = max(len(answer), len(prediction))
    return levenshtein_distance(answer, prediction) / longest if longest else 0.0


def anls_similarity(prediction: str, answers: Sequence[str], threshold: float = 0.5) -> float:
    """max_j s(a_j, o) for one question: the best reference, 0 if all are at NL >= threshold."""
    if not answers:
        raise ValueError("need at least one reference answer")
    distances = [normalized_levenshtein(answer, prediction) for answer in answers]
    return max(1.0 - nl if nl < threshold else 0.0 for nl in distances)


def anls(
    predictions: Sequence[str], answers: Sequence[Sequence[str]], threshold: float = 0.5
) -> float:
    """Mean :func:`anls_similarity` over questions; ``answers[i]`` are the references of i."""
    if len(predictions) != len(answers) or not predictions:
        raise ValueError("predictions and answers must be non-empty and of equal length")
    scores = [anls_similarity(p, a, threshold) for p, a in zip(predictions, answers, strict=True)]
    return sum(scores) / len(scores)
