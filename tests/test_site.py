"""The static site: pages from the metadata contract, links that resolve, math, safety,
determinism, partial rebuilds and pages for broken articles."""

from __future__ import annotations

import json
import re
import socket
import unicodedata
from pathlib import Path

import pytest

from pipeline.site import build_site
from tests.conftest import run_cli, run_python
from tests.sitecrawl import broken_links, parse
from tests.sitesample import write_sample


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh sample series."""
    return write_sample(tmp_path / "repo")


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def _metadata(root: Path) -> dict[str, object]:
    assert run_cli("build", "--root", str(root)).code == 0
    data: dict[str, object] = json.loads((root / "data/demo/metadata.json").read_text("utf-8"))
    return data


def test_every_article_tag_era_and_tier_has_a_page(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build_site(repo, out)
    assert result.diagnostics == ()
    meta = _metadata(repo)
    expected = ["index.html", "demo/index.html", "sitemap.xml", "demo/feed.xml", "search.json"]
    expected += [f"demo/{a['slug']}/index.html" for a in meta["articles"]]  # type: ignore[attr-defined]
    expected += [f"demo/tags/{t}/index.html" for t in meta["tags"]]  # type: ignore[attr-defined]
    expected += [f"demo/eras/{p['id']}/index.html" for p in meta["phases"]]  # type: ignore[attr-defined]
    expected += [f"demo/tiers/{t['id']}/index.html" for t in meta["tiers"]]  # type: ignore[attr-defined]
    missing = [rel for rel in expected if not (out / rel).is_file()]
    assert missing == []
    assert set(expected) <= set(result.pages)


def test_every_internal_link_and_anchor_resolves(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(repo, out)
    assert broken_links(out) == []
    first = parse(out / "demo/hoc-tuong-phan/index.html")
    # `.md` links became page links, the anchors kept GitHub's ids
    assert "../hai/#phần-hai" in first.links
    assert {"giới-thiệu", "giới-thiệu-1", "học-tương-phản"} <= first.ids
    assert "../../source/code/demo/model.py.html" in first.links
    assert "../../source/notebooks/demo/01-hoc-tuong-phan.ipynb.html" in first.links


def test_the_crawler_reports_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    out = tmp_path / "site"
    (out / "a").mkdir(parents=True)
    (out / "index.html").write_text('<a href="a/">a</a><a href="b.html">b</a>', "utf-8")
    (out / "a/index.html").write_text('<h2 id="x">x</h2><a href="../#nope">n</a>', "utf-8")
    assert broken_links(out) == [
        "a/index.html -> ../#nope (no id 'nope' in index.html)",
        "index.html -> b.html (no file b.html)",
    ]


def test_math_becomes_mathml_but_not_inside_code(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(repo, out)
    page = (out / "demo/hoc-tuong-phan/index.html").read_text("utf-8")
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in page
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in page
    assert "<code>$không phải toán$</code>" in page
    assert "# $x$ không phải toán" in page  # a comment in a code block stays text
    assert "$E = mc^2$" not in page and "\\mathcal" not in page


def test_code_tables_images_and_diagrams(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(repo, out)
    page = (out / "demo/hoc-tuong-phan/index.html").read_text("utf-8")
    assert '<span class="k">def</span>' in page  # Pygments
    assert "<table>" in page and "<th>Cột A</th>" in page
    assert (
        '<img src="../images/hinh.svg" alt="Sơ đồ hai encoder dùng chung một không gian.">' in page
    )
    assert '<pre class="mermaid">graph LR\n  A --&gt; B\n</pre>' in page
    assert (out / "demo/images/hinh.svg").read_bytes() == (
        repo / "content/demo/images/hinh.svg"
    ).read_bytes()
    code = (out / "source/code/demo/model.py.html").read_text("utf-8")
    assert '<span id="L-4">' in code and '<span class="nc">Model</span>' in code


def test_hostile_html_and_front_matter_are_neutralised(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(repo, out)
    for path in out.rglob("*.html"):
        text = path.read_text("utf-8")
        scripts = re.findall(r"<script[^>]*>", text)
        assert all(
            re.fullmatch(r'<script src="[./]*assets/[a-z.]+\.js" defer>', s) for s in scripts
        )
        assert "javascript:" not in text and "onerror" not in text and "alert(1)" not in text
    page = (out / "demo/hai/index.html").read_text("utf-8")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(&#34;t&#34;)" in page
    assert "<details><summary>Chi tiết</summary>Nội dung <em>ẩn</em>.</details>" in page
    assert "<b>demo</b>" not in (out / "index.html").read_text("utf-8")


def test_two_builds_are_byte_identical(repo: Path, tmp_path: Path) -> None:
    build_site(repo, tmp_path / "one")
    build_site(repo, tmp_path / "two")
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    again = build_site(repo, tmp_path / "one")
    assert again.pages == ()  # nothing changed, nothing written


# (article, old text, new text, whether its body changes, a page the change must rewrite):
# a sentence; a title and a dropped prerequisite (the neighbour's reading box changes);
# a new heading
EDITS = (
    ("content/demo/03-ba.md", "Bài cuối", "Bài thứ ba", True, "demo/ba/index.html"),
    ("content/demo/03-ba.md", 'title: "Ba"', 'title: "Bốn"', False, "demo/hai/index.html"),
    (
        "content/demo/03-ba.md",
        'prerequisites: ["hai"]',
        "prerequisites: []",
        False,
        "demo/hai/index.html",
    ),
    (
        "content/demo/02-hai.md",
        "\n## ",
        "\n## Mục mới\n\nĐoạn mới.\n\n## ",
        True,
        "demo/hai/index.html",
    ),
)


@pytest.mark.parametrize("recalled", [False, True], ids=["fresh", "recalled"])
def test_each_partial_build_rewrites_what_the_edit_touches_and_equals_a_full_build(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recalled: bool
) -> None:
    from pipeline.site import jobs
    from pipeline.site.recall import Recall

    rendered: list[str] = []
    plain = jobs.render_markdown

    def counted(body: str, source: str, *args: object) -> str:
        rendered.append(source)
        return plain(body, source, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(jobs, "render_markdown", counted)
    out, recall = tmp_path / "site", Recall() if recalled else None
    full = build_site(repo, out, recall=recall)
    for number, (path, old, new, body, page) in enumerate(EDITS):
        article = repo / path
        text = article.read_text("utf-8")
        assert old in text
        article.write_text(text.replace(old, new, 1), "utf-8")
        rendered.clear()
        partial = build_site(repo, out, only=[path], recall=recall)
        assert page in partial.pages
        assert "demo/hoc-tuong-phan/index.html" not in partial.pages
        assert 0 < len(partial.pages) < len(full.pages)
        if recalled:  # only the edited body is rendered again, if it changed
            assert rendered == ([path] if body else [])
        build_site(repo, tmp_path / f"fresh-{number}")
        assert _tree(out) == _tree(tmp_path / f"fresh-{number}"), path


def test_recall_makes_again_only_for_other_inputs() -> None:
    from pipeline.site.recall import Recall, recalled

    made: list[int] = []

    def make(value: int) -> int:
        made.append(value)
        return value * 10

    recall = Recall()
    assert recall.get("a", (1, [2]), lambda: make(1)) == 10
    assert recall.get("a", (1, [2]), lambda: make(9)) == 10  # equal inputs: kept
    assert recall.get("b", (1, [2]), lambda: make(2)) == 20  # another name
    assert recall.get("a", (1, [3]), lambda: make(3)) == 30  # other inputs
    assert recall.get("a", (1, [2]), lambda: make(4)) == 40  # only the last is kept
    assert recalled(None, "a", (1, [3]), lambda: make(5)) == 50  # nothing recalled
    assert made == [1, 2, 3, 4, 5]


def test_a_full_build_removes_pages_of_removed_articles(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(repo, out)
    (repo / "content/demo/03-ba.md").unlink()
    yaml = repo / "content/demo/series.yaml"
    yaml.write_text(yaml.read_text("utf-8").replace("articleCount: 3", "articleCount: 2"), "utf-8")
    yaml.write_text(yaml.read_text("utf-8").replace("articles: [ba]", "articles: [hai]"), "utf-8")
    build_site(repo, out)
    assert not (out / "demo/ba").exists()
    build_site(repo, tmp_path / "fresh")
    assert _tree(out) == _tree(tmp_path / "fresh")


def test_a_folder_of_other_files_is_refused(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("x", "utf-8")
    result = run_cli("site", "--root", str(repo), "--out", str(out))
    assert result.code == 2
    assert "holds files that no site build wrote" in result.err
    assert (out / "notes.txt").exists()


def test_a_broken_article_gets_a_page_with_its_diagnostics(repo: Path, tmp_path: Path) -> None:
    article = repo / "content/demo/02-hai.md"
    text = article.read_text("utf-8").replace("readingTime: auto", "readingTime: nhanh")
    article.write_text(text + "\n[mất](khong-co.md)\n", "utf-8")
    out = tmp_path / "site"
    result = run_cli("site", "--root", str(repo), "--out", str(out))
    assert result.code == 1  # as validate: errors fail the command, the site is written
    assert "error FM" in result.out and "error LNK001" in result.out
    page = (out / "demo/hai/index.html").read_text("utf-8")
    assert 'class="diagnostics"' in page and "LNK001" in page and "readingTime" in page
    assert '<h2 id="phần-hai">Phần hai</h2>' in page
    assert (out / "demo/hoc-tuong-phan/index.html").is_file()


def test_an_article_that_is_not_utf8_gets_a_page_with_what_can_be_read(
    repo: Path, tmp_path: Path
) -> None:
    article = repo / "content/demo/03-ba.md"
    data = article.read_bytes().replace("Bài cuối".encode(), b"B\xe0i cu\xf4i", 1)
    article.write_bytes(data.replace(b"\n", b"\r\n"))
    out = tmp_path / "site"
    assert run_cli("site", "--root", str(repo), "--out", str(out)).code == 1
    page = (out / "demo/ba/index.html").read_text("utf-8")
    assert 'class="diagnostics"' in page and "ENC001" in page
    assert "B\ufffdi cu\ufffdi" in page and "\r" not in page


def test_crlf_and_decomposed_text_render_as_the_checks_read_them(
    repo: Path, tmp_path: Path
) -> None:
    article = repo / "content/demo/03-ba.md"
    text = article.read_text("utf-8").replace("Bài cuối", unicodedata.normalize("NFD", "Bài cuối"))
    article.write_bytes(("\ufeff" + text).replace("\n", "\r\n").encode("utf-8"))
    build_site(repo, tmp_path / "site")
    page = (tmp_path / "site/demo/ba/index.html").read_text("utf-8")
    assert "Bài cuối" in page and "\r" not in page


def test_a_cycle_still_gives_every_article_a_page(repo: Path, tmp_path: Path) -> None:
    first = repo / "content/demo/01-hoc-tuong-phan.md"
    first.write_text(
        first.read_text("utf-8").replace("prerequisites: []", 'prerequisites: ["ba"]'), "utf-8"
    )
    out = tmp_path / "site"
    result = build_site(repo, out)
    codes = {d.code for d in result.diagnostics if d.code.startswith("GR")}
    assert codes
    pages = [
        (out / f"demo/{s}/index.html").read_text("utf-8") for s in ("hoc-tuong-phan", "hai", "ba")
    ]
    assert any(code in page for page in pages for code in codes)


def test_pages_carry_lang_opengraph_and_the_permalink(tmp_path: Path) -> None:
    repo = write_sample(tmp_path / "repo", base_url="https://example.org/series")
    out = tmp_path / "site"
    build_site(repo, out)
    page = (out / "demo/hai/index.html").read_text("utf-8")
    assert '<html lang="vi">' in page
    assert '<meta property="og:url" content="https://example.org/series/demo/hai/">' in page
    assert '<link rel="canonical" href="https://example.org/series/demo/hai/">' in page
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/series/demo/hai/</loc><lastmod>2025-04-01</lastmod>" in sitemap
    feed = (out / "demo/feed.xml").read_text("utf-8")
    assert "<updated>2025-04-01T00:00:00Z</updated>" in feed.split("<entry>")[0]


def test_the_site_command_does_not_slow_down_validate(repo: Path) -> None:
    script = (
        "import sys; from pipeline.cli import main; "
        "main(['validate', '--no-cache', '--root', sys.argv[1]]); "
        "print(sorted(m for m in ('jinja2', 'nh3', 'pygments', 'latex2mathml')"
        " if m in sys.modules))"
    )
    assert run_python(script, str(repo)).strip().endswith("[]")


def test_mermaid_js_comes_from_the_project_install(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.site import build as site_build

    installed = tmp_path / "mermaid.min.js"
    installed.write_text("window.mermaid = {};\n", "utf-8")
    monkeypatch.setattr(site_build, "MERMAID", installed)
    out = tmp_path / "site"
    build_site(repo, out)
    assert (out / "assets/mermaid.min.js").read_bytes() == installed.read_bytes()
    with_diagram = (out / "demo/hoc-tuong-phan/index.html").read_text("utf-8")
    assert '<script src="../../assets/mermaid.min.js" defer></script>' in with_diagram
    assert "mermaid.min.js" not in (out / "demo/hai/index.html").read_text("utf-8")
    assert broken_links(out) == []


def test_without_mermaid_js_diagrams_stay_text(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.site import build as site_build

    monkeypatch.setattr(site_build, "MERMAID", tmp_path / "missing.js")
    out = tmp_path / "site"
    build_site(repo, out)
    assert not (out / "assets/mermaid.min.js").exists()
    assert "mermaid.min.js" not in (out / "demo/hoc-tuong-phan/index.html").read_text("utf-8")


def test_the_graph_is_drawn_by_mermaid_without_graphviz(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.site import build as site_build

    monkeypatch.setattr(site_build.shutil, "which", lambda name: None)
    out = tmp_path / "site"
    build_site(repo, out)
    assert not (out / "demo/graph.svg").exists()
    page = (out / "demo/graph/index.html").read_text("utf-8")
    assert '<pre class="mermaid">flowchart TD' in page
    assert broken_links(out) == []


_CONNECT = socket.socket.connect  # before the autouse fixture forbids the network


def _local_only(sock: socket.socket, address: object) -> None:
    """Unix sockets (the fork server's) connect; network ones are refused."""
    if sock.family != socket.AF_UNIX:
        raise RuntimeError("network access in a test")
    _CONNECT(sock, address)  # type: ignore[arg-type]


@pytest.mark.parametrize("fresh_workers", [False, True], ids=["forked", "fork-server"])
def test_worker_processes_write_the_same_site(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_workers: bool
) -> None:
    from pipeline.site import jobs

    build_site(repo, tmp_path / "serial")
    monkeypatch.setattr(jobs, "PARALLEL_FROM", 1)
    monkeypatch.setattr(jobs, "SMALL_WORKERS_FROM", 1 if fresh_workers else 10**9)
    monkeypatch.setattr(jobs.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(socket.socket, "connect", _local_only)
    build_site(repo, tmp_path / "workers")
    assert _tree(tmp_path / "workers") == _tree(tmp_path / "serial")


def test_an_article_page_shows_its_title_before_the_table_of_contents(
    repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build_site(repo, out)
    page = next(
        p
        for p in sorted(out.glob("*/*/index.html"))
        if 'class="toc"' in p.read_text(encoding="utf-8")
    )
    text = page.read_text(encoding="utf-8")
    article = text[text.index("<article>") :]
    assert article.index("<h1") < article.index('class="meta"') < article.index('class="toc"')
    assert article.count("<h1") == 1
    toc = article[article.index('class="toc"') : article.index("</nav>")]
    assert "<ol" not in toc  # headings carry their own numbers
