"""Companion code of the Vietnamese Vision-Language Models series.

Small, readable reference implementations of the mechanisms each article explains.
Every module runs on a laptop CPU in seconds with tiny randomly initialised models and
synthetic data; nothing is downloaded.
"""
