"""`validate --changed-since REF`: what a pull request breaks, and its Markdown summary."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli

Sample = Callable[[str, str], Path]
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]


def _repo(sample: Sample) -> Path:
    root = sample("LNK001", "pass")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True)
    return root


def test_renamed_heading_is_listed_as_a_broken_inbound_link(sample: Sample, tmp_path: Path) -> None:
    root = _repo(sample)
    mot = root / "content/demo/01-mot.md"
    mot.write_text(mot.read_text(encoding="utf-8").replace("## Giới thiệu", "## Mở đầu"), "utf-8")
    summary = tmp_path / "summary.md"
    result = run_cli(
        "validate", "--root", str(root), "--changed-since", "HEAD", "--summary", str(summary)
    )
    assert result.code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith(
        "## Series check against `HEAD`\n\n1 error, 1 warning in 4 files; 1 file changed."
    )
    assert "| M | `content/demo/01-mot.md` |" in text
    assert (
        "### Links in unchanged articles broken by this change\n\n"
        "- `content/demo/02-hai.md:19` anchor #giới-thiệu not found in content/demo/01-mot.md"
    ) in text


def test_renamed_article_is_detected(sample: Sample, tmp_path: Path) -> None:
    root = _repo(sample)
    subprocess.run(
        [*GIT, "mv", "content/demo/01-mot.md", "content/demo/01-mot-moi.md"],
        cwd=root,
        check=True,
        capture_output=True,
    )
    summary = tmp_path / "summary.md"
    run_cli("validate", "--root", str(root), "--changed-since", "HEAD", "--summary", str(summary))
    text = summary.read_text(encoding="utf-8")
    assert "| R | `content/demo/01-mot-moi.md` (from `content/demo/01-mot.md`) |" in text
    assert "`content/demo/02-hai.md:19` link target `01-mot.md#giới-thiệu` not found" in text


def test_missing_base_is_a_clear_usage_error(sample: Sample) -> None:
    root = _repo(sample)
    result = run_cli("validate", "--root", str(root), "--changed-since", "origin/main")
    assert result.code == 2
    assert "base 'origin/main' not found in this clone (a shallow clone?)" in result.err


def test_update_note_silences_the_warning(sample: Sample) -> None:
    root = _repo(sample)
    hai = root / "content/demo/02-hai.md"
    text = hai.read_text(encoding="utf-8") + "\nMột đoạn mới.\n"
    hai.write_text(text, encoding="utf-8")
    assert "CHG001" in run_cli("validate", "--root", str(root), "--changed-since", "HEAD").out
    noted = text.replace("notebooks:", 'updated: "2025-03-01"\nnotebooks:')
    hai.write_text(noted, encoding="utf-8")
    assert "CHG001" not in run_cli("validate", "--root", str(root), "--changed-since", "HEAD").out


def test_series_in_a_subfolder_of_the_repository(sample: Sample, tmp_path: Path) -> None:
    top = tmp_path / "repo"
    top.mkdir()
    root = sample("LNK001", "pass").rename(top / "site")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run([*GIT, *args], cwd=top, check=True, capture_output=True)
    mot = root / "content/demo/01-mot.md"
    mot.write_text(mot.read_text(encoding="utf-8").replace("## Giới thiệu", "## Mở đầu"), "utf-8")
    summary = tmp_path / "summary.md"
    result = run_cli(
        "validate", "--root", str(root), "--changed-since", "HEAD", "--summary", str(summary)
    )
    assert "content/demo/01-mot.md:1:1: warning CHG001" in result.out
    text = summary.read_text(encoding="utf-8")
    assert "| M | `content/demo/01-mot.md` |" in text
    assert (
        "### Links in unchanged articles broken by this change\n\n"
        "- `content/demo/02-hai.md:19` anchor #giới-thiệu not found in content/demo/01-mot.md"
    ) in text


def test_problems_in_changed_files_come_first(sample: Sample, tmp_path: Path) -> None:
    """GitHub shows 10 error annotations per step: the pull request's own files lead."""
    root = _repo(sample)
    mot = root / "content/demo/01-mot.md"
    broken = "".join(f"\nXem [trang {n}](khong-co-{n}.md).\n" for n in range(12))
    mot.write_text(mot.read_text(encoding="utf-8") + broken, encoding="utf-8")
    for args in (["add", "-A"], ["commit", "-qm", "old problems"]):
        subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True)
    hai = root / "content/demo/02-hai.md"
    hai.write_text(hai.read_text(encoding="utf-8") + "\nXem [bài ba](03-ba.md).\n", "utf-8")
    summary = tmp_path / "summary.md"
    result = run_cli(
        "validate",
        "--root",
        str(root),
        "--format",
        "github",
        "--changed-since",
        "HEAD",
        "--summary",
        str(summary),
    )
    lines = result.out.splitlines()
    text = summary.read_text(encoding="utf-8")
    rows = [r for r in text.splitlines() if r.startswith(("| `content", "- `content"))]
    assert len(rows) == 14  # the job summary lists every problem
    assert len(lines) == 14
    assert [line.split(",")[0] for line in lines[:2]] == [
        "::warning file=content/demo/02-hai.md",
        "::error file=content/demo/02-hai.md",
    ]
    assert all("file=content/demo/01-mot.md" in line for line in lines[2:])


def test_a_rebuilt_generated_region_is_not_a_change_of_text(sample: Sample) -> None:
    root = sample("GEN003", "pass")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True)
    hai = root / "content/demo/02-hai.md"
    text = hai.read_text(encoding="utf-8")
    longer = "> **Đọc tiếp:** [3. Ba](03-ba.md)\n>\n> Một dòng nữa do `build` viết."
    hai.write_text(text.replace("> **Đọc tiếp:** bài cuối", longer + "\n> bài cuối"), "utf-8")
    result = run_cli("validate", "--root", str(root), "--changed-since", "HEAD")
    assert "CHG001" not in result.out, result
    hai.write_text(text.replace("Xem [phần", "Đọc [phần"), "utf-8")
    assert "CHG001" in run_cli("validate", "--root", str(root), "--changed-since", "HEAD").out
