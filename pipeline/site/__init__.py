"""The static site of every series (`python -m pipeline site`): pages from the metadata
contract plus the articles' text, images and companion files."""

from __future__ import annotations

from pipeline.site.build import SiteResult, build_site

__all__ = ["SiteResult", "build_site"]
