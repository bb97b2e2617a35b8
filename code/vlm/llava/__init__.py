"""Article 09: the LLaVA training pipeline.

* ``projector``: the linear (LLaVA) and two-layer MLP (LLaVA-1.5) projectors.
* ``masking``: labels that supervise only the answer, aligned with the spliced image tokens.
* ``train``: both stages (projector only, then projector + LLM) on a tiny synthetic task.
"""
