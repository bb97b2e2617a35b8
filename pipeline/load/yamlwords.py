"""PyYAML's own words for a syntax problem, as translatable templates.

The parser explains a failure in a fixed set of English phrases (`mapping values are not
allowed here`); the frequent ones are templates here, so a Vietnamese report says them in
Vietnamese. A phrase not listed stays as the parser wrote it.
"""

from __future__ import annotations

import functools
import re

from pipeline.core.i18n import N_, msg

_FOUND = r"(?P<found>.+)"
PROBLEMS = (
    ("mapping values are not allowed here", N_("mapping values are not allowed here")),
    ("mapping keys are not allowed here", N_("mapping keys are not allowed here")),
    ("sequence entries are not allowed here", N_("sequence entries are not allowed here")),
    (
        "invalid indentation or unclosed '\\[' or '{'",
        N_("invalid indentation or unclosed '[' or '{{'"),
    ),
    (
        f"expected '<document start>', but found {_FOUND}",
        N_("expected '<document start>', but found {found}"),
    ),
    ("could not find expected ':'", N_("could not find expected ':'")),
    ("did not find expected key", N_("did not find expected key")),
    ("did not find expected node content", N_("did not find expected node content")),
    (
        "did not find expected '-' indicator",
        N_("did not find expected '-' indicator"),
    ),
    ("found unexpected end of stream", N_("found unexpected end of stream")),
    ("found unexpected document separator", N_("found unexpected document separator")),
    (
        f"found character {_FOUND} that cannot start any token",
        N_("found character {found} that cannot start any token"),
    ),
    (f"found unknown escape character {_FOUND}", N_("found unknown escape character {found}")),
    (f"found undefined tag handle {_FOUND}", N_("found undefined tag handle {found}")),
    (
        f"expected <block end>, but found {_FOUND}",
        N_("expected <block end>, but found {found}"),
    ),
    (
        f"expected the node content, but found {_FOUND}",
        N_("expected the node content, but found {found}"),
    ),
    (f"expected ',' or '\\]', but got {_FOUND}", N_("expected ',' or ']', but got {found}")),
    (f"expected ',' or '}}', but got {_FOUND}", N_("expected ',' or '}}', but got {found}")),
    (
        f"expected a comment or a line break, but found {_FOUND}",
        N_("expected a comment or a line break, but found {found}"),
    ),
    (
        f"expected alphabetic or numeric character, but found {_FOUND}",
        N_("expected alphabetic or numeric character, but found {found}"),
    ),
    ("invalid YAML", N_("invalid YAML")),
)


@functools.cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The patterns, compiled on the first syntax error (most runs have none)."""
    return tuple((re.compile(pattern), template) for pattern, template in PROBLEMS)


def yaml_problem(problem: str) -> str:
    """The parser's phrase as a translatable text (unchanged when it is not a known one)."""
    for pattern, template in _compiled():
        found = pattern.fullmatch(problem)
        if found:
            return msg(template, **found.groupdict())
    return problem
