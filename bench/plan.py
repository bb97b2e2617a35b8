"""Planning a synthetic corpus: series layout, titles, slugs, headings, prerequisites.

The plan is made before any text is written, so that every article can link to the
headings of every other article. All choices come from one seeded `random.Random`.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from bench import words
from bench.textgen import AnchorNamer, ascii_slug

SERIES_SIZE = 1_000
SINGLE_SERIES_MAX = 2_000
_FIRST_DAY = dt.date(2020, 1, 1)
_WINDOW = 30


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of an article: level, text and the anchor GitHub gives it."""

    level: int
    text: str
    anchor: str


@dataclass(slots=True)
class ArticlePlan:
    """Everything decided about one article before its text is written."""

    series: str
    order: int
    width: int
    slug: str
    title: str
    main: str
    phase: str | None
    date: str
    headings: list[Heading]
    prerequisites: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    notebooks: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    words: int = 0
    updated: str | None = None

    @property
    def file_name(self) -> str:
        """`NNNN-slug.md`: the zero-padded order, then the slug."""
        return f"{self.order:0{self.width}d}-{self.slug}.md"

    @property
    def path(self) -> str:
        """Path relative to the repository root."""
        return f"content/{self.series}/{self.file_name}"

    def section_anchors(self) -> list[str]:
        """Anchors of the `##` and `###` headings (link targets)."""
        return [h.anchor for h in self.headings if h.level > 1]


@dataclass(frozen=True, slots=True)
class Phase:
    """An era of a series."""

    id: str
    title: str
    years: str
    description: str


@dataclass(slots=True)
class SeriesPlan:
    """A series: id, eras, and its articles (index 0 is the roadmap)."""

    id: str
    phases: list[Phase]
    articles: list[ArticlePlan]

    @property
    def numbered(self) -> list[ArticlePlan]:
        """The articles with order >= 1."""
        return self.articles[1:]

    @property
    def metadata_path(self) -> str:
        """Where `build` writes the series' metadata."""
        return f"data/{self.id}/metadata.json"

    def changelog_path(self, single: bool) -> str:
        """Where `build` writes the series' changelog."""
        return "docs/changelog.md" if single else f"docs/changelog-{self.id}.md"


def layout(total: int) -> list[tuple[str, int]]:
    """Series ids and sizes (Markdown files, roadmap included) for `total` articles."""
    if total < 2:
        raise ValueError("a corpus needs at least 2 articles (the roadmap and one more)")
    if total <= SINGLE_SERIES_MAX:
        return [("bench", total)]
    count = max(2, round(total / SERIES_SIZE))
    base, extra = divmod(total, count)
    return [(f"bench-{i + 1}", base + (1 if i < extra else 0)) for i in range(count)]


def plan_series(rng: random.Random, series_id: str, size: int, day_offset: int) -> SeriesPlan:
    """Plan one series of `size` Markdown files (the roadmap plus `size - 1` articles)."""
    phases = _phases(rng)
    width = max(4, len(str(size)))
    roadmap = _roadmap(series_id, width, day_offset)
    plans = [roadmap]
    used: dict[str, int] = {}
    ancestors: list[int] = [0] * size
    for order in range(1, size):
        phase = phases[(order - 1) * len(phases) // (size - 1)].id
        article = _article(rng, series_id, order, width, phase, used, day_offset)
        chosen = _prerequisites(rng, order, ancestors)
        article.prerequisites = [plans[p].slug for p in chosen]
        plans.append(article)
    return SeriesPlan(series_id, phases, plans)


def _phases(rng: random.Random) -> list[Phase]:
    count = rng.randint(3, 5)
    phases = []
    for index, (pid, title, description) in enumerate(words.PHASES[:count]):
        start = 2015 + 2 * index
        phases.append(Phase(pid, title, f"{start}–{start + 1}", description))
    return phases


def _roadmap(series_id: str, width: int, day_offset: int) -> ArticlePlan:
    title = "Lộ trình của series: bản đồ các bài viết"
    namer = AnchorNamer()
    headings = [Heading(1, title, namer.unique(title))]
    for text in ("1. Mục tiêu", "2. Các giai đoạn", "3. Cách đọc series"):
        headings.append(Heading(2, text, namer.unique(text)))
    day = (_FIRST_DAY + dt.timedelta(days=day_offset)).isoformat()
    return ArticlePlan(series_id, 0, width, "roadmap", title, "Lộ trình", None, day, headings)


def _article(
    rng: random.Random,
    series_id: str,
    order: int,
    width: int,
    phase: str,
    used: dict[str, int],
    day_offset: int,
) -> ArticlePlan:
    main = rng.choice(words.TITLE_MAINS)
    title = f"{main}: {rng.choice(words.SUBTITLES)}"
    base = ascii_slug(main)
    used[base] = used.get(base, 0) + 1
    slug = base if used[base] == 1 else f"{base}-{used[base]}"
    day = _FIRST_DAY + dt.timedelta(days=day_offset + order)
    article = ArticlePlan(
        series_id, order, width, slug, title, main, phase, day.isoformat(), _headings(rng, title)
    )
    module = (order - 1) // 10
    article.code = [f"code/{series_id}/mod_{module}.py::func_{order}"]
    if rng.random() < 0.3:
        article.code.append(f"code/{series_id}/mod_{module}.py::Block{module}.forward")
    if rng.random() < 0.5:
        article.notebooks = [f"notebooks/{series_id}/nb_{module}.ipynb"]
    article.tags = rng.sample(words.TAGS, rng.randint(1, 4))
    article.words = rng.randint(600, 1_200)
    if rng.random() < 0.2:
        article.updated = (day + dt.timedelta(days=rng.randint(1, 400))).isoformat()
    return article


def _headings(rng: random.Random, title: str) -> list[Heading]:
    namer = AnchorNamer()
    headings = [Heading(1, title, namer.unique(title))]
    for number, text in enumerate(rng.sample(words.HEADINGS, rng.randint(5, 8)), start=1):
        section = f"{number}. {text}"
        headings.append(Heading(2, section, namer.unique(section)))
        for sub in range(1, rng.randint(0, 2) + 1):
            subsection = f"{number}.{sub} {rng.choice(words.SUBHEADINGS)}"
            headings.append(Heading(3, subsection, namer.unique(subsection)))
    return headings


def _prerequisites(rng: random.Random, order: int, ancestors: list[int]) -> list[int]:
    """1-3 earlier articles, none reachable from another (no redundant prerequisite)."""
    if order == 1:
        return []
    wanted = rng.randint(1, min(3, order - 1))
    low = max(1, order - _WINDOW)
    pool = list(range(low, order))
    candidates = rng.sample(pool, min(len(pool), 8))
    if low > 1 and rng.random() < 0.2:
        candidates.insert(0, rng.randint(1, low - 1))
    chosen: list[int] = []
    for candidate in candidates:
        if len(chosen) == wanted:
            break
        if all(_independent(candidate, other, ancestors) for other in chosen):
            chosen.append(candidate)
    mask = 0
    for prerequisite in chosen:
        mask |= ancestors[prerequisite] | (1 << prerequisite)
    ancestors[order] = mask
    return sorted(chosen)


def _independent(a: int, b: int, ancestors: list[int]) -> bool:
    """Neither article is a transitive prerequisite of the other."""
    return not (ancestors[a] >> b) & 1 and not (ancestors[b] >> a) & 1
