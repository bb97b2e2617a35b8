"""Companion code of the Vietnamese Vision-Language Models series.

Small, readable reference implementations of the mechanisms each article explains.
Every module runs on a laptop CPU in seconds with tiny randomly initialised models and
synthetic data; nothing is downloaded. Docstrings give tensor shapes inline:
``images`` (B, C, H, W) -> ``tokens`` (B, 1 + N, dim).

Article -> subpackage:

    01  vlm.origins        Show and Tell, soft attention, ViLBERT co-attention
    02  vlm.fundamentals   similarity matrix, cross-attention, fusion
    03  vlm.vision         patchify, token counts, ViT patch embedding
    04  vlm.text           text encoder, phrase grounding
    05  vlm.losses         InfoNCE, SigLIP, image-text matching, captioning loss
    06  vlm.clip           tiny CLIP, zero-shot classification, Recall@K
    07  vlm.blip2          Q-Former
    08  vlm.efficiency     Perceiver resampler, token pruning and merging
    09  vlm.llava          projectors, label masking, two-stage training
    10  vlm.alignment      chat template, DPO
    11  vlm.peft           LoRA
    12  vlm.evaluation     VQA accuracy, BLEU, CIDEr, ANLS, report pipeline
    13  vlm.rag            embedding index, CER/WER, RAG pipeline
    14  vlm.sota           InternVL tiling, Qwen2-VL image token count

``vlm.figures`` draws every article's figures from these subpackages (``make figures``).
"""
