"""Article 04: encoding text and grounding phrases in image regions.

* ``encoder``: a word tokenizer and a tiny transformer text encoder.
* ``grounding``: region–phrase similarity, best region per phrase, image–sentence score.
"""
