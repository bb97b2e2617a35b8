"""The same corpus as a Hugo project, to time `hugo` beside the pipeline's site build.

The project is written into a temporary folder for each run (never into the repository):
the articles as they are (Hugo reads their YAML front matter; unknown keys become page
parameters), minimal templates for articles, lists and tag pages, Goldmark with tables,
footnotes and task lists, and Chroma highlighting the code blocks, as our site does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CONFIG = """\
baseURL = "https://example.org/"
languageCode = "vi"
title = "bench"
disableKinds = ["RSS"]
[taxonomies]
  tag = "tags"
[markup.highlight]
  noClasses = false
[markup.goldmark.renderer]
  unsafe = true
"""
BASEOF = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>
"""
SINGLE = """{{ define "main" }}<nav>{{ .TableOfContents }}</nav>
<article>{{ .Content }}</article>
<p>{{ range .Params.tags }}<a href="{{ "/tags/" | relURL }}{{ . | urlize }}/">#{{ . }}</a> {{ end }}</p>
{{ end }}
"""
LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}
</ul>{{ end }}
"""


def available() -> str | None:
    """The path of `hugo`, or None."""
    return shutil.which("hugo")


def write_project(corpus: Path, project: Path) -> Path:
    """A Hugo project at `project` holding every article of `corpus`; returns `project`."""
    layouts = project / "layouts/_default"
    layouts.mkdir(parents=True)
    (project / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in (("baseof", BASEOF), ("single", SINGLE), ("list", LIST)):
        (layouts / f"{name}.html").write_text(text, encoding="utf-8")
    for series in sorted(p for p in (corpus / "content").iterdir() if p.is_dir()):
        target = project / "content" / series.name
        target.mkdir(parents=True)
        for article in sorted(series.glob("*.md")):
            shutil.copyfile(article, target / article.name)
    return project


def hugo_argv(project: Path, out: Path) -> list[str]:
    """`hugo` building `project` into `out`, quietly, without a cache from earlier runs."""
    hugo = available()
    assert hugo is not None
    return [hugo, "--quiet", "--source", str(project), "--destination", str(out), "--ignoreCache"]
