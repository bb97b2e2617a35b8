"""Pages of one series from its metadata: contexts for the Jinja2 templates (autoescaped)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from pipeline.core.diagnostics import Diagnostic
from pipeline.site.urls import (
    article_page,
    group_page,
    home_page,
    relative_url,
    root_of,
    source_page,
)

Metadata = dict[str, Any]
GROUPS = ("tags", "eras", "tiers")


@functools.cache
def environment() -> Any:
    """The template environment: templates of this package, HTML autoescaped."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("pipeline.site", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def render_page(template: str, context: Mapping[str, Any]) -> bytes:
    """One page as UTF-8 bytes."""
    base = {
        "diagnostics": (),
        "description": "",
        "permalink": "",
        "site_title": "",
        "home": "",
        "graph": "",
        "tags_page": "",
        "feed": "",
        "mermaid": False,
        "lang": "vi",
        "source": "",
    }
    text: str = environment().get_template(template).render({**base, **context})
    return text.encode("utf-8")


class SeriesPages(NamedTuple):
    """What every page of a series links to, from its metadata."""

    id: str
    metadata: Metadata
    by_slug: dict[str, dict[str, Any]]
    eras: dict[str, dict[str, Any]]
    tier_of: dict[str, dict[str, Any]]

    @classmethod
    def of(cls, metadata: Metadata) -> SeriesPages:
        """The series' pages from its metadata."""
        by_slug = {a["slug"]: a for a in metadata["articles"]}
        eras = {p["id"]: p for p in metadata["phases"]}
        tier_of = {s: t for t in reversed(metadata["tiers"]) for s in t["articles"]}
        return cls(metadata["series"]["id"], metadata, by_slug, eras, tier_of)

    def chrome(self, page: str, mermaid: bool) -> dict[str, Any]:
        """Header and footer links of a page at output path `page`."""
        series = self.metadata["series"]
        return {
            "root": root_of(page),
            "lang": series["lang"],
            "site_title": series["title"],
            "home": relative_url(page, home_page(self.id)),
            "graph": relative_url(page, f"{self.id}/graph/index.html"),
            "tags_page": relative_url(page, f"{self.id}/tags/index.html"),
            "feed": relative_url(page, f"{self.id}/feed.xml"),
            "mermaid": mermaid,
        }

    def link(self, page: str, slug: str) -> dict[str, str]:
        """A numbered link to an article from `page`, with its excerpt."""
        info = self.by_slug[slug]
        return {
            "url": relative_url(page, article_page(self.id, slug)),
            "label": f"{info['order']}. {info['title']}",
            "excerpt": info["excerpt"],
        }


def _group_of(pages: SeriesPages, page: str, kind: str, key: str, title: str) -> dict[str, str]:
    return {"url": relative_url(page, group_page(pages.id, kind, key)), "title": title}


def article_context(
    pages: SeriesPages, slug: str, page: str, box: bool, code_lines: Mapping[str, int]
) -> dict[str, Any]:
    """The article page's context from its metadata entry (`box`: show the reading box,
    for articles whose text has no generated one)."""
    info = pages.by_slug[slug]
    era = pages.eras.get(info["phase"])
    tier = pages.tier_of.get(slug)
    code = []
    for ref in info["code"]:
        url = relative_url(page, source_page(ref["path"]))
        line = code_lines.get(f"{ref['path']}::{ref['symbol']}") if ref["symbol"] else None
        code.append({**ref, "url": url + (f"#L-{line}" if line else "")})
    return {
        "title": info["title"],
        "description": info["excerpt"],
        "permalink": info["permalink"],
        "og_type": "article",
        "order": info["order"],
        "date": info["date"],
        "last_modified": info["lastModified"],
        "reading_time": info["readingTime"],
        "draft": False,
        "era": era and _group_of(pages, page, "eras", era["id"], era["title"]),
        "tier": tier and _group_of(pages, page, "tiers", tier["id"], tier["title"]),
        "tags": [
            {"name": t, "url": relative_url(page, group_page(pages.id, "tags", t))}
            for t in info["tags"]
        ],
        "box": box
        and {
            "previous": [pages.link(page, s) for s in info["previous"]],
            "next": [pages.link(page, s) for s in info["next"]],
        },
        "toc": [h for h in info["headings"] if 2 <= h["level"] <= 3],
        "code": code,
        "notebooks": [
            {"path": n, "url": relative_url(page, source_page(n))} for n in info["notebooks"]
        ],
    }


