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
    base_url: str | None = Field(
        description="Address of the published site (`baseUrl` of series.yaml), or null."
    )
    lang: str = Field(description="Language of the series (BCP 47), e.g. `vi`.")
    article_count: int


class PhaseInfo(BaseModel):
    """One era with its articles in order."""

    model_config = OUTPUT

    id: Slug
    title: str
    years: str
    description: str | None
    articles: list[Slug]


class TierInfo(BaseModel):
    """One learning tier with its articles in order."""

    model_config = OUTPUT

    id: Slug
    title: str
    description: str | None
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


PERMALINK = (
    "Address of the article's page: `baseUrl` + `/<series-id>/<slug>/`, or that path "
    "alone (starting with `/`) when the series has no `baseUrl`."
)
LAST_MODIFIED = "Newest of `date`, `updated` and the dates of `updates`."


class RoadmapInfo(BaseModel):
    """The roadmap article (order 0), the series' home page."""

    model_config = OUTPUT

    slug: Slug
    title: str
    path: str
    permalink: str = Field(description=PERMALINK.replace("/<slug>/", "/"))
    lang: str
    date: IsoDate
    last_modified: IsoDate = Field(description=LAST_MODIFIED)
    excerpt: str
    author: str
    tags: list[str]
    word_count: int
    headings: list[HeadingInfo]


class ArticleInfo(BaseModel):
    """One numbered article."""

    model_config = OUTPUT

    slug: Slug
    order: int
    title: str
    path: str
    permalink: str = Field(description=PERMALINK)
    lang: str = Field(description="Language of the article (the series' `lang`).")
    date: IsoDate
    updated: IsoDate | None
    last_modified: IsoDate = Field(description=LAST_MODIFIED)
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
    previous: list[Slug] = Field(
        description="What the reading box says to read before this article."
    )
    next: list[Slug] = Field(description="What the reading box says to read after it.")
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
    roadmap: RoadmapInfo | None = Field(
        description="The roadmap article's own entry; null while it is missing or a draft."
    )
    phases: list[PhaseInfo]
    tiers: list[TierInfo]
    articles: list[ArticleInfo]
    reading_order: list[Slug] = Field(
        description="Topological order of the numbered articles, ties broken by order."
    )
    tags: dict[str, list[Slug]]
