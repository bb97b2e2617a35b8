"""Output paths: resolved with their symbolic links, inside the root, never over a source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, copy_tree, run_cli

CONFIG = "content/demo/series.yaml"


def _repo(tmp_path: Path) -> Path:
    """A valid sample repository inside its own folder (so that its parent can be watched)."""
    return copy_tree(FIXTURES / "LNK001" / "pass", tmp_path / "outer" / "repo")


def _set_output(root: Path, key: str, value: str) -> None:
    config = root / CONFIG
    lines = config.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(f"  {key}:")]
    at = kept.index("outputs:") + 1
    config.write_text("\n".join([*kept[:at], f'  {key}: "{value}"', *kept[at:]]) + "\n", "utf-8")


def _problems(root: Path) -> list[tuple[str, str]]:
    result = run_cli("validate", "--format", "json", "--root", str(root))
    return [(d["code"], d["message"]) for d in json.loads(result.out)["diagnostics"]]


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".cache" not in p.parts
    }


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        (
            "changelog",
            "content/demo/01-mot.md",
            (
                "SER016",
                "output `content/demo/01-mot.md` would overwrite the source file "
                "`content/demo/01-mot.md`",
            ),
        ),
        (
            "metadata",
            "notebooks/demo/02-hai.ipynb",
            (
                "SER016",
                "`outputs.metadata` must name a .json file, not `notebooks/demo/02-hai.ipynb`",
            ),
        ),
        (
            "metadata",
            "code/demo/model.py",
            ("SER016", "`outputs.metadata` must name a .json file, not `code/demo/model.py`"),
        ),
        (
            "graph",
            "content/demo/series.yaml",
            (
                "SER016",
                "output `content/demo/series.yaml` would overwrite the source file "
                "`content/demo/series.yaml`",
            ),
        ),
        ("metadata", "./", ("SER016", "output `./` is a folder")),
        ("metadata", "content", ("SER016", "output `content` is a folder")),
        (
            "graph",
            "content/demo/do-thi.md",
            (
                "SER016",
                "output `content/demo/do-thi.md` lies under content/, where every Markdown "
                "file is an article",
            ),
        ),
        (
            "graph",
            "data/demo/metadata.json",
            ("SER016", "`outputs.graph` must name a .md file, not `data/demo/metadata.json`"),
        ),
        (
            "graph",
            "docs/../docs/changelog.md",
            ("SER012", "output `docs/../docs/changelog.md` is also written by another output"),
        ),
    ],
)
def test_outputs_over_sources_or_folders_are_refused_and_nothing_is_written(
    tmp_path: Path, key: str, value: str, expected: tuple[str, str]
) -> None:
    root = _repo(tmp_path)
    _set_output(root, key, value)
    assert _problems(root) == [expected]
    before = _files(tmp_path)
    build = run_cli("build", "--root", str(root))
    assert build.code == 1, build
    assert _files(tmp_path) == before


def test_an_output_through_a_linked_folder_may_not_leave_the_root(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "linked").symlink_to(outside, target_is_directory=True)
    _set_output(root, "graph", "docs/linked/graph.md")
    assert _problems(root) == [
        (
            "SER012",
            "output `docs/linked/graph.md` leads outside the repository through a symbolic link",
        )
    ]
    assert run_cli("build", "--root", str(root)).code == 1
    assert list(outside.iterdir()) == []


def test_an_output_linked_onto_an_article_is_the_article(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "graph.md").symlink_to(root / "content/demo/01-mot.md")
    _set_output(root, "graph", "docs/graph.md")
    assert _problems(root) == [
        (
            "SER016",
            "output `docs/graph.md` would overwrite the source file `content/demo/01-mot.md`",
        )
    ]


def test_new_and_generated_outputs_inside_the_root_are_written(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    _set_output(root, "graph", "docs/moi/do-thi.md")
    assert _problems(root) == []
    assert run_cli("build", "--root", str(root)).code == 0
    assert (root / "docs/moi/do-thi.md").is_file()
    assert sorted(p.name for p in (root / "docs/moi").iterdir()) == ["do-thi.md"]
    assert run_cli("build", "--check", "--root", str(root)).code == 0
