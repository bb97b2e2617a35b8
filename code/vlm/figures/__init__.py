"""Figures of the articles, made by code: `python -m vlm.figures [--check] [NAMES ...]`.

One module per article, `aNN_topic.py`, declares `ARTICLE = "NN"` and `FIGURES`, a dict from a
figure's name to a function that builds a matplotlib Figure. The runner writes each one to
`content/vlm/images/NN-name.svg` and records it in `content/vlm/images/figures.json` (the
SHA-256 of the SVG and of the code that made it), which `python -m pipeline validate` reads to
say when a figure is stale without running any of this code.
"""
