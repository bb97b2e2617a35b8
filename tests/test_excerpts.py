"""CODE010: which blocks are excerpts, which lines are compared, and where a mismatch points."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.load.markdown import CodeLine, parse_markdown
from tests.conftest import FIXTURES, run_cli

Sample = Callable[[str, str], Path]
ARTICLE = "content/demo/02-hai.md"
FRONT_CODE = 'code: ["code/demo/model.py::Model.forward"]'


def _repo(sample: Sample, edit: Callable[[str], str]) -> Path:
    """The passing CODE010 sample with its article edited."""
    return _edit(sample("CODE010", "pass"), edit)


def _edit(root: Path, edit: Callable[[str], str]) -> Path:
    """`root` with the article of the passing sample, edited, as its article."""
    original = (FIXTURES / "CODE010/pass" / ARTICLE).read_text(encoding="utf-8")
    (root / ARTICLE).write_text(edit(original), encoding="utf-8")
    return root


def _with_section(body: str) -> Callable[[str], str]:
    """Replace the article's companion code section by `body`."""
    return lambda text: text.split("## Mã nguồn đi kèm")[0] + "## Mã nguồn đi kèm\n\n" + body


def _diagnostics(root: Path) -> list[str]:
    out = run_cli("validate", "--no-cache", "--root", str(root)).out
    return re.findall(r"(?m)^(\S+:\d+:\d+): \w+ (\w+)", out)


def _at(root: Path, text: str, column: int = 1) -> str:
    """`path:line:column` of the article's only line that is `text`."""
    lines = (root / ARTICLE).read_text(encoding="utf-8").split("\n")
    assert lines.count(text) == 1
    return f"{ARTICLE}:{lines.index(text) + 1}:{column}"


LINK = "[train.py](../../code/demo/train.py)\n\n"


def test_an_excerpt_may_take_lines_from_the_linked_and_the_listed_files(sample: Sample) -> None:
    block = "```python\nmodel = Model(2)\nreturn y + 1\n```\n"
    root = _repo(sample, _with_section(LINK + block))
    assert _diagnostics(root) == []
    # without the front matter's entry, model.py's line is cited by no file
    _edit(root, lambda t: _with_section(LINK + block)(t).replace(FRONT_CODE, "code: []"))
    assert _diagnostics(root) == [(_at(root, "return y + 1"), "CODE010")]


def test_indentation_and_order_do_not_matter(sample: Sample) -> None:
    block = "```py\n        return y + 1\nmodel = Model(2)\n\t    y = x * self.scale\n```\n"
    assert _diagnostics(_repo(sample, _with_section(LINK + block))) == []


def test_blank_comment_and_elision_lines_are_not_compared(sample: Sample) -> None:
    block = "```python\n# chỉ có chú thích\n\n    ...\n… phần còn lại\n```\n"
    assert _diagnostics(_repo(sample, _with_section(LINK + block))) == []


def test_the_position_is_the_first_differing_line_at_its_first_character(sample: Sample) -> None:
    block = "> ```python\n> model = Model(2)\n>     return y * 2\n>   z = 0\n> ```\n"
    root = _repo(sample, _with_section(LINK + block))
    result = run_cli("validate", "--no-cache", "--root", str(root))
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        f"{_at(root, '>     return y * 2', 7)}: error CODE010 excerpt line `return y * 2` is in none of the files "
        "it cites: `code/demo/train.py`, `code/demo/model.py` (and 1 more line of this block)"
    )


def test_blocks_outside_a_section_that_links_companion_code_are_sketches(sample: Sample) -> None:
    sketch = "```python\nnot_in_the_code = True\n```\n"
    section = f"{LINK}### Chi tiết\n\n{sketch}\n## Tiếp theo\n\n{sketch}"
    root = _repo(sample, _with_section(section))
    first = (root / ARTICLE).read_text(encoding="utf-8").split("\n").index("not_in_the_code = True")
    assert _diagnostics(root) == [(f"{ARTICLE}:{first + 1}:1", "CODE010")]
    text_block = sketch.replace("python", "text")
    assert _diagnostics(_edit(root, _with_section(LINK + text_block))) == []


def test_a_missing_linked_file_gives_only_its_link_diagnostic(sample: Sample) -> None:
    link = "[gone.py](../../code/demo/gone.py)\n\n"
    block = "```python\nnot_in_the_code = True\n```\n"
    root = _repo(sample, _with_section(link + block))
    assert _diagnostics(root) == [(_at(root, link.strip()), "LNK001")]


def test_a_missing_listed_file_gives_only_code001(sample: Sample) -> None:
    block = "```python\nnot_in_the_code = True\n```\n"
    missing = 'code: ["code/demo/gone.py"]'
    root = _repo(sample, lambda t: _with_section(LINK + block)(t).replace(FRONT_CODE, missing))
    assert _diagnostics(root) == [(f"{ARTICLE}:13:8", "CODE001")]


def test_an_unreadable_cited_file_gives_only_its_encoding_error(sample: Sample) -> None:
    block = "```python\nnot_in_the_code = True\n```\n"
    root = _repo(sample, _with_section(LINK + block))
    (root / "code/demo/train.py").write_bytes(b"x = '\xe0'\n")
    assert [code for _, code in _diagnostics(root)] == ["ENC001"]


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_an_edit_of_the_code_is_seen_on_the_next_run(
    sample: Sample, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    monkeypatch.delenv("CI", raising=False)
    root = sample("CODE010", "pass")
    flag = () if cache else ("--no-cache",)
    assert run_cli("validate", *flag, "--root", str(root)).code == 0
    model = root / "code/demo/model.py"
    model.write_text(model.read_text(encoding="utf-8").replace("y + 1", "y + 2"), "utf-8")
    result = run_cli("validate", *flag, "--root", str(root))
    assert result.code == 1 and " CODE010 excerpt line `return y + 1` " in result.out


def test_python_blocks_keep_each_line_with_its_source_position() -> None:
    text = "# T\n\n```Python title=x\na\n  b\n```\n\n- item\n\n  ```py\n  c\n  ```\n\n```text\nd\n```\n"
    blocks = parse_markdown(text).python_blocks
    assert blocks == (
        (CodeLine("a", 4, 1), CodeLine("  b", 5, 1)),
        (CodeLine("c", 11, 3),),
    )


def test_linked_code_is_read_only_for_an_article_that_shows_python(sample: Sample) -> None:
    block = "```python\nnot_in_the_code = True\n```\n"
    root = _repo(sample, lambda t: _with_section(LINK + block)(t).replace("```python", "```text"))
    (root / "code/demo/train.py").write_bytes(b"x = '\xe0'\n")
    assert _diagnostics(root) == []
