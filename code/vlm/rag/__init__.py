"""Multimodal retrieval, OCR metrics and retrieval-augmented generation (article 13)."""
