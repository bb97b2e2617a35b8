"""LLaVA-style training pipeline: projector, label masking, projector-only training (article 09)."""
