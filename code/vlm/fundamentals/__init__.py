"""Article 02: representation, alignment and fusion of two modalities.

* ``similarity``: the cosine-similarity matrix between two sets of embeddings.
* ``cross_attention``: queries from one modality, keys and values from the other.
* ``fusion``: early (concatenation), late (score combination) and FiLM fusion.
"""
