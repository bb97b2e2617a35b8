"""`python -m pipeline`."""

import sys

if sys.version_info < (3, 11):  # noqa: UP036 (an older Python gets a message, not a traceback)
    print("error: the pipeline needs Python 3.11 or newer; run `make validate`", file=sys.stderr)
    raise SystemExit(2)

from pipeline.cli import run

run()
