"""Article 11: parameter-efficient fine-tuning with LoRA.

* ``lora``: the LoRA layer, wrapping a model's linear layers, merging and saving adapters.
* ``finetune``: fine-tune a tiny classifier with LoRA and save only the adapter.
"""
