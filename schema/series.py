"""The series config, `content/<id>/series.yaml`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from schema.types import STRICT, Paragraph, RepoPath, Slug, Text

YEARS_PATTERN = r"^\d{4}–\d{4}$"
Years = Annotated[str, StringConstraints(pattern=YEARS_PATTERN)]
# an absolute http(s) address without a trailing slash, query or fragment
BASE_URL_PATTERN = r"^https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~%!$&'()*+,;=:@-]+)*$"
BaseUrl = Annotated[str, StringConstraints(pattern=BASE_URL_PATTERN)]
# a BCP 47 language tag such as `vi` or `en-US`
LANG_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
Lang = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]


class Phase(BaseModel):
    """One era of the series' timeline."""

    model_config = STRICT

    id: Slug = Field(description="Id used by the articles' `phase` key.")
    title: Text = Field(description="Era title, e.g. `Khởi nguyên`.")
    years: Years = Field(description="Years with an en dash, e.g. `2015–2019`.")
    description: Text | None = Field(default=None, description="One line on the era.")


class Tier(BaseModel):
    """One learning tier: a grouping of articles by depth, orthogonal to the eras."""

    model_config = STRICT

    id: Slug = Field(description="Tier id.")
    title: Text = Field(description="Tier title, e.g. `Nền tảng`.")
    description: Paragraph | None = Field(default=None, description="What the tier teaches.")
    articles: list[Slug] = Field(min_length=1, description="Slugs of the tier's articles.")


class Outputs(BaseModel):
    """Where `build` writes the series' generated files (paths relative to the root)."""

    model_config = STRICT

    metadata: RepoPath = Field(description="The metadata JSON the website reads.")
    changelog: RepoPath = Field(description="The Keep a Changelog Markdown file.")
    graph: RepoPath | None = Field(
        default=None, description="Optional Markdown page with the prerequisite graph (Mermaid)."
    )


class Limits(BaseModel):
    """Resource limits applied to every file of the series."""

    model_config = STRICT

    max_file_bytes: int = Field(
        default=1_000_000, ge=1_000, le=100_000_000, description="Largest accepted file size."
    )


class GlossaryEntry(BaseModel):
    """A preferred spelling or rendering, and the forms to avoid in its place."""

    model_config = STRICT

    use: Text = Field(description="The form to write, e.g. `tỉ` or `giám khảo`.")
    avoid: list[Text] = Field(
        min_length=1, description="Forms reported in prose, e.g. `tỷ`, or an English term."
    )


class Orthography(BaseModel):
    """The series' Vietnamese spelling: tone-mark placement and a glossary."""

    model_config = STRICT

    tone_placement: Literal["old", "new"] = Field(
        description="Tone mark in oa, oe, uy without a final consonant: "
        "`old` on the first vowel (hóa, thủy), `new` on the second (hoá, thuỷ)."
    )
    glossary: list[GlossaryEntry] = Field(
        default_factory=list, description="Preferred spellings and renderings of terms."
    )


class SeriesConfig(BaseModel):
    """A series of articles: identity, eras, tiers, expected size and outputs."""

    model_config = STRICT | {"title": "Series config"}

    id: Slug = Field(description="Series id; equals the folder name under content/.")
    title: Text = Field(description="Series title.")
    description: Paragraph = Field(description="One paragraph describing the series.")
    roadmap: RepoPath = Field(description="Path of the roadmap article (order 0).")
    base_url: BaseUrl | None = Field(
        default=None,
        description="Address of the published site, e.g. `https://example.org/series`, "
        "without a trailing slash; articles' permalinks start with it.",
    )
    lang: Lang = Field(default="vi", description="Language of the series (BCP 47), e.g. `vi`.")
    article_count: int = Field(ge=0, description="Number of numbered articles (roadmap excluded).")
    phases: list[Phase] = Field(min_length=1, description="Eras in chronological order.")
    tiers: list[Tier] = Field(default_factory=list, description="Learning tiers, optional.")
    outputs: Outputs = Field(description="Generated files.")
    limits: Limits = Field(default_factory=Limits, description="Resource limits.")
    orthography: Orthography | None = Field(
        default=None, description="Spelling conventions checked in the articles' prose."
    )
