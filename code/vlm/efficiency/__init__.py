"""Visual-token compression: Perceiver resampler, pruning and ToMe-style merging (article 08)."""
