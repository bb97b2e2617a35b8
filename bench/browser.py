"""Launching Debian's Chromium through Playwright (browser tests and the latency bench)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

# Debian's package; the environment variable CHROMIUM may name another Chromium-based browser
CHROMIUM = Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")
ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def missing() -> str | None:
    """What the browser tests lack, in one line; None when Playwright and Chromium are there."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright for Python is not installed (`make test` installs the preview group)"
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM} (`apt-get install chromium`)"
    return None


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, never Playwright's own download."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(ARGS))
