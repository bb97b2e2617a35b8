"""The commands, one module per verb (`validate.py`, `build.py`, `graph.py`, `new.py`,
`schema.py`): typed keyword arguments in, exit code out. Printing happens in this package
only, through `printers` and `console` (and on stderr for progress lines); `stages.py` runs
load, checks and the build stage over a root. `pipeline/cli.py` imports only the module of
the verb it runs, so that the pre-commit path (`validate`) pays only for what it runs."""
