"""The roadmap's figure reads its eras, tiers and articles from the series, not from a copy."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from vlm.figures.a00_roadmap import Era, Tier, eras_and_tiers, series_axes

from tests.conftest import REPO

SERIES_YAML = """\
id: demo
phases:
  - {id: dau, title: "Đầu", years: "2020"}
  - {id: sau, title: "Sau", years: "2021–2022"}
  - {id: trong, title: "Trống", years: "2023"}
tiers:
  - {id: a, title: "Tầng A", articles: [mot, ba]}
  - {id: b, title: "Tầng B", articles: [hai, bon]}
"""


def _article(folder: Path, order: int, slug: str, phase: str | None, draft: bool = False) -> None:
    lines = [f"order: {order}", *([f"phase: {phase}"] if phase else [])]
    lines += ["draft: true"] if draft else []
    front = "\n".join(lines)
    (folder / f"{order:02d}-{slug}.md").write_text(f"---\n{front}\n---\n\n# {slug}\n", "utf-8")


def _series(root: Path) -> Path:
    folder = root / "content/demo"
    folder.mkdir(parents=True)
    (folder / "series.yaml").write_text(SERIES_YAML, encoding="utf-8")
    _article(folder, 0, "roadmap", None)
    _article(folder, 1, "mot", "dau")
    _article(folder, 2, "hai", "sau")
    _article(folder, 3, "ba", "sau")
    _article(folder, 4, "bon", "sau", draft=True)
    return root


def test_eras_and_tiers_come_from_series_yaml_and_the_published_articles(tmp_path: Path) -> None:
    eras, tiers = series_axes(_series(tmp_path), "demo")
    assert eras == (
        Era("Đầu", "2020", (1,)),
        Era("Sau", "2021–2022", (2, 3)),
        Era("Trống", "2023", ()),
    )
    assert tiers == (Tier("Tầng A", (1, 3)), Tier("Tầng B", (2,)))


def test_an_added_article_appears_in_its_era_and_tier(tmp_path: Path) -> None:
    folder = tmp_path / "content/vlm"
    shutil.copytree(REPO / "content/vlm", folder, ignore=shutil.ignore_patterns("images"))
    eras, tiers = series_axes(tmp_path)
    number = max(n for era in eras for n in era.articles) + 1
    config = folder / "series.yaml"
    text = config.read_text(encoding="utf-8")
    last_tier = re.findall(r"(?m)^    articles: \[.*\]$", text)[-1]
    config.write_text(text.replace(last_tier, last_tier[:-1] + ", moi]"), encoding="utf-8")
    phase = re.findall(r"(?m)^  - id: (\S+)$", text.split("\ntiers:")[0])[-1]
    _article(folder, number, "moi", phase)
    new_eras, new_tiers = series_axes(tmp_path)
    assert new_eras[-1].articles == (*eras[-1].articles, number)
    assert new_tiers[-1].articles == (*tiers[-1].articles, number)
    assert new_eras[:-1] == eras[:-1] and new_tiers[:-1] == tiers[:-1]


def test_the_figure_draws_a_square_per_published_article_and_a_row_per_era(
    tmp_path: Path,
) -> None:
    figure = eras_and_tiers(_series(tmp_path), "demo")
    (axes,) = figure.axes
    assert list(axes.get_xticks()) == [1, 2, 3]
    assert [t.get_text() for t in axes.get_legend().get_texts()] == ["Tầng A", "Tầng B"]
    labels = [t.get_text() for t in axes.texts]
    assert labels[:3] == ["Đầu\n2020", "Sau\n2021–2022", "Trống\n2023"]
    assert sorted(labels[3:]) == ["1", "2", "3"]
