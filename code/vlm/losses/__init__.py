"""Article 05: the pretraining objectives of vision-language models.

* ``contrastive``: symmetric InfoNCE (CLIP) and the pairwise sigmoid loss (SigLIP).
* ``itm``: image–text matching with hard negatives mined from the similarity matrix.
* ``captioning``: next-token (language-modelling) loss with padding ignored.
"""
