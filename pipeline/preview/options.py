"""The preview's command-line options (imported by every run of the CLI: keep it light)."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_PORT = 8000
DEFAULT_OUT = Path(".cache/preview")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`--host`, `--port` and `--out` (beside `--root`)."""
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to serve on (default: 127.0.0.1; any other is reachable from elsewhere)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port (default: {DEFAULT_PORT}; 0: any free)",
    )
    parser.add_argument(
        "--out", type=Path, help=f"folder the site is built into (default: ROOT/{DEFAULT_OUT})"
    )
