"""Files the synthetic articles reference: tiny PNG images, Python modules, notebooks."""

from __future__ import annotations

import json
import struct
import zlib


def tiny_png(red: int, green: int, blue: int) -> bytes:
    """A valid 2x2 RGB PNG of one colour (deterministic bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    row = b"\x00" + bytes((red, green, blue)) * 2
    pixels = zlib.compress(row * 2, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def python_module(module: int, orders: list[int]) -> str:
    """A companion module: one class with a method, and `func_N` for each article N."""
    parts = [
        f'"""Companion code of articles {orders[0]}-{orders[-1]} (synthetic)."""\n\n'
        "from __future__ import annotations\n\n\n"
        f"class Block{module}:\n"
        '    """A tiny building block."""\n\n'
        "    def forward(self, x: int) -> int:\n"
        '        """Shift `x` by the module number."""\n'
        f"        return x + {module}\n"
    ]
    parts += [
        f"\n\ndef func_{order}(x: int) -> int:\n"
        f'    """Companion function of article {order}."""\n'
        f"    return x * {order}\n"
        for order in orders
    ]
    return "".join(parts)


def notebook(module: int) -> str:
    """A valid nbformat 4.5 notebook with a Markdown and a code cell."""
    document = {
        "cells": [
            {
                "cell_type": "markdown",
                "id": f"nb{module}-0",
                "metadata": {},
                "source": [f"# Notebook {module}\n", "\n", "Chạy thử hàm đi kèm bài viết."],
            },
            {
                "cell_type": "code",
                "execution_count": None,
                "id": f"nb{module}-1",
                "metadata": {},
                "outputs": [],
                "source": ["print(sum(range(10)))"],
            },
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
