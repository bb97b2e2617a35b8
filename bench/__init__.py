"""Speed and memory benchmark of the content pipeline, with a synthetic corpus generator.

`python -m bench` (or `make bench`) measures `python -m pipeline validate|build` on the real
series and on generated corpora; see docs/performance.md.
"""
