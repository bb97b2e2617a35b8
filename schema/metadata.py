"""`data/<id>/metadata.json`: what the website renders (a contract)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from schema.article import UpdateEntry
from schema.types import OUTPUT, IsoDate, Slug

SCHEMA_VERSION: Literal[1] = 1


class SeriesInfo(BaseModel):
    """Identity of the series."""

    model_config = OUTPUT

    id: Slug
    title: str
    description: str
    roadmap: str = Field(description="Path of the roadmap article.")
    article_count: int


class PhaseInfo(BaseModel):
    """One era with its articles in order."""

    model_config = OUTPUT

    id: Slug
    title: str
    years: str
    articles: list[Slug]


class TierInfo(BaseModel):
    """One learning tier with its articles in order."""

    model_config = OUTPUT

    id: Slug
    title: str
    articles: list[Slug]


class HeadingInfo(BaseModel):
    """A heading of an article and its anchor id (GitHub's algorithm)."""

    model_config = OUTPUT

    level: int = Field(ge=1, le=6)
    text: str
    id: str


class CodeInfo(BaseModel):
    """A companion code reference."""

    model_config = OUTPUT

    path: str
    symbol: str | None


class ArticleInfo(BaseModel):
    """One numbered article."""

    model_config = OUTPUT

    slug: Slug
    order: int
    title: str
    path: str
    date: IsoDate
    updated: IsoDate | None
    excerpt: str
    category: str
    tags: list[str]
    author: str
    featured: bool
    phase: Slug
    reading_time: int
    reading_time_estimate: int = Field(
        description="Minutes estimated from the text (syllables, code lines, formulas)."
    )
    word_count: int
    headings: list[HeadingInfo]
    prerequisites: list[Slug]
    dependents: list[Slug]
    reading_path: list[Slug] = Field(
        description="Every transitive prerequisite, in a valid reading order."
    )
    code: list[CodeInfo]
    notebooks: list[str]
    updates: list[UpdateEntry]


class Metadata(BaseModel):
    """The whole metadata file of one series."""

    model_config = OUTPUT | {"title": "Series metadata"}

    schema_version: Literal[1]
    series: SeriesInfo
    phases: list[PhaseInfo]
    tiers: list[TierInfo]
    articles: list[ArticleInfo]
    reading_order: list[Slug] = Field(
        description="Topological order of the numbered articles, ties broken by order."
    )
    tags: dict[str, list[Slug]]
