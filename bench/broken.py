"""A copy of a generated corpus in which every article links to a mistyped file name.

Each mistake is one an author makes: a letter dropped from the name of another article
of the folder, or a suffix added to it. Every link is then reported (LNK001) with a
did-you-mean hint, which must name the file that was meant; the benchmark times the run
against the clean corpus.
"""

from __future__ import annotations

import shutil
from pathlib import Path

SUFFIX = "-cu"


def mistype(name: str, index: int) -> str:
    """`name` (`NN-slug.md`) with its last slug letter dropped (even `index`) or a
    suffix added (odd)."""
    stem = name.removesuffix(".md")
    return f"{stem}{SUFFIX}.md" if index % 2 else f"{stem[:-1]}.md"


def break_links(source: Path, target: Path) -> dict[str, str]:
    """Copy the repository `source` to `target`; give each numbered article one link to
    a mistyped name of another article of its folder. Returns article path -> the file
    name that was meant."""
    shutil.copytree(source, target)
    meant: dict[str, str] = {}
    for folder in sorted(target.glob("content/*")):
        files = sorted(folder.glob("[0-9]*.md"))
        names = [f.name for f in files]
        for index, article in enumerate(files):
            if int(article.name.split("-", 1)[0]) == 0:
                continue  # the roadmap
            wanted = names[(index * 7 + 1) % len(names)]
            text = article.read_text(encoding="utf-8")
            link = f"\nXem thêm [bài liên quan]({mistype(wanted, index)}).\n"
            article.write_text(text + link, encoding="utf-8")
            meant[article.relative_to(target).as_posix()] = wanted
    return meant
