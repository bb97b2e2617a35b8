"""What every browser test module calls first."""

from __future__ import annotations

import pytest

from bench.browser import missing


def require_browser() -> None:
    """Skip the calling test module when Playwright or Chromium is missing; every module
    skips from this one line, so the report folds them into one line with the reason."""
    reason = missing()
    if reason:
        pytest.skip(f"browser tests skipped: {reason}", allow_module_level=True)
