"""Reading time of Vietnamese technical text.

Vietnamese writes one syllable per space-separated token, so the word count is a syllable
count; readers take about 200 of them a minute in technical prose. Code is read line by line,
slower than prose, and a displayed formula takes a while to parse.
"""

from __future__ import annotations

from pipeline.core.document import ParsedMarkdown

SYLLABLES_PER_MINUTE = 200
CODE_LINES_PER_MINUTE = 15
SECONDS_PER_FORMULA = 20


def estimate_minutes(markdown: ParsedMarkdown) -> int:
    """Whole minutes (at least 1) to read the text, its code blocks and its formulas."""
    minutes = (
        markdown.words / SYLLABLES_PER_MINUTE
        + markdown.code_lines / CODE_LINES_PER_MINUTE
        + markdown.math_blocks * SECONDS_PER_FORMULA / 60
    )
    return max(1, round(minutes))


def far_from(declared: int, estimate: int) -> bool:
    """Whether a declared reading time is off by more than 2 minutes and 25%."""
    difference = abs(declared - estimate)
    return difference > 2 and difference > 0.25 * estimate
