"""Instruction tuning and alignment: chat-formatted samples and the DPO loss (article 10)."""
