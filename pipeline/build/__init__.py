"""Renderers of the generated outputs (pure) and the atomic writer."""
