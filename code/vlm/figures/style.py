"""The shared look of every figure and the deterministic SVG writer.

Everything a figure needs to come out byte-identical on every run lives here: a fixed
`svg.hashsalt` (matplotlib derives element ids from it), no date or creator in the metadata,
text kept as text (`svg.fonttype: none`) and numbers rounded before they are drawn.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.typing import RcKeyType

RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": "vlm-series",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "figure.dpi": 100,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.05,
    "path.simplify": False,
}

# A palette that survives grey-scale printing and colour blindness (Okabe–Ito).
BLUE, ORANGE, GREEN, RED = "#0072B2", "#E69F00", "#009E73", "#D55E00"
PURPLE, SKY, YELLOW, GREY = "#CC79A7", "#56B4E9", "#F0E442", "#999999"
LIGHT = {
    BLUE: "#D6E6F2",
    ORANGE: "#FAEBCC",
    GREEN: "#CCEBE2",
    RED: "#F6D8CC",
    PURPLE: "#F4E2EC",
    GREY: "#EEEEEE",
}


def new_figure(width: float, height: float) -> Figure:
    """A figure of `width` x `height` inches, drawn with the series' style."""
    with rc_context(RC):
        return Figure(figsize=(width, height), layout="constrained")


def to_svg(figure: Figure) -> bytes:
    """The figure as SVG bytes, identical on every run for the same figure."""
    buffer = io.BytesIO()
    with rc_context(RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def settle(values: Any, decimals: int = 4) -> np.ndarray:
    """`values` (array or tensor) as a NumPy array rounded to `decimals`, so that the last
    bits of floating-point arithmetic, which vary between CPUs, never reach the SVG."""
    if hasattr(values, "detach"):
        values = values.detach().cpu().numpy()
    return np.round(np.asarray(values, dtype=np.float64), decimals)


def diagram_axes(figure: Figure, width: float, height: float) -> Axes:
    """Axes for a box-and-arrow diagram in data units of `width` x `height`, no frame."""
    axes = figure.add_subplot()
    axes.set_xlim(0, width)
    axes.set_ylim(0, height)
    axes.set_aspect("equal")
    axes.axis("off")
    return axes


def box(
    axes: Axes,
    center: tuple[float, float],
    size: tuple[float, float],
    text: str,
    color: str = BLUE,
    fontsize: float = 9,
) -> None:
    """A rounded box with centred text, its edge in `color` and its fill a light tint."""
    (x, y), (w, h) = center, size
    axes.add_patch(
        FancyBboxPatch(
            (x - w / 2, y - h / 2),
            w,
            h,
            boxstyle="round,pad=0.02,rounding_size=0.12",
            linewidth=1.2,
            edgecolor=color,
            facecolor=LIGHT.get(color, "#FFFFFF"),
        )
    )
    axes.text(x, y, text, ha="center", va="center", fontsize=fontsize)


def arrow(
    axes: Axes,
    start: tuple[float, float],
    end: tuple[float, float],
    label: str = "",
    color: str = "#333333",
    offset: tuple[float, float] = (0.0, 0.12),
    style: str = "-|>",
) -> None:
    """An arrow from `start` to `end`, with an optional label (a tensor shape) beside it."""
    axes.add_patch(
        FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=10, linewidth=1.1, color=color)
    )
    if label:
        x = (start[0] + end[0]) / 2 + offset[0]
        y = (start[1] + end[1]) / 2 + offset[1]
        axes.text(
            x,
            y,
            label,
            ha="center",
            va="bottom",
            fontsize=7.5,
            color="#444444",
            family="DejaVu Sans Mono",
        )


def heatmap(
    axes: Axes,
    values: np.ndarray,
    rows: Sequence[str],
    columns: Sequence[str],
    cmap: str = "viridis",
    fmt: str = "{:.2f}",
    vmin: float | None = None,
    vmax: float | None = None,
) -> Any:
    """A matrix drawn as vector cells (pcolormesh) with each value written in its cell."""
    mesh = axes.pcolormesh(
        values, cmap=cmap, vmin=vmin, vmax=vmax, edgecolors="white", linewidth=0.5
    )
    axes.set_xticks(np.arange(len(columns)) + 0.5, columns)
    axes.set_yticks(np.arange(len(rows)) + 0.5, rows)
    axes.invert_yaxis()
    axes.tick_params(length=0)
    for side in ("left", "bottom"):
        axes.spines[side].set_visible(False)
    if fmt:
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                value = float(values[i, j])
                red, green, blue, _ = mesh.to_rgba(np.array([[value]]))[0, 0]
                dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
                axes.text(
                    j + 0.5,
                    i + 0.5,
                    fmt.format(value),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if dark else "black",
                )
    return mesh
