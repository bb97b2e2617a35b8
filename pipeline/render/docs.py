"""Generated references: docs/diagnostics.md from the registry, the README's front-matter table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.core.codes import RULES, Rule, stage_wording

if TYPE_CHECKING:
    from pydantic import BaseModel

README_BEGIN = "<!-- BEGIN GENERATED front-matter-reference -->"
README_END = "<!-- END GENERATED front-matter-reference -->"
README_TABLE = "README.md#front-matter-reference"  # the table's key among generated texts
_FAMILIES = {
    "ENC": "Encoding and size",
    "YML": "YAML",
    "FM": "Front matter",
    "SER": "Series",
    "GR": "Prerequisite graph",
    "LNK": "Links and images",
    "CODE": "Companion code and notebooks",
    "FIG": "Figures and alt text",
    "REF": "Prose references",
    "ORT": "Vietnamese orthography",
    "CHG": "Changes under review",
    "GEN": "Generated outputs",
}


def _family(code: str) -> str:
    return code.rstrip("0123456789")


def _stages(rule: Rule) -> str:
    return " and ".join(map(stage_wording, rule.stages))


def _rule_section(rule: Rule) -> str:
    return (
        f"### {rule.code}: {rule.summary}\n\n"
        f"- Severity: {rule.severity.value}; reported by {_stages(rule)}.\n"
        f"- Why: {rule.why}\n"
        f"- Example: {rule.example}\n"
        f"- Fix: {rule.fix}\n"
    )


def render_diagnostics_doc() -> str:
    """docs/diagnostics.md: every code with its severity, reason, example and fix."""
    parts = [
        "# Diagnostics\n\n"
        "<!-- Generated from pipeline/core/codes.py by `python -m pipeline schema`; do not edit. -->\n\n"
        "Every problem the pipeline reports has a stable code. A diagnostic reads\n"
        "`path:line:column: severity CODE message`, followed by a `hint:` line with the fix.\n"
        "Errors fail `validate` and `build` (exit 1); warnings fail only with `--strict`.\n"
        "Each code has a failing and a passing sample repository in `tests/fixtures/<CODE>/`.\n"
    ]
    for prefix, title in _FAMILIES.items():
        rules = [r for r in RULES.values() if _family(r.code) == prefix]
        parts.append(f"\n## {prefix}: {title}\n\n" + "\n".join(map(_rule_section, rules)))
    return "".join(parts)


def render_front_matter_table(model: type[BaseModel] | None = None) -> str:
    """A Markdown table of the front-matter keys, from the model's field descriptions."""
    if model is None:
        from schema.article import ArticleFrontMatter

        model = ArticleFrontMatter
    rows = ["| key | required | description |", "|---|---|---|"]
    for name, field in model.model_fields.items():
        key = field.alias or name
        required = "yes" if field.is_required() else "no"
        rows.append(f"| `{key}` | {required} | {field.description or ''} |")
    return "\n".join(rows) + "\n"


def splice_readme(existing: str, table: str) -> str:
    """The README with `table` between the front-matter markers (unchanged without them)."""
    start, stop = existing.find(README_BEGIN), existing.find(README_END)
    if start == -1 or stop < start:
        return existing
    return existing[: start + len(README_BEGIN)] + "\n" + table + existing[stop:]
