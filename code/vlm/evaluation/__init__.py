"""Evaluation metrics and a report pipeline: VQA accuracy, BLEU, CIDEr, Recall@K (article 12)."""
