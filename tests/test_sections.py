"""Generated regions in articles and pictures of the graph."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.domain.regions import fill_regions, find_regions
from tests.conftest import run_cli

Sample = Callable[[str, str], Path]
ARTICLE = "content/demo/02-hai.md"


def test_build_fills_regions_keeping_everything_else_byte_for_byte(sample: Sample) -> None:
    root = sample("GEN003", "fail")
    path = root / ARTICLE
    text = path.read_text(encoding="utf-8")
    crlf = ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
    path.write_bytes(crlf)
    assert run_cli("build", "--root", str(root)).code == 0
    after = path.read_bytes()
    before_region, _, rest = crlf.partition(b"<!-- BEGIN GENERATED")
    assert after.startswith(before_region)
    assert after.endswith(rest.partition(b"<!-- END GENERATED reading-box -->")[2])
    assert b"\r\n> **\xc4\x90\xe1\xbb\x8dc tr\xc6\xb0\xe1\xbb\x9bc:** [1. M" in after
    assert run_cli("validate", "--root", str(root)).code == 0
    assert run_cli("build", "--root", str(root)).code == 0
    assert path.read_bytes() == after


def test_stale_region_blocks_check_but_not_build(sample: Sample) -> None:
    root = sample("GEN003", "fail")
    check = run_cli("build", "--check", "--root", str(root))
    assert check.code == 1 and "GEN003" in check.out and "GEN001 content" not in check.out
    build = run_cli("build", "--root", str(root))
    assert build.code == 0, build
    assert "content/demo/02-hai.md written" in build.err


def test_damaged_and_unknown_markers_are_reported(sample: Sample) -> None:
    root = sample("GEN003", "fail")
    path = root / ARTICLE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<!-- END GENERATED reading-box -->\n", ""), encoding="utf-8")
    result = run_cli("validate", "--root", str(root))
    assert "content/demo/02-hai.md:19:1: error GEN002 region `reading-box` is never closed" in (
        result.out
    )
    path.write_text(text.replace("reading-box", "khung-doc"), encoding="utf-8")
    result = run_cli("validate", "--root", str(root))
    assert "error GEN002 unknown generated region `khung-doc`" in result.out


def test_fill_regions_is_idempotent_and_local() -> None:
    text = "a\n<!-- BEGIN GENERATED x: note -->\nold\n<!-- END GENERATED x -->\nb\n"
    once = fill_regions(text, {"x": "new"})
    assert once == "a\n<!-- BEGIN GENERATED x: note -->\nnew\n<!-- END GENERATED x -->\nb\n"
    assert fill_regions(once, {"x": "new"}) == once
    regions, problems = find_regions(once)
    assert [(r.name, r.line, r.inner) for r in regions] == [("x", 2, "new")] and not problems


_MERMAID_LINE = re.compile(
    r'^(flowchart TD|  subgraph p\d+\["[^"]+"\]|    a\d+\["[^"]+"\]|  end|  a\d+ --> a\d+)$'
)


def test_mermaid_output_is_well_formed(sample: Sample) -> None:
    out = run_cli("graph", "--root", str(sample("GR005", "pass"))).out
    lines = out.splitlines()
    assert all(_MERMAID_LINE.match(line) for line in lines), out
    assert sum(line.strip().startswith("subgraph") for line in lines) == sum(
        line.strip() == "end" for line in lines
    )
    defined = set(re.findall(r"(a\d+)\[", out))
    used = set(re.findall(r"(a\d+) -->", out)) | set(re.findall(r"--> (a\d+)", out))
    assert used <= defined


_AWKWARD = 'A "q" <b>x</b> & c #35; #quot; d # e `f` {g} [h] |i| %% j; k'
_AWKWARD_YAML = _AWKWARD.replace('"', '\\"')


def _decode_label(label: str) -> str:
    """A quoted Mermaid label as the renderer reads it: `#name;` and `#123;` entity codes."""
    return html.unescape(re.sub(r"#(\d+);", r"&#\1;", re.sub(r"#([A-Za-z]\w*);", r"&\1;", label)))


def test_mermaid_labels_keep_awkward_titles_whole(sample: Sample) -> None:
    root = sample("GR005", "pass")
    for path, old in ((ARTICLE, 'title: "'), ("content/demo/series.yaml", '    title: "')):
        text = (root / path).read_text(encoding="utf-8")
        (root / path).write_text(text.replace(old, f"{old}{_AWKWARD_YAML}", 1), "utf-8")
    out = run_cli("graph", "--root", str(root)).out
    assert all(_MERMAID_LINE.match(line) for line in out.splitlines()), out
    labels = re.findall(r'\["([^"]*)"\]', out)
    assert all(not set(label) & set('<>&`"') for label in labels), labels
    decoded = [_decode_label(label) for label in labels]
    assert any(label.startswith(f"2. {_AWKWARD}") for label in decoded), decoded
    assert any(label.startswith(_AWKWARD) for label in decoded), decoded


@pytest.mark.skipif(shutil.which("mmdc") is None, reason="mermaid-cli (mmdc) not installed")
def test_mermaid_output_renders_with_mermaid_cli(sample: Sample, tmp_path: Path) -> None:
    source = tmp_path / "graph.mmd"
    source.write_text(run_cli("graph", "--root", str(sample("GR005", "pass"))).out, "utf-8")
    subprocess.run(["mmdc", "-i", str(source), "-o", str(tmp_path / "g.svg")], check=True)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) not installed")
def test_dot_output_parses_with_graphviz(tmp_path: Path) -> None:
    from tests.conftest import REPO

    dot = run_cli("graph", "--format", "dot", "--root", str(REPO)).out
    done = subprocess.run(
        ["dot", "-Tplain"], input=dot.encode("utf-8"), capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    nodes = [line for line in done.stdout.decode("utf-8").splitlines() if line.startswith("node ")]
    edges = [line for line in done.stdout.decode("utf-8").splitlines() if line.startswith("edge ")]
    graph = json.loads(run_cli("graph", "--format", "json", "--root", str(REPO)).out)
    assert len(nodes) == len(graph["nodes"]) and len(edges) == len(graph["edges"])
