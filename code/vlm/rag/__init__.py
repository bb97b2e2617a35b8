"""Article 13: multimodal retrieval, OCR metrics and retrieval-augmented generation.

* ``index``: an exact cosine-similarity index with deterministic ties.
* ``ocr_metrics``: Levenshtein distance, CER and WER on NFC-normalised text.
* ``pipeline``: retrieve passages, build the prompt, call a generator.
"""
