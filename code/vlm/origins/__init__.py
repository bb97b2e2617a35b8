"""Article 01: the first vision-language models (2015–2019).

* ``captioner``: CNN encoder -> LSTM decoder (Show and Tell) and soft attention over image
  regions (Show, Attend and Tell).
* ``coattention``: the two-stream co-attention block of ViLBERT.
"""
