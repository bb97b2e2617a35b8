"""The Atom feed of a series and the site's sitemap.xml."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pipeline.site.urls import article_page, relative_url

Metadata = dict[str, Any]


def _id(metadata: Metadata, permalink: str) -> str:
    """An Atom id: the permalink when it is absolute, else a tag URI built from it."""
    if permalink.startswith("http"):
        return permalink
    return f"tag:{metadata['series']['id']}.invalid,2000:{permalink}"


def render_feed(metadata: Metadata, page: str) -> bytes:
    """Atom 1.0: every article, newest change first; `updated` is the newest content date
    (never the clock)."""
    series = metadata["series"]
    articles = sorted(metadata["articles"], key=lambda a: (a["lastModified"], a["slug"]))[::-1]
    updated = max((a["lastModified"] for a in articles), default="2000-01-01")
    home = (metadata.get("roadmap") or {}).get("permalink") or f"/{series['id']}/"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(series["lang"])}>',
        f"  <title>{escape(series['title'])}</title>",
        f"  <subtitle>{escape(series['description'])}</subtitle>",
        f"  <id>{escape(_id(metadata, home))}</id>",
        f"  <updated>{updated}T00:00:00Z</updated>",
        '  <link rel="alternate" href="./"/>',
    ]
    for info in articles:
        href = relative_url(page, article_page(series["id"], info["slug"]))
        lines += [
            "  <entry>",
            f"    <title>{escape(info['title'])}</title>",
            f"    <id>{escape(_id(metadata, info['permalink']))}</id>",
            f'    <link rel="alternate" href={quoteattr(href)}/>',
            f"    <published>{info['date']}T00:00:00Z</published>",
            f"    <updated>{info['lastModified']}T00:00:00Z</updated>",
            f"    <author><name>{escape(info['author'])}</name></author>",
            f"    <summary>{escape(info['excerpt'])}</summary>",
            "  </entry>",
        ]
    return ("\n".join([*lines, "</feed>"]) + "\n").encode("utf-8")


def render_sitemap(all_metadata: list[Metadata]) -> bytes:
    """sitemap.xml: each series' home and articles by permalink, with their last change.
    Without a `baseUrl` the permalinks are paths from the site's root, enough for a
    preview; a published site sets `baseUrl` so that they are absolute."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for metadata in all_metadata:
        entries = [metadata["roadmap"]] if metadata.get("roadmap") else []
        for info in [*entries, *metadata["articles"]]:
            lines.append(
                f"  <url><loc>{escape(info['permalink'])}</loc>"
                f"<lastmod>{info['lastModified']}</lastmod></url>"
            )
    return ("\n".join([*lines, "</urlset>"]) + "\n").encode("utf-8")
