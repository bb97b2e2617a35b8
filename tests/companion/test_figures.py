"""The figures runner: deterministic SVG, a manifest, and a check that names stale files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from vlm.figures.__main__ import main
from vlm.figures.runner import IMAGES, MANIFEST, render, select, specs

NAME = "00-eras-and-tiers"


def test_every_figure_is_named_after_its_article_and_is_kebab_case() -> None:
    for spec in specs():
        number, name = spec.file[:2], spec.file[3:-4]
        assert number == spec.module.ARTICLE and number.isdigit()
        assert name == name.lower() and " " not in name and "_" not in name


def test_svg_is_byte_identical_on_a_second_run_and_has_no_date() -> None:
    spec = select(specs(), [NAME])[0]
    first, second = render(spec), render(spec)
    assert first == second
    assert b"<dc:date>" not in first
    assert b"Matplotlib v" not in first


def test_check_names_each_stale_file_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--check", "--root", str(tmp_path), NAME]) == 1
    assert not (tmp_path / IMAGES).exists()
    err = capsys.readouterr().err
    assert f"stale: {IMAGES}/{NAME}.svg" in err and f"stale: {IMAGES}/{MANIFEST}" in err


def test_written_figures_pass_the_check_until_one_is_edited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(tmp_path), NAME]) == 0
    assert main(["--check", "--root", str(tmp_path), NAME]) == 0
    svg = tmp_path / IMAGES / f"{NAME}.svg"
    svg.write_bytes(svg.read_bytes().replace(b"</svg>", b"<!-- edited --></svg>"))
    capsys.readouterr()
    assert main(["--check", "--root", str(tmp_path), NAME]) == 1
    assert capsys.readouterr().err.startswith(f"stale: {IMAGES}/{NAME}.svg\n")


def test_manifest_records_hashes_of_the_svg_and_of_its_code(tmp_path: Path) -> None:
    import hashlib

    assert main(["--root", str(tmp_path), NAME]) == 0
    folder = tmp_path / IMAGES
    entry = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["figures"][f"{NAME}.svg"]
    assert entry["sha256"] == hashlib.sha256((folder / f"{NAME}.svg").read_bytes()).hexdigest()
    assert set(entry["sources"]) == {
        "code/vlm/figures/a00_roadmap.py",
        "code/vlm/figures/style.py",
    }


def test_an_unknown_name_is_refused_with_the_known_ones() -> None:
    with pytest.raises(SystemExit, match=f"no figure named 'nope'; known: .*{NAME}"):
        main(["nope"])


def test_labels_are_laid_out_with_the_font_that_ships_with_matplotlib() -> None:
    """Text positions in the SVG depend on font metrics: a system copy of DejaVu Sans in
    another version would change the bytes, so the bundled one must win."""
    import matplotlib
    from matplotlib import font_manager

    for family in ("DejaVu Sans", "DejaVu Sans Mono"):
        path = Path(font_manager.findfont(family, fallback_to_default=False))
        assert path.is_relative_to(Path(matplotlib.get_data_path()))


def test_sources_include_the_helper_modules_a_figure_imports() -> None:
    from vlm.figures.runner import sources

    spec = select(specs(), ["06-similarity-matrix"])[0]
    assert sorted(sources(spec)) == [
        "code/vlm/figures/a06_clip.py",
        "code/vlm/figures/style.py",
        "code/vlm/figures/toydata.py",
    ]
