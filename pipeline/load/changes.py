"""What a change does, for reviewers: `validate --changed-since REF` (uses git)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import NamedTuple

from pipeline.core.codes import diag
from pipeline.core.corpus import Article, Corpus
from pipeline.core.diagnostics import Diagnostic, Report, UsageError
from pipeline.core.i18n import SOURCE, msg, render
from pipeline.domain.regions import find_regions
from pipeline.domain.text import counts, one_line
from pipeline.load.frontmatter import split_front_matter
from pipeline.load.yamlparse import load_yaml_mapping


class Change(NamedTuple):
    """One changed path: git status letter (A, M, D, R) and the old path of a rename."""

    status: str
    path: str
    old_path: str


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=False, timeout=60
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise UsageError(f"git is needed for --changed-since: {exc}") from exc


def changed_files(root: Path, ref: str) -> list[Change]:
    """Paths changed between `ref` and the working tree, renames detected, relative to
    `root` (which may be a folder inside the repository)."""
    if _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise UsageError(
            f"base {ref!r} not found in this clone (a shallow clone?); fetch it first, "
            f"e.g. `git fetch --deepen=50 origin` or check out with fetch-depth: 0"
        )
    # --relative: paths relative to the root, also when it is a folder inside the repository
    done = _git(root, "diff", "--name-status", "--relative", "-M", "-z", ref, "--", ".")
    if done.returncode != 0:
        raise UsageError(f"git diff against {ref!r} failed: {done.stderr.decode().strip()}")
    fields = done.stdout.decode("utf-8", "replace").split("\0")
    changes: list[Change] = []
    index = 0
    while index < len(fields) - 1:
        status = fields[index][:1]
        if status in ("R", "C"):
            old, new = fields[index + 1], fields[index + 2]
            changes.append(Change(status, new, old))
            index += 3
        else:
            changes.append(Change(status, fields[index + 1], fields[index + 1]))
            index += 2
    return changes


def _old_text(root: Path, ref: str, path: str) -> str | None:
    done = _git(root, "show", f"{ref}:./{path}")  # `./`: relative to the root, not the top
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace").replace("\r\n", "\n").removeprefix("\ufeff")


def _body(text: str) -> str:
    """The article's text without its generated regions' inner lines (`build` writes them,
    however many lines they take)."""
    body = split_front_matter(text).body
    lines = body.split("\n")
    for region in sorted(find_regions(body)[0], key=lambda r: r.first, reverse=True):
        del lines[region.first : region.stop]
    return "\n".join(lines).strip()


def _updates_of(text: str) -> tuple[object, object]:
    split = split_front_matter(text)
    value = load_yaml_mapping(split.yaml or "", "", 2).value.value or {}
    return value.get("updated"), value.get("updates")


def missing_update_notes(
    root: Path, ref: str, corpus: Corpus, changes: list[Change]
) -> list[Diagnostic]:
    """CHG001 for each article whose text changed without a new `updates` entry or `updated`."""
    by_path = {a.path: a for s in corpus.series for a in s.articles}
    found = []
    for change in changes:
        article = by_path.get(change.path)
        if change.status not in ("M", "R") or article is None or article.front is None:
            continue
        old = _old_text(root, ref, change.old_path)
        new = (root / change.path).read_text(encoding="utf-8").replace("\r\n", "\n")
        if old is None or _body(old) == _body(new.removeprefix("\ufeff")):
            continue
        if _updates_of(old) == _updates_of(new.removeprefix("\ufeff")):
            found.append(_unnoted(article, ref))
    return found


def _unnoted(article: Article, ref: str) -> Diagnostic:
    line, column = (
        article.position("updates") if article.front and article.front.updates else (1, 1)
    )
    return diag(
        "CHG001",
        article.path,
        line,
        column,
        msg("text changed since {ref} but no new `updates` entry or `updated` date", ref=ref),
        msg('add `updates: [{{date: "YYYY-MM-DD", summary: "…"}}]` and set `updated`'),
    )


def render_summary(report: Report, changes: list[Change], ref: str, lang: str = SOURCE) -> str:
    """A Markdown summary of the change for a pull request's job summary (in `lang`)."""

    def t(text: str) -> str:
        return render(text, lang)

    touched = {c.path for c in changes} | {c.old_path for c in changes}
    changed = len(changes)
    lines = [
        t(msg("## Series check against `{ref}`", ref=ref)),
        "",
        t(
            msg(
                "{counts}; {changed} changed.",
                counts=counts(report.errors, report.warnings, report.files),
                changed=msg("{count} file", count=changed)
                if changed == 1
                else msg("{count} files", count=changed),
            )
        ),
        "",
    ]
    if changes:
        lines += [t(msg("| change | file |")), "|---|---|"]
        lines += [
            f"| {c.status} | {_code(c.path)}"
            + (t(msg(" (from {path})", path=_code(c.old_path))) if c.old_path != c.path else "")
            + " |"
            for c in changes
        ]
        lines.append("")
    broken = [
        d for d in report.diagnostics if d.code in ("LNK001", "LNK002") and d.path not in touched
    ]
    if broken:
        lines += [t(msg("### Links in unchanged articles broken by this change")), ""]
        lines += [f"- {_code(f'{d.path}:{d.line}')} {one_line(t(d.message))}" for d in broken]
        lines.append("")
    problems = [d for d in report.diagnostics if d not in broken]
    if problems:
        lines += [
            t(msg("### Problems")),
            "",
            t(msg("| where | severity | code | message |")),
            "|---|---|---|---|",
        ]
        lines += [
            f"| {_code(f'{d.path}:{d.line}:{d.column}')} | {d.severity.value} | {d.code} | "
            f"{_cell(t(d.message))} |"
            for d in problems
        ]
        lines.append("")
    if not report.diagnostics:
        lines.append(t(msg("No problems found.")))
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    """Text for one Markdown table cell or list item: line breaks and `|` escaped."""
    return one_line(text).replace("|", "\\|")


def _code(text: str) -> str:
    """A code span for one cell: GFM splits rows at `|` even inside code spans."""
    return f"`` {_cell(text)} ``" if "`" in text else f"`{_cell(text)}`"


def changed_first(report: Report, changes: list[Change]) -> Report:
    """The report with the diagnostics on changed files first, each part in its order
    (GitHub shows only the first 10 error annotations of a step)."""
    touched = {c.path for c in changes}
    first = [d for d in report.diagnostics if d.path in touched]
    rest = [d for d in report.diagnostics if d.path not in touched]
    return Report((*first, *rest), report.files)
