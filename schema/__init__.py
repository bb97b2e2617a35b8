"""Pydantic models of the series: article front matter, series config, metadata output."""

from schema.article import ArticleFrontMatter, UpdateEntry
from schema.metadata import Metadata
from schema.series import SeriesConfig

__all__ = ["ArticleFrontMatter", "Metadata", "SeriesConfig", "UpdateEntry"]
