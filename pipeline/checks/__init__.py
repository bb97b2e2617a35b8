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
from pipeline.core.codes import codes_of
from pipeline.core.corpus import Corpus
from pipeline.core.diagnostics import Diagnostic


class Check(NamedTuple):
    """A named check; the registry lists the codes of each name (`Rule.stages`)."""

    name: str
    run: Callable[[Corpus], Iterable[Diagnostic]]

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes this check may emit, from the registry."""
        return codes_of(self.name)


CHECKS = (
    Check("series", series.check),
    Check("outputs", outputs.check),
    Check("graph", graph.check),
    Check("links", links.check),
    Check("code", coderefs.check),
    Check("prose", prose.check),
    Check("reading", reading.check),
    Check("figures", figures.check),
    Check("counts", counts.check),
    Check("drafts", drafts.check),
    Check("orthography", orthography.check),
)


def run_checks(corpus: Corpus) -> list[Diagnostic]:
    """Loader diagnostics plus every check's, in one list."""
    found = list(corpus.load_diagnostics)
    for check in CHECKS:
        found.extend(check.run(corpus))
    return found