def loose_context(title: str, headings: Iterable[Any], draft: bool) -> dict[str, Any]:
    """The page of an article that is not in the metadata (a draft, or front matter with
    errors): its text and its diagnostics, nothing from the contract."""
    return {
        "title": title,
        "og_type": "article",
        "order": None,
        "date": "",
        "last_modified": "",
        "reading_time": 0,
        "draft": draft,
        "era": None,
        "tier": None,
        "tags": [],
        "box": False,
        "toc": [
            {"level": h.level, "text": h.text, "id": h.id} for h in headings if 2 <= h.level <= 3
        ],
        "code": [],
        "notebooks": [],
    }


def group_pages(pages: SeriesPages) -> dict[str, tuple[str, str | None, list[str]]]:
    """Every tag, era and tier page: output path -> (heading, description, slugs)."""
    meta = pages.metadata
    found: dict[str, tuple[str, str | None, list[str]]] = {}
    for tag, slugs in meta["tags"].items():
        found[group_page(pages.id, "tags", tag)] = (f"Thẻ #{tag}", None, slugs)
    for era in meta["phases"]:
        heading = f"{era['title']} ({era['years']})"
        found[group_page(pages.id, "eras", era["id"])] = (
            heading,
            era["description"],
            era["articles"],
        )
    for tier in meta["tiers"]:
        found[group_page(pages.id, "tiers", tier["id"])] = (
            f"Tầng {tier['title']}",
            tier["description"],
            tier["articles"],
        )
    return found


def group_context(
    pages: SeriesPages, page: str, entry: tuple[str, str | None, list[str]]
) -> dict[str, Any]:
    """A tag, era or tier page (template `list.html`)."""
    heading, intro, slugs = entry
    group = {"id": "", "title": "", "url": "", "description": None}
    items = [pages.link(page, s) for s in slugs]
    context = {**pages.chrome(page, False), "title": heading, "heading": heading}
    context |= {"intro": intro, "groups": [group | {"items": items}], "description": intro or ""}
    return context | {"picture": "", "mermaid_source": ""}


def tags_index_context(pages: SeriesPages, page: str) -> dict[str, Any]:
    """The list of every tag, era and tier of the series (template `list.html`)."""
    meta = pages.metadata
    groups = []
    for kind, title, entries in (
        ("eras", "Giai đoạn", [(p["id"], f"{p['title']} ({p['years']})") for p in meta["phases"]]),
        ("tiers", "Tầng học tập", [(t["id"], t["title"]) for t in meta["tiers"]]),
        ("tags", "Thẻ", [(t, f"#{t}") for t in meta["tags"]]),
    ):
        items = [
            {
                "url": relative_url(page, group_page(pages.id, kind, key)),
                "label": label,
                "excerpt": "",
            }
            for key, label in entries
        ]
        groups.append({"id": kind, "title": title, "url": "", "description": None, "items": items})
    context = {**pages.chrome(page, False), "title": "Thẻ, giai đoạn và tầng"}
    context |= {"heading": context["title"], "intro": "", "groups": groups}
    return context | {"picture": "", "mermaid_source": ""}


def graph_context(
    pages: SeriesPages, page: str, svg: bool, mermaid_js: bool, mermaid: str
) -> dict[str, Any]:
    """The prerequisite graph as a picture (Graphviz SVG, else Mermaid drawn in the page
    by mermaid.js, when the site has it); template `list.html`."""
    order = pages.metadata["readingOrder"]
    items = [pages.link(page, s) for s in order]
    group = {"id": "order", "title": "Thứ tự đọc", "url": "", "description": None}
    context = {**pages.chrome(page, mermaid_js and not svg), "title": "Đồ thị tiên quyết"}
    context |= {"heading": context["title"], "intro": "", "groups": [group | {"items": items}]}
    return context | {
        "picture": relative_url(page, f"{pages.id}/graph.svg") if svg else "",
        "picture_alt": "Đồ thị tiên quyết: mỗi mũi tên đi từ bài cần đọc trước.",
        "mermaid_source": "" if svg else mermaid,
    }


def by_path(diagnostics: Iterable[Diagnostic]) -> dict[str, list[Diagnostic]]:
    """The diagnostics of each file, in report order."""
    found: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        found.setdefault(d.path, []).append(d)
    return found
