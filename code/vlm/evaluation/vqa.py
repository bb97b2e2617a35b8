"""VQA accuracy (Antol et al. 2015; VQA v2 evaluation) with the official answer normalisation.

Each question has 10 human answers. An answer counts as fully correct when at least 3 humans gave
it: acc = min(#matching humans / 3, 1). The official script averages this over the 10 subsets of
9 humans (leave one out), so an answer given by m of the 10 humans scores

    (m * min((m - 1) / 3, 1) + (10 - m) * min(m / 3, 1)) / 10

which is 0.3 for m = 1, 0.6 for m = 2, 0.9 for m = 3 and 1.0 for m >= 4.

Normalisation follows the official script (GT-Vision-Lab/VQA, vqaEval.py) step by step:

* Punctuation: ``; / [ ] " { } ( ) = + \\ _ - > < @ ` , ? !`` become a space, or vanish when the
  mark touches a space or the answer has a comma between digits ("1,000"). Colons, apostrophes,
  ``%``, ``$``, ``#``, ``&`` and ``*`` stay: "10:30" is not "1030" and "50%" is not "50".
* Periods vanish unless a digit follows ("2.5" stays).
* Lowercase, number words to digits ("two" -> "2"), articles dropped, and the 120 contractions of
  the script's table restored ("dont" -> "don't", "oclock" -> "o'clock").

Like the official script, normalisation runs only when the humans disagree; when all of them gave
the same string, the prediction must equal that string (after trimming whitespace).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

NUMBER_WORDS = {
    "none": "0", "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
}  # fmt: skip
ARTICLES = {"a", "an", "the"}
# The official table, entries and odd ones included (keys with capitals never match lowercased
# words, and "somebody'd" maps to "somebodyd"): 120 entries.
CONTRACTIONS = {
    "aint": "ain't", "arent": "aren't", "cant": "can't", "couldve": "could've",
    "couldnt": "couldn't", "couldn'tve": "couldn't've", "couldnt've": "couldn't've",
    "didnt": "didn't", "doesnt": "doesn't", "dont": "don't", "hadnt": "hadn't",
    "hadnt've": "hadn't've", "hadn'tve": "hadn't've", "hasnt": "hasn't", "havent": "haven't",
    "hed": "he'd", "hed've": "he'd've", "he'dve": "he'd've", "hes": "he's", "howd": "how'd",
    "howll": "how'll", "hows": "how's", "Id've": "I'd've", "I'dve": "I'd've", "Im": "I'm",
    "Ive": "I've", "isnt": "isn't", "itd": "it'd", "itd've": "it'd've", "it'dve": "it'd've",
    "itll": "it'll", "let's": "let's", "maam": "ma'am", "mightnt": "mightn't",
    "mightnt've": "mightn't've", "mightn'tve": "mightn't've", "mightve": "might've",
    "mustnt": "mustn't", "mustve": "must've", "neednt": "needn't", "notve": "not've",
    "oclock": "o'clock", "oughtnt": "oughtn't", "ow's'at": "'ow's'at", "'ows'at": "'ow's'at",
    "'ow'sat": "'ow's'at", "shant": "shan't", "shed've": "she'd've", "she'dve": "she'd've",
    "she's": "she's", "shouldve": "should've", "shouldnt": "shouldn't",
    "shouldnt've": "shouldn't've", "shouldn'tve": "shouldn't've", "somebody'd": "somebodyd",
    "somebodyd've": "somebody'd've", "somebody'dve": "somebody'd've",
    "somebodyll": "somebody'll", "somebodys": "somebody's", "someoned": "someone'd",
    "someoned've": "someone'd've", "someone'dve": "someone'd've", "someonell": "someone'll",
    "someones": "someone's", "somethingd": "something'd", "somethingd've": "something'd've",
    "something'dve": "something'd've", "somethingll": "something'll", "thats": "that's",
    "thered": "there'd", "thered've": "there'd've", "there'dve": "there'd've",
    "therere": "there're", "theres": "there's", "theyd": "they'd", "theyd've": "they'd've",
    "they'dve": "they'd've", "theyll": "they'll", "theyre": "they're", "theyve": "they've",
    "twas": "'twas", "wasnt": "wasn't", "wed've": "we'd've", "we'dve": "we'd've",
    "weve": "we've", "werent": "weren't", "whatll": "what'll", "whatre": "what're",
    "whats": "what's", "whatve": "what've", "whens": "when's", "whered": "where'd",
    "wheres": "where's", "whereve": "where've", "whod": "who'd", "whod've": "who'd've",
    "who'dve": "who'd've", "wholl": "who'll", "whos": "who's", "whove": "who've",
    "whyll": "why'll", "whyre": "why're", "whys": "why's", "wont": "won't",
    "wouldve": "would've", "wouldnt": "wouldn't", "wouldnt've": "wouldn't've",
    "wouldn'tve": "wouldn't've", "yall": "y'all", "yall'll": "y'all'll", "y'allll": "y'all'll",
    "yall'd've": "y'all'd've", "y'alld've": "y'all'd've", "y'all'dve": "y'all'd've",
    "youd": "you'd", "youd've": "you'd've", "you'dve": "you'd've", "youll": "you'll",
    "youre": "you're", "youve": "you've",
}  # fmt: skip
PUNCTUATION = ';/[]"{}()=+\\_-><@`,?!'  # each character is one mark
_DIGIT_COMMA_DIGIT = re.compile(r"\d,\d")
_PERIOD = re.compile(r"\.(?!\d)")  # a period not followed by a digit (keeps 2.5)
# The official script passes re.UNICODE (= 32) where re.sub expects ``count``: it removes at
# most 32 periods. Kept, so that every answer is scored as the official script scores it.
_MAX_PERIODS = 32


def _clean_whitespace(answer: str) -> str:
    """Newlines and tabs become spaces; leading and trailing whitespace goes."""
    return answer.replace("\n", " ").replace("\t", " ").strip()


def strip_punctuation(answer: str) -> str:
    """The script's punctuation step: each mark becomes a space, or nothing (see module doc)."""
    delete = _DIGIT_COMMA_DIGIT.search(answer) is not None
    text = answer
    for mark in PUNCTUATION:
        touches_space = mark + " " in answer or " " + mark in answer  # tested on the input
        text = text.replace(mark, "" if delete or touches_space else " ")
    return _PERIOD.sub("", text, count=_MAX_PERIODS)


