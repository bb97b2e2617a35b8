"""Techniques of 2024-2025 VLMs: dynamic-resolution tiling and pixel shuffle (article 14)."""
