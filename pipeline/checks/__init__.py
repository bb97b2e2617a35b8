"""The registry of checks: pure functions from a Corpus to diagnostics."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from pipeline.checks import (
    coderefs,
    counts,
    drafts,
    figures,
    graph,
    links,
    orthography,
    outputs,
    prose,
    reading,
    series,
)
from pipeline.core.corpus import Corpus
from pipeline.core.diagnostics import Diagnostic


class Check(NamedTuple):
    """A named check and the codes it may emit."""

    name: str
    codes: tuple[str, ...]
    run: Callable[[Corpus], Iterable[Diagnostic]]


CHECKS = (
    Check("series", series.CODES, series.check),
    Check("outputs", outputs.CODES, outputs.check),
    Check("graph", graph.CODES, graph.check),
    Check("links", links.CODES, links.check),
    Check("code", coderefs.CODES, coderefs.check),
    Check("prose", prose.CODES, prose.check),
    Check("reading", reading.CODES, reading.check),
    Check("figures", figures.CODES, figures.check),
    Check("counts", counts.CODES, counts.check),
    Check("drafts", drafts.CODES, drafts.check),
    Check("orthography", orthography.CODES, orthography.check),
)

LOADER_CODES = (
    "ENC001",
    "ENC002",
    "ENC003",
    "ENC004",
    "ENC005",
    "YML001",
    "YML002",
    "YML003",
    "YML004",
    "YML005",
    "YML006",
    "YML007",
    "YML008",
    "FM001",
    "FM002",
    "FM003",
    "FM004",
    "FM005",
    "FM007",
    "SER001",
)


def run_checks(corpus: Corpus) -> list[Diagnostic]:
    """Loader diagnostics plus every check's, in one list."""
    found = list(corpus.load_diagnostics)
    for check in CHECKS:
        found.extend(check.run(corpus))
    return found
