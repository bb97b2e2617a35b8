"""Front matter of one article."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, ValidationInfo, field_validator

from schema.types import CONTROL, STRICT, IsoDate, RepoPath, Slug, Text

Minutes = Annotated[int, Field(ge=1, le=600)]
CODE_REF_PATTERN = rf"^[^/\\:{CONTROL}][^\\:{CONTROL}]*(::[A-Za-z_][\w.]*)?$"
CodeRef = Annotated[str, StringConstraints(pattern=CODE_REF_PATTERN)]


class UpdateEntry(BaseModel):
    """One change of a published article, listed in the changelog."""

    model_config = STRICT

    date: IsoDate = Field(description="Day of the change, quoted ISO date `YYYY-MM-DD`.")
    summary: Text = Field(description="One line saying what changed, in Vietnamese.")


class ArticleFrontMatter(BaseModel):
    """The YAML front matter at the top of every article of a series."""

    model_config = STRICT | {"title": "Article front matter"}

    title: Text = Field(description="Title shown on the website and in the series index.")
    date: IsoDate = Field(description="Day the article was added, quoted ISO date `YYYY-MM-DD`.")
    category: Slug = Field(description="Website category, e.g. `vision-language-models`.")
    tags: list[Slug] = Field(min_length=1, description="Lowercase kebab-case tags.")
    excerpt: Text = Field(description="One or two sentences saying what the reader will learn.")
    author: Text = Field(description="Author name as shown on the website.")
    reading_time: Minutes | Literal["auto"] = Field(
        description="Reading time in minutes, or `auto`: `build` then publishes its estimate."
    )
    featured: bool = Field(default=False, description="Shown in the featured list of the site.")
    series: Slug = Field(description="Id of the series (the folder under content/).")
    order: int = Field(ge=0, le=9999, description="Position in the series; 0 is the roadmap.")
    phase: Slug | None = Field(
        default=None, description="Era id from series.yaml; required for numbered articles."
    )
    prerequisites: list[Slug] = Field(
        default_factory=list, description="Slugs of the articles to read first."
    )
    code: list[CodeRef] = Field(
        default_factory=list,
        description="Companion code under code/: a path, optionally `path.py::Symbol`.",
    )
    notebooks: list[RepoPath] = Field(
        default_factory=list, description="Companion notebooks under notebooks/ (.ipynb)."
    )
    updated: IsoDate | None = Field(default=None, description="Day of the last update.")
    updates: list[UpdateEntry] = Field(
        default_factory=list, description="Changes since publication, for the changelog."
    )
    draft: bool = Field(default=False, description="Drafts are checked but not published.")

    @field_validator("updated")
    @classmethod
    def _updated_after_date(cls, value: str | None, info: ValidationInfo) -> str | None:
        """`updated` comes on or after `date`."""
        added = info.data.get("date")
        if value is not None and added is not None and value < added:
            raise ValueError(f"{value!r} is before the article's date {added!r}")
        return value

    @field_validator("updates")
    @classmethod
    def _updates_after_date(
        cls, value: list[UpdateEntry], info: ValidationInfo
    ) -> list[UpdateEntry]:
        """Every update comes on or after `date`."""
        added = info.data.get("date")
        for entry in value:
            if added is not None and entry.date < added:
                raise ValueError(f"update of {entry.date!r} is before the article's date {added!r}")
        return value
