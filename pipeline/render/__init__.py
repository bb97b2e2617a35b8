"""Renderers of the generated outputs (pure) and the documents generated from the code."""
