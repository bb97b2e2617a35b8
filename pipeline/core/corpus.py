"""The loaded corpus: immutable values that the checks and renderers read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, Generic, NamedTuple, Protocol, TypeGuard, TypeVar

from pipeline.core.document import Link, ParsedMarkdown, Region, Target
from pipeline.core.records import FrontMatter

if TYPE_CHECKING:
    from pipeline.core.diagnostics import Diagnostic
    from pipeline.core.images import ImageFolder
    from pipeline.core.records import SeriesConfig

# the front matter an article holds: a record once validated, None while it may be invalid
Front = TypeVar("Front", bound=FrontMatter | None, covariant=True)


class Positions(Protocol):
    """Where the values of a loaded YAML mapping are (see `load.yamlparse.YamlResult`)."""

    source: tuple[str, int]  # the YAML text and its first line in the file

    def position(self, path: tuple[str | int, ...]) -> tuple[int, int]:
        """1-based line and column of the value at `path` (or of its nearest parent)."""
        ...


class ArticleOf(NamedTuple, Generic[Front]):
    """One Markdown file of a series. Loading gives an `Article`, whose `front` is None when
    its front matter is invalid; `Series.valid_articles()` gives `ValidArticle`s."""

    path: str
    slug: str
    file_order: int | None
    front: Front
    yaml: Positions | None
    markdown: ParsedMarkdown
    readable: bool = True
    regions: tuple[Region, ...] = ()
    targets: tuple[Target, ...] = ()  # each link's destination resolved, in link order

    def links(self) -> Iterator[tuple[Link, Target]]:
        """Each link with its resolved destination."""
        return zip(self.markdown.links, self.targets, strict=True)

    @property
    def number(self) -> int | None:
        """The article's order, from the front matter or else from the file name."""
        return self.front.order if self.front is not None else self.file_order

    def position(self, *key: str | int) -> tuple[int, int]:
        """Position of a front-matter value (1:1 when unknown)."""
        return self.yaml.position(key) if self.yaml else (1, 1)


Article = ArticleOf[FrontMatter | None]
ValidArticle = ArticleOf[FrontMatter]


def is_valid(article: Article) -> TypeGuard[ValidArticle]:
    """Whether the article's front matter validated."""
    return article.front is not None


class Series(NamedTuple):
    """A series folder: its config (None when invalid) and its articles sorted by path."""

    id: str
    config_path: str
    config: SeriesConfig | None
    config_yaml: Positions | None
    articles: tuple[Article, ...]

    def valid_articles(self) -> tuple[ValidArticle, ...]:
        """Articles whose front matter validated."""
        return tuple(a for a in self.articles if is_valid(a))


AnyArticle = TypeVar("AnyArticle", bound=Article)


def by_slug(articles: Iterable[AnyArticle]) -> dict[str, AnyArticle]:
    """Articles keyed by slug; of several sharing a slug only the first counts (SER013
    reports the others), so no check or rendering mixes two files up."""
    found: dict[str, AnyArticle] = {}
    for article in articles:
        found.setdefault(article.slug, article)
    return found


class PathKind(Enum):
    """What is on disk at a path."""

    FILE = "file"
    DIR = "dir"
    MISSING = "missing"
    OUTSIDE = "outside"


class PathFact(NamedTuple):
    """A probed path: its kind, the spelling on disk when only the letter case differs,
    close existing siblings for did-you-mean hints, and whether git ignores it."""

    kind: PathKind
    case_actual: str | None = None
    siblings: tuple[str, ...] = ()
    ignored: bool = False


class OutputFact(NamedTuple):
    """Where a series' output path lands once links are resolved: the path as configured,
    what is there now, and the real path relative to the root (None when outside it)."""

    series: str
    key: str
    path: str
    kind: PathKind
    real: str | None


class PythonFacts(NamedTuple):
    """Names a Python file defines at top level (and `Class.member`), or its syntax error;
    and its lines stripped of surrounding whitespace (None when it cannot be read)."""

    names: frozenset[str] = frozenset()
    error: tuple[int, int, str] | None = None
    lines: frozenset[str] | None = None


class Corpus(NamedTuple):
    """Everything loaded from the root, ready for the checks."""

    series: tuple[Series, ...]
    documents: dict[str, ParsedMarkdown]
    paths: dict[str, PathFact]
    python: dict[str, PythonFacts]
    notebooks: dict[str, str | None]
    load_diagnostics: tuple[Diagnostic, ...]
    files: int
    stray: tuple[str, ...] = ()
    outputs: tuple[OutputFact, ...] = ()
    images: tuple[ImageFolder, ...] = ()  # each series' images folder and figure manifest

    def ignored_target(self, source: str, target: str) -> bool:
        """Whether `source` refers to a git-ignored `target` that a clone would lack.

        An article that git ignores itself (a local draft) is not in a clone either, so
        what it refers to is judged as on the author's disk.
        """
        source_fact = self.paths.get(source)
        return self.paths[target].ignored and not (source_fact and source_fact.ignored)


def published(series: Series) -> list[ValidArticle]:
    """Numbered, non-draft articles with valid front matter, by order."""
    chosen = [a for a in series.valid_articles() if a.front.order > 0 and not a.front.draft]
    return sorted(chosen, key=lambda a: (a.front.order, a.path))
