"""CODE: companion code and notebook references in the front matter, and excerpts."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from pipeline.checks import excerpts
from pipeline.core.codes import diag
from pipeline.core.corpus import Corpus, PathKind, ValidArticle
from pipeline.core.diagnostics import Diagnostic
from pipeline.core.i18n import msg
from pipeline.domain.suggest import did_you_mean, quoted
from pipeline.domain.targets import split_code_ref


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every CODE diagnostic of the series' articles."""
    for series in corpus.series:
        for article in series.valid_articles():
            for index, ref in enumerate(article.front.code):
                yield from _code(corpus, article, index, ref)
            for index, path in enumerate(article.front.notebooks):
                yield from _notebook(corpus, article, index, path)
            yield from excerpts.check_article(corpus, article)


def _exists(
    corpus: Corpus, article: ValidArticle, field: str, index: int, path: str
) -> Iterator[Diagnostic]:
    fact = corpus.paths[path]
    ignored = corpus.ignored_target(article.path, path)
    if fact.kind is PathKind.FILE and fact.case_actual is None and not ignored:
        return
    line, column = article.position(field, index)
    if fact.kind is PathKind.OUTSIDE:
        yield diag(
            "CODE002",
            article.path,
            line,
            column,
            msg("`{path}` resolves outside the repository", path=path),
            msg("reference a real file"),
        )
    elif fact.case_actual is not None:
        yield diag(
            "CODE001",
            article.path,
            line,
            column,
            msg(
                "`{path}` differs in letter case from `{actual}`",
                path=path,
                actual=fact.case_actual,
            ),
            msg("write `{path}`", path=fact.case_actual),
        )
    elif ignored:
        yield diag(
            "CODE006",
            article.path,
            line,
            column,
            msg("`{path}` is ignored by git, so a fresh clone lacks it", path=path),
            msg("commit the file (adjust .gitignore) or reference a tracked file"),
        )
    elif fact.kind is PathKind.MISSING:
        hint = (
            msg("did you mean {word}?", word=quoted(fact.siblings[0]))
            if fact.siblings
            else msg("check the path (relative to the repository root)")
        )
        yield diag(
            "CODE001", article.path, line, column, msg("`{path}` not found", path=path), hint
        )


def _inside(path: str, folder: str) -> bool:
    normal = posixpath.normpath(path)
    return normal.startswith(f"{folder}/") and not normal.startswith("../")


def _code(corpus: Corpus, article: ValidArticle, index: int, ref: str) -> Iterator[Diagnostic]:
    path, symbol = split_code_ref(ref)

    def at() -> tuple[int, int]:
        return article.position("code", index)

    if not _inside(path, "code"):
        yield diag(
            "CODE002",
            article.path,
            *at(),
            msg("code reference `{path}` is not under code/", path=path),
            msg("list companion code from code/ only"),
        )
        return
    problems = list(_exists(corpus, article, "code", index, path))
    yield from problems
    if problems or symbol is None:
        return
    facts = corpus.python.get(path)
    if facts is None:
        yield diag(
            "CODE003",
            article.path,
            *at(),
            msg(
                "`{path}` is not a Python file, so `::{symbol}` cannot be checked",
                path=path,
                symbol=symbol,
            ),
            msg("drop `::Symbol` or point at a .py file"),
        )
    elif facts.error is not None:
        err_line, err_column, message = facts.error
        yield diag(
            "CODE005",
            article.path,
            *at(),
            msg(
                "`{path}` does not parse ({error} at {line}:{column})",
                path=path,
                error=message,
                line=err_line,
                column=err_column,
            ),
            msg("fix the syntax error in the code file"),
        )
    elif symbol not in facts.names:
        yield diag(
            "CODE003",
            article.path,
            *at(),
            msg("`{symbol}` is not defined at top level in `{path}`", symbol=symbol, path=path),
            did_you_mean(symbol, sorted(facts.names))
            or msg("reference a top-level class or function, or `Class.method`"),
        )


def _notebook(corpus: Corpus, article: ValidArticle, index: int, path: str) -> Iterator[Diagnostic]:
    def at() -> tuple[int, int]:
        return article.position("notebooks", index)

    if not _inside(path, "notebooks") or not path.endswith(".ipynb"):
        yield diag(
            "CODE002",
            article.path,
            *at(),
            msg("notebook `{path}` is not an .ipynb file under notebooks/", path=path),
            msg("list notebooks from notebooks/ only"),
        )
        return
    problems = list(_exists(corpus, article, "notebooks", index, path))
    yield from problems
    problem = corpus.notebooks.get(path)
    if not problems and problem:
        yield diag(
            "CODE004",
            article.path,
            *at(),
            msg("notebook `{path}` is invalid: {problem}", path=path, problem=problem),
            msg("re-save it from Jupyter (nbformat 4)"),
        )
