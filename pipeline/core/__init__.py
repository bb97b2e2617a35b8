"""The records every stage shares: the diagnostic, the code registry, the corpus types."""
