"""Parameter-efficient fine-tuning with LoRA (article 11)."""
