"""The load cache never changes an answer: random edits, renames and deletions, cached or not."""

from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.corpus import generate
from pipeline.load import cache as cache_module
from pipeline.load.cache import CACHE_FILE
from tests.conftest import run_cli, run_python


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)


def _articles(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("content/*/*.md") if int(p.name.split("-")[0]) != 0)


def _mutate(rng: random.Random, root: Path) -> str:
    articles = _articles(root)
    target = rng.choice(articles)
    action = rng.choice(
        [
            "append-link",
            "append-text",
            "rename",
            "delete",
            "break-yaml",
            "touch-code",
            "retitle-heading",
        ]
    )
    text = target.read_text(encoding="utf-8")
    if action == "append-link":
        other = rng.choice(articles).name
        target.write_text(text + f"\n[x]({other}#khong-co)\n", encoding="utf-8")
    elif action == "append-text":
        target.write_text(text + "\nMột câu mới cho bài này.\n", encoding="utf-8")
    elif action == "rename":
        target.rename(target.with_name(target.name.replace(".md", "-moi.md")))
    elif action == "delete":
        target.unlink()
    elif action == "break-yaml":
        target.write_text(text.replace("readingTime:", "readingTime: [", 1), encoding="utf-8")
    elif action == "touch-code":
        code = rng.choice(sorted(root.glob("code/**/*.py")))
        code.write_text(
            code.read_text(encoding="utf-8").replace("def ", "def renamed_", 1), encoding="utf-8"
        )
    else:
        target.write_text(text.replace("\n## ", "\n## Mới ", 1), encoding="utf-8")
    return f"{action} {target.name}"


def _same_everywhere(cached: Path, fresh: Path) -> None:
    for args in (("validate", "--format", "json"), ("build",), ("build", "--check")):
        a = run_cli(*args, "--root", str(cached))
        b = run_cli(*args, "--no-cache", "--root", str(fresh))
        assert (a.code, a.out) == (b.code, b.out), args
    for rel in ("data", "docs"):
        left = (
            sorted(p.relative_to(cached) for p in (cached / rel).rglob("*") if p.is_file())
            if (cached / rel).exists()
            else []
        )
        right = (
            sorted(p.relative_to(fresh) for p in (fresh / rel).rglob("*") if p.is_file())
            if (fresh / rel).exists()
            else []
        )
        assert left == right
        for path in left:
            assert (cached / path).read_bytes() == (fresh / path).read_bytes()


