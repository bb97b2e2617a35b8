"""Evaluation metrics and a report pipeline: VQA accuracy, BLEU, CIDEr, ANLS, Recall@K (article 12)."""
