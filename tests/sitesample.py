"""A small sample series for the site's tests: math, code, tables, images, Mermaid,
companion code, a notebook, tags, eras, tiers, and hostile HTML."""

from __future__ import annotations

import json
from pathlib import Path

SERIES = """\
id: demo
title: "Series <b>demo</b>"
description: "Một series nhỏ để kiểm thử trang web."
roadmap: content/demo/00-roadmap.md
{base_url}articleCount: 3
phases:
  - id: dau
    title: "Giai đoạn đầu"
    years: "2020–2021"
    description: "Những bài đầu tiên."
  - id: sau
    title: "Giai đoạn sau"
    years: "2022–2023"
tiers:
  - id: nen-tang
    title: "Nền tảng"
    description: "Kiến thức gốc."
    articles: [hoc-tuong-phan, hai]
  - id: nang-cao
    title: "Nâng cao"
    articles: [ba]
outputs:
  metadata: data/demo/metadata.json
  changelog: docs/changelog.md
"""

FRONT = """\
---
title: {title}
date: "{date}"
{extra}category: "demo"
tags: {tags}
excerpt: "Một bài để kiểm thử."
author: "Tác giả"
readingTime: auto
series: "demo"
order: {order}
{phase}prerequisites: {prerequisites}
code: {code}
notebooks: {notebooks}
---

"""

ROADMAP = """\
# Lộ trình demo

Đọc [bài 1](01-hoc-tuong-phan.md) rồi [bài 2](02-hai.md#phần-hai), sau đó [bài 3](03-ba.md).
"""

FIRST = """\
# Học tương phản

## Giới thiệu

Công thức $E = mc^2$ nằm trong dòng, còn `$không phải toán$` là mã.

$$
\\mathcal{L} = -\\log \\frac{e^{s}}{\\sum_j e^{s_j}}
$$

```python
def f(x: int) -> int:
    return x * 2  # $x$ không phải toán
```

| Cột A | Cột B |
|---|---|
| 1 | 2 |

![Sơ đồ hai encoder dùng chung một không gian.](images/hinh.svg)

```mermaid
graph LR
  A --> B
```

## Giới thiệu

Xem [mã](../../code/demo/model.py), [notebook](../../notebooks/demo/01-hoc-tuong-phan.ipynb)
và [phần hai](02-hai.md#phần-hai), [ở trên](#giới-thiệu-1).
"""

SECOND = """\
# Hai

## Phần hai

<script>alert("x")</script>
<img src="images/hinh.svg" alt="ảnh" onerror="alert(1)">
<a href="javascript:alert(1)">bấm</a>
<details><summary>Chi tiết</summary>Nội dung <em>ẩn</em>.</details>

Quay lại [bài 1](01-hoc-tuong-phan.md#giới-thiệu).
"""

THIRD = """\
# Ba

Bài cuối, xem [roadmap](00-roadmap.md).
"""

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'
MODEL = '"""A model."""\n\n\nclass Model:\n    """A model."""\n\n    def forward(self, x: int) -> int:\n        return x\n'


def _front(order: int, title: str, slug: str, **keys: str) -> str:
    return FRONT.format(
        title=json.dumps(title, ensure_ascii=False),
        date=keys.get("date", "2025-01-01"),
        extra=keys.get("extra", ""),
        tags=keys.get("tags", '["demo"]'),
        order=order,
        phase=f'phase: "{keys["phase"]}"\n' if "phase" in keys else "",
        prerequisites=keys.get("prerequisites", "[]"),
        code=keys.get("code", "[]"),
        notebooks=keys.get("notebooks", "[]"),
    )


def notebook() -> str:
    """A minimal notebook without outputs."""
    cells = [{"cell_type": "code", "metadata": {}, "source": ["print(1)\n"], "outputs": []}]
    cells.append({"cell_type": "markdown", "metadata": {}, "source": ["# Ghi chú"]})
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def write_sample(root: Path, base_url: str | None = None) -> Path:
    """Write the sample series under `root` and return `root`."""
    content = root / "content/demo"
    (content / "images").mkdir(parents=True)
    (root / "code/demo").mkdir(parents=True)
    (root / "notebooks/demo").mkdir(parents=True)
    url = f"baseUrl: {base_url}\n" if base_url else ""
    (content / "series.yaml").write_text(SERIES.format(base_url=url), encoding="utf-8")
    files = {
        "00-roadmap.md": _front(0, "Lộ trình demo", "roadmap") + ROADMAP,
        "01-hoc-tuong-phan.md": _front(
            1,
            "Học tương phản",
            "hoc-tuong-phan",
            phase="dau",
            tags='["demo", "contrastive"]',
            code='["code/demo/model.py::Model"]',
            notebooks='["notebooks/demo/01-hoc-tuong-phan.ipynb"]',
        )
        + FIRST,
        "02-hai.md": _front(
            2,
            '</title><script>alert("t")</script>',
            "hai",
            phase="dau",
            prerequisites='["hoc-tuong-phan"]',
            date="2025-02-01",
            extra='updated: "2025-03-01"\nupdates:\n  - date: "2025-04-01"\n'
            '    summary: "Sửa lỗi."\n',
        )
        + SECOND,
        "03-ba.md": _front(3, "Ba", "ba", phase="sau", prerequisites='["hai"]') + THIRD,
    }
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")
    (content / "images/hinh.svg").write_text(SVG, encoding="utf-8")
    (root / "code/demo/model.py").write_text(MODEL, encoding="utf-8")
    (root / "notebooks/demo/01-hoc-tuong-phan.ipynb").write_text(notebook(), encoding="utf-8")
    return root
