"""Techniques of 2024-2025 VLMs: InternVL tiling, pixel shuffle, Qwen2-VL token count (article 14)."""
