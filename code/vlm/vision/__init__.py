"""Article 03: turning an image into a sequence of tokens.

* ``tokenize``: patchify / unpatchify and token-count helpers.
* ``patch_embed``: the ViT input layer (patch projection, CLS token, positional embeddings).
"""
