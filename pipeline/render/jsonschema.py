"""The exported JSON Schemas: for editors (front matter, series config) and the website."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel

from schema.article import ArticleFrontMatter
from schema.metadata import Metadata
from schema.series import SeriesConfig

DIALECT = "https://json-schema.org/draft/2020-12/schema"
EXPORTS: dict[str, tuple[type[BaseModel], Literal["validation", "serialization"]]] = {
    "schema/article.schema.json": (ArticleFrontMatter, "validation"),
    "schema/series.schema.json": (SeriesConfig, "validation"),
    "schema/metadata.schema.json": (Metadata, "serialization"),
}


def json_schema(
    model: type[BaseModel], mode: Literal["validation", "serialization"]
) -> dict[str, Any]:
    """The JSON Schema of a model, by alias, with the dialect declared."""
    return {"$schema": DIALECT, **model.model_json_schema(by_alias=True, mode=mode)}


def render_schemas() -> dict[str, str]:
    """Each exported schema file's text, keyed by path relative to the root."""
    return {
        path: json.dumps(json_schema(model, mode), ensure_ascii=False, indent=2) + "\n"
        for path, (model, mode) in EXPORTS.items()
    }
