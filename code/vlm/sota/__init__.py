"""Article 14: techniques of 2024-2025 VLMs.

* ``tiling``: InternVL's dynamic tiling, pixel shuffle and visual-token count.
* ``dynamic_resolution``: Qwen2-VL's ``smart_resize`` and image token count.
"""
