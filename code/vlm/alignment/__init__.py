"""Article 10: instruction tuning and alignment.

* ``conversation``: a chat template and training samples that supervise only the replies.
* ``dpo``: sequence log-probabilities and the Direct Preference Optimization loss.
"""
