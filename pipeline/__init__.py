"""The content pipeline: validate the series, build its metadata and changelog."""

__version__ = "0.1.0"
