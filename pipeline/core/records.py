"""Validated front matter and series configs as typed, immutable records.

The Pydantic models in `schema/` define and explain what is valid; these records are what
the pipeline holds once a value is valid, whichever path validated it (the fast validator
of `pipeline.load.fastvalid` or Pydantic). Both paths, and the cache and worker JSON
forms, build them with the `*_from_json` functions below from the models' plain values
(`model_dump()`: snake_case names, lists, nested dicts), so every path yields equal records.
Importing this module imports no model (and no Pydantic).
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple


class UpdateEntry(NamedTuple):
    """One change of a published article (`updates[]`)."""

    date: str
    summary: str


class FrontMatter(NamedTuple):
    """An article's validated front matter (`schema.article.ArticleFrontMatter`)."""

    title: str
    date: str
    category: str
    tags: tuple[str, ...]
    excerpt: str
    author: str
    reading_time: int | Literal["auto"]
    featured: bool
    series: str
    order: int
    phase: str | None
    prerequisites: tuple[str, ...]
    code: tuple[str, ...]
    notebooks: tuple[str, ...]
    updated: str | None
    updates: tuple[UpdateEntry, ...]
    draft: bool


class Phase(NamedTuple):
    """One era of the series' timeline."""

    id: str
    title: str
    years: str
    description: str | None


class Tier(NamedTuple):
    """One learning tier."""

    id: str
    title: str
    description: str | None
    articles: tuple[str, ...]


class Outputs(NamedTuple):
    """Where `build` writes the series' generated files."""

    metadata: str
    changelog: str
    graph: str | None


class Limits(NamedTuple):
    """Resource limits applied to every file of the series."""

    max_file_bytes: int


class GlossaryEntry(NamedTuple):
    """A preferred form and the forms to avoid in its place."""

    use: str
    avoid: tuple[str, ...]


class Orthography(NamedTuple):
    """The series' spelling conventions."""

    tone_placement: Literal["old", "new"]
    glossary: tuple[GlossaryEntry, ...]


class SeriesConfig(NamedTuple):
    """A series' validated config (`schema.series.SeriesConfig`)."""

    id: str
    title: str
    description: str
    roadmap: str
    base_url: str | None
    lang: str | None
    article_count: int
    phases: tuple[Phase, ...]
    tiers: tuple[Tier, ...]
    outputs: Outputs
    limits: Limits
    orthography: Orthography | None


def front_matter_from_json(data: dict[str, Any]) -> FrontMatter:
    """The record of a valid front matter's plain values (every key present)."""
    return FrontMatter(
        data["title"],
        data["date"],
        data["category"],
        tuple(data["tags"]),
        data["excerpt"],
        data["author"],
        data["reading_time"],
        data["featured"],
        data["series"],
        data["order"],
        data["phase"],
        tuple(data["prerequisites"]),
        tuple(data["code"]),
        tuple(data["notebooks"]),
        data["updated"],
        tuple(UpdateEntry(u["date"], u["summary"]) for u in data["updates"]),
        data["draft"],
    )


def series_config_from_json(data: dict[str, Any]) -> SeriesConfig:
    """The record of a valid series config's plain values (every key present)."""
    outputs, orthography = data["outputs"], data["orthography"]
    return SeriesConfig(
        data["id"],
        data["title"],
        data["description"],
        data["roadmap"],
        data["base_url"],
        data["lang"],
        data["article_count"],
        tuple(Phase(p["id"], p["title"], p["years"], p["description"]) for p in data["phases"]),
        tuple(
            Tier(t["id"], t["title"], t["description"], tuple(t["articles"])) for t in data["tiers"]
        ),
        Outputs(outputs["metadata"], outputs["changelog"], outputs["graph"]),
        Limits(data["limits"]["max_file_bytes"]),
        None if orthography is None else _orthography(orthography),
    )


def _orthography(data: dict[str, Any]) -> Orthography:
    glossary = tuple(GlossaryEntry(g["use"], tuple(g["avoid"])) for g in data["glossary"])
    return Orthography(data["tone_placement"], glossary)


def record_to_json(value: Any) -> Any:
    """A record's plain values (the inverse of the `*_from_json` functions)."""
    if isinstance(value, tuple):
        if hasattr(value, "_fields"):
            return {name: record_to_json(v) for name, v in zip(value._fields, value, strict=True)}
        return [record_to_json(v) for v in value]
    return value
