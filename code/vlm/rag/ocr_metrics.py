"""OCR quality: character and word error rates from the Levenshtein edit distance.

CER = (substitutions + deletions + insertions) / number of reference characters. Text is
NFC-normalised first, so a Vietnamese letter such as "ệ" is one character whether it was typed
precomposed or as e + combining marks; a wrong or missing diacritic is one substitution.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Sequence
from typing import Literal

Normalization = Literal["NFC", "NFD", "NFKC", "NFKD"]


def levenshtein_distance(reference: Sequence[Hashable], hypothesis: Sequence[Hashable]) -> int:
    """Fewest insertions, deletions and substitutions that turn one sequence into the other."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref_item in enumerate(reference, start=1):
        current = [i]
        for j, hyp_item in enumerate(hypothesis, start=1):
            current.append(
                min(
                    previous[j] + 1,  # deletion
                    current[j - 1] + 1,  # insertion
                    previous[j - 1] + (ref_item != hyp_item),  # substitution or match
                )
            )
        previous = current
    return previous[-1]


def _normalize(text: str, normalization: Normalization | None) -> str:
    return unicodedata.normalize(normalization, text) if normalization else text


def character_error_rate(
    prediction: str, reference: str, normalization: Normalization | None = "NFC"
) -> float:
    """Edit distance between the character sequences / len(reference). Can exceed 1."""
    reference = _normalize(reference, normalization)
    if not reference:
        raise ValueError("reference text is empty; CER is undefined")
    prediction = _normalize(prediction, normalization)
    return levenshtein_distance(reference, prediction) / len(reference)


def word_error_rate(
    prediction: str, reference: str, normalization: Normalization | None = "NFC"
) -> float:
    """Edit distance between whitespace-separated word sequences / number of reference words."""
    reference_words = _normalize(reference, normalization).split()
    if not reference_words:
        raise ValueError("reference text has no words; WER is undefined")
    prediction_words = _normalize(prediction, normalization).split()
    return levenshtein_distance(reference_words, prediction_words) / len(reference_words)


def corpus_character_error_rate(
    predictions: Sequence[str],
    references: Sequence[str],
    normalization: Normalization | None = "NFC",
) -> float:
    """Total edits over total reference characters (long lines weigh more than short ones)."""
    if len(predictions) != len(references):
        raise ValueError("predictions and references must have the same length")
    normalized = [
        (_normalize(p, normalization), _normalize(r, normalization))
        for p, r in zip(predictions, references, strict=True)
    ]
    total = sum(len(r) for _, r in normalized)
    if total == 0:
        raise ValueError("references are empty; CER is undefined")
    return sum(levenshtein_distance(r, p) for p, r in normalized) / total
