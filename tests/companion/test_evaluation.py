"""Tests of vlm.evaluation: VQA accuracy, BLEU, CIDEr (hand-computed cases) and the report script."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from vlm.evaluation.anls import anls, anls_similarity, normalized_levenshtein
from vlm.evaluation.caption_metrics import cider_scores, corpus_bleu, corpus_cider, ngram_counts
from vlm.evaluation.pipeline import evaluate, main
from vlm.evaluation.vqa import CONTRACTIONS, mean_vqa_accuracy, normalize_answer, vqa_accuracy


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("Yes!", "yes"),
        ("The dog.", "dog"),
        ("Two", "2"),
        ("an apple", "apple"),
        ("dont know", "don't know"),
        ("1,000", "1000"),
        ("2.5", "2.5"),
        ("t-shirt", "t shirt"),
        ("  Red\tcar \n", "red car"),
        # the official script keeps colons, apostrophes, %, $, # and &
        ("10:30", "10:30"),
        ("50%", "50%"),
        ("$5", "$5"),
        ("#1", "#1"),
        ("what's up?", "what's up"),
        # a mark touching a space vanishes instead of becoming one
        ("yes, it is", "yes it is"),
        ("red- blue", "red blue"),
        # a comma between digits anywhere makes every mark vanish
        ("1,000 t-shirts", "1000 tshirts"),
        ("Dr. Who", "dr who"),
        ("3.14", "3.14"),
        ("None", "0"),
        ("An Apple!", "apple"),
        # contractions of the official table
        ("hes", "he's"),
        ("theyre", "they're"),
        ("oclock", "o'clock"),
        ("youll", "you'll"),
        ("somebody'd", "somebodyd"),
        ("Im", "im"),  # the table's key is "Im", which a lowercased word never is
    ],
)
def test_normalize_answer(raw: str, normalized: str) -> None:
    assert normalize_answer(raw) == normalized


def test_normalize_answer_removes_at_most_32_periods() -> None:
    # the official script passes re.UNICODE (32) as re.sub's count argument
    assert normalize_answer("." * 40 + "x") == "." * 8 + "x"


def test_contraction_table_is_the_official_one() -> None:
    assert len(CONTRACTIONS) == 120
    assert CONTRACTIONS["yall'd've"] == "y'all'd've" and CONTRACTIONS["twas"] == "'twas"


def test_stripped_forms_do_not_match() -> None:
    for prediction, humans in [("10:30", "1030"), ("50%", "50"), ("$5", "5")]:
        answers = [humans] * 4 + ["other"] * 6
        assert vqa_accuracy(prediction, answers) == 0.0
        assert vqa_accuracy(humans, answers) == 1.0


def test_unanimous_humans_are_compared_without_normalisation() -> None:
    # as in the official script: normalisation runs only when the humans disagree
    assert vqa_accuracy("two", ["2"] * 10) == 0.0
    assert vqa_accuracy(" 2\n", ["2"] * 10) == 1.0
    assert vqa_accuracy("two", ["2"] * 9 + ["3"]) == 1.0


@pytest.mark.parametrize(
    ("humans_agreeing", "expected"),
    [
        # acc = (m * min((m - 1) / 3, 1) + (10 - m) * min(m / 3, 1)) / 10
        (0, 0.0),
        (1, 0.3),  # (1 * 0 + 9 * 1/3) / 10 = 3 / 10
        (2, 0.6),  # (2 * 1/3 + 8 * 2/3) / 10 = 6 / 10
        (3, 0.9),  # (3 * 2/3 + 7 * 1) / 10 = 9 / 10
        (4, 1.0),  # (4 * 1 + 6 * 1) / 10
        (10, 1.0),
    ],
)
def test_vqa_accuracy_leave_one_out(humans_agreeing: int, expected: float) -> None:
    answers = ["cat"] * humans_agreeing + ["dog"] * (10 - humans_agreeing)
    assert vqa_accuracy("cat", answers) == pytest.approx(expected)


def test_vqa_accuracy_normalizes_both_sides() -> None:
    answers = ["Two", "2", "two.", "three", "3", "3", "3", "3", "3", "3"]
    assert vqa_accuracy("2", answers) == pytest.approx(0.9)  # three humans said 2
    assert mean_vqa_accuracy(["two", "five"], [answers, answers]) == pytest.approx(0.45)
    with pytest.raises(ValueError):
        mean_vqa_accuracy(["two"], [])


def test_ngram_counts() -> None:
    assert ngram_counts(["a", "b", "a", "b"], 2) == {("a", "b"): 2, ("b", "a"): 1}


def test_bleu_by_hand() -> None:
    # candidate (c = 6) "a cat sits on the mat"; reference (r = 7) "a cat sits on a red mat"
    # p1 = 5/6 (a, cat, sits, on, mat), p2 = 3/5, p3 = 2/4, p4 = 1/3, product = 1/12
    # BLEU = exp(1 - 7/6) * (1/12) ** (1/4) = 0.4548...
    score = corpus_bleu(["a cat sits on the mat"], [["a cat sits on a red mat"]])
    assert score == pytest.approx(math.exp(-1 / 6) * 12 ** (-1 / 4))
    assert corpus_bleu(["A cat."], [["a cat"]], max_n=2) == pytest.approx(1.0)


def test_bleu_sums_counts_over_the_corpus() -> None:
    # add a perfect 4-word pair: p = 9/10, 6/8, 4/6, 2/4 ; c = 10, r = 11
    score = corpus_bleu(
        ["a cat sits on the mat", "the dog runs fast"],
        [["a cat sits on a red mat"], ["the dog runs fast"]],
    )
    product = (9 / 10) * (6 / 8) * (4 / 6) * (2 / 4)
    assert score == pytest.approx(math.exp(1 - 11 / 10) * product ** (1 / 4))


def test_bleu_clipping_and_closest_reference_length() -> None:
    # "the" appears at most twice in one reference: p1 = 2/4; lengths 2 and 5, closest to 4 is 5
    refs = [["the cat", "the the cat sat down"]]
    assert corpus_bleu(["the the the the"], refs, max_n=1) == pytest.approx(0.5 * math.exp(-0.25))
    # equally close references (3 and 5 for c = 4): the shorter one is used, so no penalty
    refs = [["x y z", "the a b c d"]]
    assert corpus_bleu(["the e f g"], refs, max_n=1) == pytest.approx(0.25)
    assert corpus_bleu(["cat dog"], [["bird fish"]]) == 0.0  # no smoothing


def test_cider_by_hand() -> None:
    # 2 images, so idf = log(2 / df): log 2 for n-grams of one image's references only.
    # image 1: n = 1: cand {red, blue, car}, ref {red, car}: cos = 2 / (sqrt 3 * sqrt 2)
    #          n = 2: "red blue", "blue car" vs "red car": cos = 0 ; n = 3, 4: 0
    #          CIDEr = (2 / sqrt 6) / 4 = 1 / (2 sqrt 6)
    # image 2: "a cat" shares nothing with "blue bus": 0
    candidates, references = ["red blue car", "a cat"], [["red car"], ["blue bus"]]
    plain = 1 / (2 * math.sqrt(6))
    assert cider_scores(candidates, references) == pytest.approx([plain, 0.0])
    assert corpus_cider(candidates, references) == pytest.approx(plain / 2)
    # CIDEr-D: same cosines (counts are 1, clipping changes nothing), times exp(-(3 - 2)^2 / 72)
    # and times 10
    assert cider_scores(candidates, references, cider_d=True)[0] == pytest.approx(
        10 * plain * math.exp(-1 / 72)
    )


def test_cider_is_the_papers_formula() -> None:
    # Vedantam et al. 2015: CIDEr_n(c, S) = 1/m sum_j g(c).g(s_j) / (|g(c)| |g(s_j)|),
    # CIDEr = sum_n CIDEr_n / N with N = 4, g_k = TF * IDF, TF = count / n-grams in the caption,
    # IDF = log(|I| / #images whose references contain k). No factor 10.
    # Images: 1 with references "red car", "blue car"; 2 with "a dog". Every n-gram: IDF log 2 = L.
    # Candidate "red car" for image 1:
    #   n = 1: g(c) = (red L/2, car L/2); vs "red car" cos 1; vs "blue car": (L^2/4) / (L^2/2) = 1/2
    #          CIDEr_1 = (1 + 1/2) / 2 = 3/4
    #   n = 2: "red car" vs "red car" cos 1, vs "blue car" 0: CIDEr_2 = 1/2 ; n = 3, 4: nothing
    #   CIDEr = (3/4 + 1/2) / 4 = 5/16
    # Candidate "a dog" for image 2: CIDEr_1 = CIDEr_2 = 1: CIDEr = 2/4
    candidates, references = ["red car", "a dog"], [["red car", "blue car"], ["a dog"]]
    assert cider_scores(candidates, references) == pytest.approx([5 / 16, 1 / 2])
    # CIDEr-D: counts are 1 and lengths equal the references' (no clipping, no penalty): x 10
    assert cider_scores(candidates, references, cider_d=True) == pytest.approx([50 / 16, 5.0])


def test_cider_ignores_ngrams_found_in_every_image() -> None:
    # "a" is in the references of both images: idf = log(2/2) = 0.
    # cand 1 "a cat": n = 1 and n = 2 cosines are 1, n = 3, 4 have no n-grams: 2 / 4 = 0.5
    # cand 2 "a cat" vs "a dog": only "a" matches and it weighs 0
    assert cider_scores(["a cat", "a cat"], [["a cat"], ["a dog"]]) == pytest.approx([0.5, 0.0])
    # identical long captions with no shared n-grams: every cosine is 1, CIDEr = 1 (CIDEr-D 10)
    refs = [["a red car on the road"], ["two dogs play in snow"]]
    assert cider_scores([r[0] for r in refs], refs) == pytest.approx([1.0, 1.0])
    assert cider_scores([r[0] for r in refs], refs, cider_d=True) == pytest.approx([10.0, 10.0])


def test_cider_d_clips_repeated_ngrams() -> None:
    # cand "red red car" vs ref "red car" (other image: "blue bus"), weights log 2 = L
    # n = 1: cand (2L, L), ref (L, L): plain dot 3L^2, clipped dot 2L^2, norms sqrt5 L * sqrt2 L
    # n = 2: cand {"red red": L, "red car": L}, ref {"red car": L}: cos = 1 / sqrt 2
    references = [["red car"], ["blue bus"]]
    plain = cider_scores(["red red car", "x"], references)[0]
    clipped = cider_scores(["red red car", "x"], references, cider_d=True)[0]
    assert plain == pytest.approx((3 / math.sqrt(10) + 1 / math.sqrt(2)) / 4)
    penalty = math.exp(-1 / 72)
    assert clipped == pytest.approx(10 * (2 / math.sqrt(10) + 1 / math.sqrt(2)) / 4 * penalty)


def test_noise_free_model_is_perfect_and_noise_hurts() -> None:
    clean = evaluate(noise=0.0)["metrics"]
    noisy = evaluate(noise=1.0)["metrics"]
    assert isinstance(clean, dict) and isinstance(noisy, dict)
    assert clean["vqa_accuracy"] == clean["bleu4"] == clean["recall@1"] == 1.0
    for name in ("vqa_accuracy", "bleu4", "cider", "recall@1", "recall@5"):
        assert noisy[name] < clean[name]
    assert 0 < noisy["recall@1"] <= noisy["recall@5"] <= 1


def test_report_script_writes_sorted_utf8_json(tmp_path: Path) -> None:
    output = tmp_path / "out" / "report.json"
    assert main(["--output", str(output), "--seed", "3"]) == 0
    text = output.read_text(encoding="utf-8")
    report = json.loads(text)
    assert text == json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert "cảnh tổng hợp" in text  # not escaped as \u...
    assert set(report["metrics"]) == {"bleu4", "cider", "recall@1", "recall@5", "vqa_accuracy"}
    assert report["benchmark"]["num_questions"] == 2 * report["benchmark"]["num_images"]
    main(["--output", str(output), "--seed", "3"])
    assert output.read_text(encoding="utf-8") == text  # deterministic
    assert list(output.parent.iterdir()) == [output]  # no temporary file left behind


def test_normalized_levenshtein_by_hand() -> None:
    # "coca cola" (9 characters) vs "coca c0la": one substitution, NL = 1/9
    assert normalized_levenshtein("Coca Cola", "coca  c0la ") == pytest.approx(1 / 9)
    # "kitten" -> "sitting": 3 edits, longer string 7
    assert normalized_levenshtein("kitten", "sitting") == pytest.approx(3 / 7)
    assert normalized_levenshtein("", "") == 0.0
    assert normalized_levenshtein("abc", "") == 1.0


def test_anls_threshold_and_best_reference() -> None:
    # NL = 1/9 < 0.5: score 8/9; NL = 3/7 < 0.5: 4/7
    assert anls_similarity("COCA C0LA", ["coca cola"]) == pytest.approx(8 / 9)
    assert anls_similarity("sitting", ["kitten"]) == pytest.approx(4 / 7)
    # "ab" vs "cd": NL = 1 -> 0; exactly at the threshold: "ab" vs "ax", NL = 1/2 -> 0 (NL < tau)
    assert anls_similarity("cd", ["ab"]) == 0.0
    assert anls_similarity("ax", ["ab"]) == 0.0
    assert anls_similarity("ax", ["ab"], threshold=0.6) == pytest.approx(0.5)
    # max over references: "11/02/2019" vs itself 1, vs "nov 2, 2019" far
    assert anls_similarity("11/02/2019", ["nov 2, 2019", "11/02/2019"]) == 1.0
    with pytest.raises(ValueError):
        anls_similarity("x", [])


def test_anls_is_the_mean_over_questions() -> None:
    # question 1: 8/9 ; question 2: "$ 12.50" vs "$12.50" -> 1 edit / 7 -> 6/7 ; question 3: 0
    predictions = ["coca c0la", "$ 12.50", "red"]
    answers = [["Coca Cola"], ["$12.50", "12.50"], ["blue"]]
    assert anls(predictions, answers) == pytest.approx((8 / 9 + 6 / 7 + 0) / 3)
    with pytest.raises(ValueError):
        anls(["x"], [])
