"""Article 08: compressing visual tokens and counting what they cost.

* ``resampler``: the Perceiver resampler (Flamingo): a fixed number of latents read the image.
* ``token_pruning``: token counts, pruning by CLS attention and ToMe-style token merging.
"""
