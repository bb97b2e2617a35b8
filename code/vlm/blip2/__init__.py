"""Article 07: BLIP-2's Q-Former, a small trainable bridge between frozen models."""