@pytest.mark.parametrize("margin", [cache_module.RACY_MARGIN_NS, 0], ids=["margin", "no-margin"])
def test_cached_and_uncached_runs_agree_through_random_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, margin: int
) -> None:
    # without the margin, files not touched since the previous run are trusted by their
    # status alone, so both ways of finding a file unchanged are exercised
    monkeypatch.setattr(cache_module, "RACY_MARGIN_NS", margin)
    cached, fresh = tmp_path / "cached", tmp_path / "fresh"
    generate(cached, 40, seed=3, defects=6)
    shutil.copytree(cached, fresh)
    _same_everywhere(cached, fresh)
    assert (cached / CACHE_FILE).exists() and not (fresh / CACHE_FILE).exists()
    for step in range(12):
        rng_a, rng_b = random.Random(step), random.Random(step)
        assert _mutate(rng_a, cached) == _mutate(rng_b, fresh)
        _same_everywhere(cached, fresh)


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Articles read from disk from now on (by the loader or through the cache helper)."""
    from pipeline.load import cachedfile, readfile, workers

    reads: list[str] = []
    original = readfile.read_bytes

    def counting(root: Path, rel: str, *limit: int) -> object:
        if rel.endswith(".md"):
            reads.append(rel)
        return original(root, rel, *limit)

    monkeypatch.setattr(workers, "read_bytes", counting)
    monkeypatch.setattr(cachedfile, "read_bytes", counting)
    return reads


def test_unchanged_files_are_trusted_by_status_only_when_old_enough(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path, 12, seed=6)
    reads = _count_reads(monkeypatch)
    first = run_cli("validate", "--root", str(tmp_path))
    assert len(reads) == len(list(tmp_path.glob("content/*/*.md"))) == 12
    # just written: their times are within the margin of the run that read them
    assert run_cli("validate", "--root", str(tmp_path)) == first
    assert len(reads) == 24
    monkeypatch.setattr(cache_module, "RACY_MARGIN_NS", 0)
    run_cli("validate", "--root", str(tmp_path))
    reads.clear()
    assert run_cli("validate", "--root", str(tmp_path)) == first
    assert reads == []


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "RACY_MARGIN_NS", 0)
    generate(tmp_path, 12, seed=7)
    fresh = tmp_path.parent / "fresh"
    run_cli("validate", "--root", str(tmp_path))
    article = _articles(tmp_path)[3]
    status = article.stat()
    text = article.read_text(encoding="utf-8")
    link = re.search(r"\]\((\d{4}-)([a-z])", text)
    assert link is not None
    letter = "q" if link.group(2) != "q" else "z"
    edited = text[: link.start(2)] + letter + text[link.end(2) :]  # now a broken link
    assert len(edited.encode()) == len(text.encode()) and edited != text
    article.write_text(edited, encoding="utf-8")
    os.utime(article, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert article.stat().st_mtime_ns == status.st_mtime_ns
    shutil.copytree(tmp_path, fresh)
    shutil.rmtree(fresh / ".cache")
    cached_run = run_cli("validate", "--format", "json", "--root", str(tmp_path))
    fresh_run = run_cli("validate", "--format", "json", "--root", str(fresh))
    assert cached_run == fresh_run
    assert '"LNK001"' in cached_run.out


def test_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    generate(tmp_path, 10, seed=1)
    first = run_cli("validate", "--root", str(tmp_path))
    (tmp_path / CACHE_FILE).write_bytes(b"\x00{not json")
    assert run_cli("validate", "--root", str(tmp_path)) == first
    (tmp_path / CACHE_FILE).write_text('{"fingerprint": 1, "entries": []}', encoding="utf-8")
    assert run_cli("validate", "--root", str(tmp_path)) == first


def test_a_new_pipeline_version_drops_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path, 10, seed=2)
    run_cli("validate", "--root", str(tmp_path))
    before = (tmp_path / CACHE_FILE).read_text(encoding="utf-8")
    monkeypatch.setattr(cache_module, "fingerprint", lambda: "another-version")
    run_cli("validate", "--root", str(tmp_path))
    after = (tmp_path / CACHE_FILE).read_text(encoding="utf-8")
    assert '"fingerprint":"another-version"' in after and after != before


def test_ci_runs_do_not_use_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generate(tmp_path, 5, seed=4)
    monkeypatch.setenv("CI", "true")
    run_cli("validate", "--root", str(tmp_path))
    assert not (tmp_path / CACHE_FILE).exists()


def test_git_ignores_the_cache_by_itself(tmp_path: Path) -> None:
    import subprocess

    generate(tmp_path, 5, seed=5)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    run_cli("validate", "--root", str(tmp_path))
    assert (tmp_path / CACHE_FILE).exists()
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".cache" not in status


def test_generated_references_are_cached_by_the_code_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Path(__file__).resolve().parent.parent
    shutil.copy(repo / "README.md", tmp_path / "README.md")
    refs = tmp_path / ".cache/pipeline/references.json"
    assert run_cli("schema", "--no-cache", "--root", str(tmp_path)).code == 0
    fresh = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    assert not refs.exists()
    assert run_cli("schema", "--check", "--root", str(tmp_path)).code == 0
    assert refs.exists()
    # the second run answers from the cache, with the same texts
    assert run_cli("schema", "--check", "--root", str(tmp_path)).code == 0
    assert run_cli("schema", "--root", str(tmp_path)).code == 0
    assert {p: p.read_bytes() for p in fresh} == fresh
    # hand edits are still found; a corrupt cache is ignored
    readme = tmp_path / "README.md"
    readme.write_text(readme.read_text("utf-8").replace("| `title` |", "| `tittle` |"), "utf-8")
    assert run_cli("schema", "--check", "--root", str(tmp_path)).code == 1
    refs.write_bytes(b"\x00{broken")
    assert run_cli("schema", "--check", "--root", str(tmp_path)).code == 1
    assert run_cli("schema", "--root", str(tmp_path)).code == 0
    assert readme.read_bytes() == fresh[readme]
    # other code, other fingerprint: the texts are rendered again and stored under it
    monkeypatch.setattr(cache_module, "fingerprint", lambda: "another-version")
    assert run_cli("schema", "--check", "--root", str(tmp_path)).code == 0
    assert '"fingerprint":"another-version"' in refs.read_text(encoding="utf-8")


def test_a_run_from_the_cache_imports_no_parser(tmp_path: Path) -> None:
    generate(tmp_path, 12, seed=9)
    run_cli("validate", "--root", str(tmp_path))
    script = (
        "import sys; from pipeline.cli import main; "
        "code = main(['validate', '--root', sys.argv[1]]); "
        "print(code, sorted(m for m in ('yaml', 'pyromark', 'pydantic') if m in sys.modules))"
    )
    assert run_python(script, str(tmp_path)).strip().endswith("\n0 []")


def test_a_body_edit_reuses_the_front_matter_of_the_bytes_before(tmp_path: Path) -> None:
    generate(tmp_path, 12, seed=9)
    clean, broken = _articles(tmp_path)[:2]
    broken.write_text(broken.read_text("utf-8").replace("readingTime:", "readingTme:", 1), "utf-8")
    run_cli("validate", "--root", str(tmp_path))
    for article in (clean, broken):
        article.write_text(article.read_text("utf-8") + "\nMột đoạn mới.\n", "utf-8")
    script = (
        "import sys; from pipeline.cli import main; "
        "code = main(['validate', '--root', sys.argv[1]]); "
        "print(code, sorted(m for m in ('yaml', 'pydantic') if m in sys.modules))"
    )
    assert run_python(script, str(tmp_path)).strip().endswith("\n1 []")
    # the entries stored by that run give what parsing everything again gives
    cached = run_cli("validate", "--format", "json", "--root", str(tmp_path))
    fresh = run_cli("validate", "--format", "json", "--no-cache", "--root", str(tmp_path))
    assert cached.out == fresh.out and '"FM003"' in fresh.out
    # an edit of the front matter itself is parsed again
    broken.write_text(broken.read_text("utf-8").replace("readingTme:", "readingTime:", 1), "utf-8")
    cached = run_cli("validate", "--format", "json", "--root", str(tmp_path))
    assert cached.code == 0 and '"FM003"' not in cached.out


@given(st.text(max_size=30))
def test_entry_names_survive_the_file_format(name: str) -> None:
    import json

    assert json.loads(cache_module._quoted(name)) == name
    assert b"\n" not in cache_module._quoted(name) and b"\t" not in cache_module._quoted(name)


def test_changed_entries_are_appended_and_the_file_is_compacted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "COMPACT_SLACK", 0)
    monkeypatch.setattr(cache_module, "RACY_MARGIN_NS", 0)  # status records stay as they are
    generate(tmp_path, 12, seed=12)
    cache_file = tmp_path / CACHE_FILE
    first = run_cli("validate", "--format", "json", "--root", str(tmp_path))
    lines = len(cache_file.read_bytes().splitlines())
    article = _articles(tmp_path)[2]
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\n[x](khong-co.md)\n", encoding="utf-8")
    second = run_cli("validate", "--format", "json", "--root", str(tmp_path))
    grown = cache_file.read_bytes().splitlines()
    assert lines < len(grown) <= lines + 4  # the article's entry and status, appended
    assert second != first and '"LNK001"' in second.out
    article.write_text(text, encoding="utf-8")
    assert run_cli("validate", "--format", "json", "--root", str(tmp_path)) == first
    for step in range(30):  # every edit appends; superseded lines force a rewrite
        article.write_text(text + f"\nBước {step}.\n", encoding="utf-8")
        run_cli("validate", "--root", str(tmp_path))
        entries = len(cache_module.LoadCache(tmp_path, enabled=True).old)
        assert len(cache_file.read_bytes().splitlines()) <= 2 * entries + 8
    article.write_text(text, encoding="utf-8")
    assert run_cli("validate", "--format", "json", "--root", str(tmp_path)) == first


def test_a_cache_file_removed_during_a_run_is_written_whole(tmp_path: Path) -> None:
    generate(tmp_path, 5, seed=13)
    run_cli("validate", "--root", str(tmp_path))
    cache = cache_module.LoadCache(tmp_path, enabled=True)
    assert cache.old
    (tmp_path / CACHE_FILE).unlink()
    cache.put("article", "content/x.md", "key", {"changed": True})
    cache.save()
    assert cache_module.LoadCache(tmp_path, enabled=True).old.keys() == cache.new.keys()
