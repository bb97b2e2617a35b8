"""Pydantic models of the series: article front matter (`schema.article`), series config
(`schema.series`) and the metadata output (`schema.metadata`).

Import the submodule you need: a run that only validates never builds the metadata models.
"""
