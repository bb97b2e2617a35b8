"""Slugs of Vietnamese titles agree with python-slugify, the reference of web tools."""

from __future__ import annotations

import pytest
from slugify import slugify

from pipeline.domain.slugs import ascii_slug

TITLES = [
    "CNN–LSTM và Show-and-Tell",
    "2015–2019",
    "Video-LLM: hiểu video dài",
    "Khởi nguyên VLM & CLIP",
    "Đánh giá & Benchmark: VLM 2025",
    "BLIP/BLIP-2 — Q-Former nối hai thế giới",
    "LoRA, QLoRA và PEFT",
    "Tiền huấn luyện (pre-training) đa phương thức",
    "GPT-4V, Qwen2-VL và InternVL",
    "Truy hồi đa phương thức + OCR → RAG",
    "“Hiểu” ảnh: grounding—định vị",
    "Hướng dẫn... từng bước!",
    "ĐỘNG LỰC & CƠ CHẾ",
]


@pytest.mark.parametrize("title", TITLES)
def test_slug_matches_python_slugify(title: str) -> None:
    assert ascii_slug(title) == slugify(title)


def test_dashes_between_words_are_boundaries() -> None:
    assert ascii_slug("CNN–LSTM và Show-and-Tell") == "cnn-lstm-va-show-and-tell"
    assert ascii_slug("2015–2019") == "2015-2019"
