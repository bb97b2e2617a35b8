"""Command line: `python -m pipeline validate|build|graph|new|site|schema|preview`."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline.commands.console import tolerate_encodings
from pipeline.commands.printers import PRINTERS
from pipeline.core.diagnostics import EXIT_USAGE, UsageError
from pipeline.core.i18n import LANGUAGES
from pipeline.load.cache import cache_enabled


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline", description="Check and build the article series."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = sub.add_parser("validate", help="check every article; exit 1 on errors")
    _root(validate)
    _format(validate)
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    _no_cache(validate)
    validate.add_argument(
        "--changed-since",
        metavar="REF",
        help="also check what changed since the git REF (pull requests)",
    )
    validate.add_argument(
        "--summary",
        metavar="FILE",
        type=Path,
        help="append a Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY)",
    )
    validate.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="report only these files (and the articles linking to them)",
    )

    build = sub.add_parser("build", help="validate, then write metadata.json and the changelog")
    _root(build)
    _format(build)
    _no_cache(build)
    build.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 naming each stale output"
    )

    graph = sub.add_parser("graph", help="print the prerequisite graph")
    _root(graph)
    graph.add_argument("--series", help="series id (default: the only series)")
    graph.add_argument("--format", choices=("mermaid", "dot", "json"), default="mermaid")

    new = sub.add_parser("new", help="scaffold the next numbered article")
    _root(new)
    new.add_argument("--title", required=True, help="the article's title")
    new.add_argument("--series", help="series id (default: the only series)")
    new.add_argument("--phase", help="era id (default: the era of the last article)")
    new.add_argument("--after", metavar="SLUG", help="prerequisite slug (default: none)")
    new.add_argument("--date", help="day of the article, YYYY-MM-DD (default: today)")

    site = sub.add_parser("site", help="write the static site (pages show their diagnostics)")
    _root(site)
    _format(site)
    _no_cache(site)
    site.add_argument("--out", type=Path, required=True, help="folder to write the site into")

    schema = sub.add_parser("schema", help="write the exported JSON Schemas")
    _root(schema)
    _no_cache(schema)
    schema.add_argument("--check", action="store_true", help="exit 1 when they are stale")

    preview = sub.add_parser("preview", help="serve the site on 127.0.0.1, reload on change")
    _root(preview)
    _preview_arguments(preview)
    return parser


def _preview_arguments(parser: argparse.ArgumentParser) -> None:
    from pipeline.preview.options import add_arguments

    add_arguments(parser)


def _root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root", type=Path, default=Path("."), help="repository root (default: current folder)"
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="language of messages (default: the locale, else the series' `lang`, else en)",
    )


def _no_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="ignore and do not write .cache/pipeline (always off when CI=true)",
    )


def _format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=sorted(PRINTERS), default="text", help="output format (default: text)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 ok, 1 content errors, 2 usage)."""
    tolerate_encodings()
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return _dispatch(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"error: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_USAGE


def run() -> None:
    """The process entry point (`python -m pipeline`, `series-pipeline`)."""
    _tune_gc()
    try:
        code = main()
    except ModuleNotFoundError as exc:
        if exc.name not in DEPENDENCIES:
            raise
        print(
            f"error: the pipeline's dependency `{exc.name}` is not installed; run "
            "`make validate` (it creates .venv) and use .venv/bin/python",
            file=sys.stderr,
        )
        code = EXIT_USAGE
    raise SystemExit(code)


# Top-level modules of the `dependencies` in pyproject.toml (imported lazily by commands).
DEPENDENCIES = frozenset({"pydantic", "pydantic_core", "yaml", "networkx", "pyromark", "orjson"})


def _tune_gc() -> None:
    """No cyclic garbage collection: a run is one short process that builds millions of
    small objects living until its end and forms almost no reference cycles. At 10,000
    articles the collector spent up to 40% of a warm run rescanning live objects; without
    it peak memory is unchanged (measured by `make bench`)."""
    gc.disable()


def _dispatch(args: argparse.Namespace) -> int:
    """Call the command the arguments name, with keyword arguments."""
    root: Path = args.root
    lang: str | None = args.lang
    if args.command == "validate":
        from pipeline.commands.validate import validate

        return validate(
            root=root,
            fmt=args.format,
            strict=args.strict,
            paths=args.paths,
            changed_since=args.changed_since,
            summary=args.summary,
            use_cache=cache_enabled(args.no_cache),
            lang=lang,
        )
    if args.command == "build":
        from pipeline.commands.build import build

        return build(
            root=root,
            fmt=args.format,
            check=args.check,
            use_cache=cache_enabled(args.no_cache),
            lang=lang,
        )
    if args.command == "graph":
        from pipeline.commands.graph import graph

        return graph(root=root, series_id=args.series, fmt=args.format)
    if args.command == "new":
        import datetime

        from pipeline.commands.new import new

        return new(
            root=root,
            title=args.title,
            series_id=args.series,
            phase=args.phase,
            after=args.after,
            date=args.date or datetime.date.today().isoformat(),
            lang=lang,
        )
    if args.command == "site":
        from pipeline.site.command import site

        return site(
            root=root,
            out=args.out,
            fmt=args.format,
            use_cache=cache_enabled(args.no_cache),
            lang=lang,
        )
    if args.command == "preview":
        from pipeline.preview.command import preview

        return preview(root=root, host=args.host, port=args.port, out=args.out, lang=lang)
    if args.command == "schema":
        from pipeline.commands.schema import schema

        return schema(
            root=root, check=args.check, use_cache=cache_enabled(args.no_cache), lang=lang
        )
    raise UsageError(f"unknown command {args.command!r}")  # argparse admits only the above