def digits_and_articles(answer: str) -> str:
    """Lowercase; number words to digits; drop articles; restore contractions ("hes" -> "he's")."""
    words = [NUMBER_WORDS.get(word, word) for word in answer.lower().split()]
    return " ".join(CONTRACTIONS.get(word, word) for word in words if word not in ARTICLES)


def normalize_answer(answer: str) -> str:
    """Normalise an answer exactly as the official VQA evaluation script does.

    Whitespace, then :func:`strip_punctuation`, then :func:`digits_and_articles`:
    ``normalize_answer("Two dogs.") == "2 dogs"``, ``normalize_answer("10:30") == "10:30"``.
    """
    return digits_and_articles(strip_punctuation(_clean_whitespace(answer)))


def vqa_accuracy(prediction: str, human_answers: Sequence[str]) -> float:
    """Accuracy of one prediction against the human answers (usually 10), in [0, 1].

    For each human, count how many of the *other* humans gave the prediction, score
    min(count / 3, 1), and average over humans (the official leave-one-out average). Answers are
    normalised only when the humans disagree, as in the official script.
    """
    if not human_answers:
        raise ValueError("need at least one human answer")
    humans = [_clean_whitespace(answer) for answer in human_answers]
    predicted = _clean_whitespace(prediction)
    if len(set(humans)) > 1:
        humans = [normalize_answer(answer) for answer in humans]
        predicted = normalize_answer(predicted)
    matches = [answer == predicted for answer in humans]
    total_matches = sum(matches)
    scores = [min((total_matches - is_match) / 3, 1.0) for is_match in matches]
    return sum(scores) / len(scores)


def mean_vqa_accuracy(predictions: Sequence[str], answers: Sequence[Sequence[str]]) -> float:
    """Mean :func:`vqa_accuracy` over questions; ``answers[i]`` are the humans' answers to i."""
    if len(predictions) != len(answers) or not predictions:
        raise ValueError("predictions and answers must be non-empty and of equal length")
    scores = [vqa_accuracy(p, a) for p, a in zip(predictions, answers, strict=True)]
    return sum(scores) / len(scores)
