"""Article 12: evaluation metrics and a report pipeline.

* ``vqa``: VQA accuracy with the official answer normalisation.
* ``caption_metrics``: corpus BLEU, CIDEr and CIDEr-D.
* ``anls``: Average Normalized Levenshtein Similarity (ST-VQA, DocVQA).
* ``pipeline``: a toy model scored on a synthetic benchmark, written as a JSON report.
"""
