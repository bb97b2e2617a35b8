"""Article 06: CLIP, learning visual concepts from natural-language supervision.

* ``model``: a tiny ViT, the dual encoder and its learnable, clamped temperature.
* ``zero_shot``: prompt ensembles and zero-shot classification.
* ``retrieval``: Recall@K for image–text retrieval.
"""
