"""Generated references: docs/diagnostics.md from the registry, the README's front-matter table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.core.codes import BUILD, LOAD, REVIEW, RULES, Rule
from pipeline.core.i18n import N_, SOURCE, msg, render, translate

if TYPE_CHECKING:
    from pydantic import BaseModel

README_BEGIN = "<!-- BEGIN GENERATED front-matter-reference -->"
README_END = "<!-- END GENERATED front-matter-reference -->"
README_TABLE = "README.md#front-matter-reference"  # the table's key among generated texts
_FAMILIES = {
    "ENC": N_("Encoding and size"),
    "YML": N_("YAML"),
    "FM": N_("Front matter"),
    "SER": N_("Series"),
    "GR": N_("Prerequisite graph"),
    "LNK": N_("Links and images"),
    "CODE": N_("Companion code and notebooks"),
    "FIG": N_("Figures and alt text"),
    "REF": N_("Prose references"),
    "ORT": N_("Vietnamese orthography"),
    "CHG": N_("Changes under review"),
    "GEN": N_("Generated outputs"),
}


def _family(code: str) -> str:
    return code.rstrip("0123456789")


_STAGE_WORDS = {
    LOAD: msg("loading"),
    BUILD: msg("build"),
    REVIEW: msg("`validate --changed-since`"),
}
AND = msg(" and ")


def _stages(rule: Rule, lang: str) -> str:
    """How the reference names the stages that report a code (a check by its name)."""
    words = (_STAGE_WORDS.get(s) or msg("check `{name}`", name=s) for s in rule.stages)
    return render(AND, lang).join(render(word, lang) for word in words)


def _rule_section(rule: Rule, lang: str) -> str:
    def t(text: str) -> str:
        return translate(text, lang)

    section = msg(
        "- Severity: {severity}; reported by {stage}.",
        severity=rule.severity.value,
        stage=_stages(rule, lang),
    )
    return (
        f"### {rule.code}: {t(rule.summary)}\n\n"
        f"{render(section, lang)}\n"
        f"- {render(WHY, lang)}: {t(rule.why)}\n"
        f"- {render(EXAMPLE, lang)}: {t(rule.example)}\n"
        f"- {render(FIX, lang)}: {t(rule.fix)}\n"
    )


WHY, EXAMPLE, FIX = msg("Why"), msg("Example"), msg("Fix")
DOC_PATHS = {"en": "docs/diagnostics.md", "vi": "docs/diagnostics.vi.md"}


def render_diagnostics_doc(lang: str = SOURCE) -> str:
    """docs/diagnostics.md (or its translation): every code with its severity, reason,
    example and fix, from the registry."""
    intro = msg(
        "# Diagnostics\n\n"
        "<!-- Generated from pipeline/core/codes.py by `python -m pipeline schema`; do not edit. -->\n\n"
        "Every problem the pipeline reports has a stable code. A diagnostic reads\n"
        "`path:line:column: severity CODE message`, followed by a `hint:` line with the fix.\n"
        "Errors fail `validate` and `build` (exit 1); warnings fail only with `--strict`.\n"
        "Each code has a failing and a passing sample repository in `tests/fixtures/<CODE>/`.\n"
        "The same reference in Vietnamese: [diagnostics.vi.md](diagnostics.vi.md).\n"
    )
    parts = [render(intro, lang)]
    for prefix, title in _FAMILIES.items():
        rules = [r for r in RULES.values() if _family(r.code) == prefix]
        sections = "\n".join(_rule_section(rule, lang) for rule in rules)
        parts.append(f"\n## {prefix}: {render(msg(title), lang)}\n\n" + sections)
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
