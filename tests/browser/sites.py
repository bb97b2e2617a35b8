"""The sites the browser tests open: the sample series' pages, and a preview of a root."""

from __future__ import annotations

import contextlib
from pathlib import Path

from pipeline.preview.command import site_build
from tests.preview.support import Running, running

SAMPLE_TITLE = "Học tương phản"  # the sample's first article (math, code, a diagram)
SAMPLE_ARTICLE = "content/demo/01-hoc-tuong-phan.md"
SAMPLE_PAGE = "demo/hoc-tuong-phan/"  # its address in the site, relative to the root


def site_preview(root: Path) -> contextlib.AbstractContextManager[Running]:
    """The preview of the series under `root` (built into ROOT/.cache/preview)."""
    folder = root / ".cache" / "preview"
    return running(root, folder, site_build(root, folder))
