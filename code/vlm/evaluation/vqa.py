"""VQA accuracy (Antol et al. 2015; VQA v2 evaluation) with answer normalisation.

Each question has 10 human answers. An answer counts as fully correct when at least 3 humans gave
it: acc = min(#matching humans / 3, 1). The official script averages this over the 10 subsets of
9 humans (leave one out), so an answer given by m of the 10 humans scores

    (m * min((m - 1) / 3, 1) + (10 - m) * min(m / 3, 1)) / 10

which is 0.3 for m = 1, 0.6 for m = 2, 0.9 for m = 3 and 1.0 for m >= 4.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

NUMBER_WORDS = {
    "none": "0", "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
}  # fmt: skip
ARTICLES = {"a", "an", "the"}
CONTRACTIONS = {
    "arent": "aren't", "cant": "can't", "couldnt": "couldn't", "didnt": "didn't",
    "doesnt": "doesn't", "dont": "don't", "hasnt": "hasn't", "havent": "haven't",
    "isnt": "isn't", "shouldnt": "shouldn't", "thats": "that's",
    "theres": "there's", "wasnt": "wasn't", "werent": "weren't", "whats": "what's",
    "wont": "won't", "wouldnt": "wouldn't", "youre": "you're",
}  # fmt: skip
_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d)")  # 1,000 -> 1000
_PERIOD = re.compile(r"\.(?!\d)")  # drop periods not followed by a digit (keeps 2.5)
_PUNCTUATION = re.compile(r"""[;/\[\]"{}()=+\\_\-><@`,?!:*#%^&$~|]""")


def normalize_answer(answer: str) -> str:
    """Normalise an answer the way the VQA evaluation script does, in spirit.

    Lowercase; remove thousands separators, stray periods and punctuation; map number words
    ("two") to digits; drop articles (a, an, the); restore apostrophes ("dont" -> "don't").
    """
    text = answer.replace("\n", " ").replace("\t", " ").strip().lower()
    text = _DIGIT_COMMA.sub("", text)
    text = _PERIOD.sub("", text)
    text = _PUNCTUATION.sub(" ", text)
    words = [NUMBER_WORDS.get(word, word) for word in text.split()]
    return " ".join(CONTRACTIONS.get(word, word) for word in words if word not in ARTICLES)


def vqa_accuracy(prediction: str, human_answers: Sequence[str]) -> float:
    """Accuracy of one prediction against the human answers (usually 10), in [0, 1].

    For each human, count how many of the *other* humans gave the prediction, score
    min(count / 3, 1), and average over humans (the official leave-one-out average).
    """
    if not human_answers:
        raise ValueError("need at least one human answer")
    predicted = normalize_answer(prediction)
    normalized = [normalize_answer(answer) for answer in human_answers]
    matches = [answer == predicted for answer in normalized]
    total_matches = sum(matches)
    scores = [min((total_matches - is_match) / 3, 1.0) for is_match in matches]
    return sum(scores) / len(scores)


def mean_vqa_accuracy(predictions: Sequence[str], answers: Sequence[Sequence[str]]) -> float:
    """Mean :func:`vqa_accuracy` over questions; ``answers[i]`` are the humans' answers to i."""
    if len(predictions) != len(answers) or not predictions:
        raise ValueError("predictions and answers must be non-empty and of equal length")
    scores = [vqa_accuracy(p, a) for p, a in zip(predictions, answers, strict=True)]
    return sum(scores) / len(scores)
