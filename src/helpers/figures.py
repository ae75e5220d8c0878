"""One figure style, one colour per outlet, and one ``save_figure``.

Figure NAME is written as ``FIGURES/NAME.png`` (fixed dpi), ``FIGURES/NAME.svg``
(fixed hash salt, no date or version metadata) and ``FIGURES/data/NAME.csv``
(the plotted data), each atomically.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import paths
from .io import atomic_write, write_table

PNG_DPI = 150
# Okabe & Ito (2008) colour-blind-safe palette, then neutral greys for overflow.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000"]
OVERFLOW = "#999999"


def use_style() -> None:
    """Apply the suite's matplotlib style (``helpers/style/suite.mplstyle``)."""
    plt.style.use(str(paths.STYLE_FILE))
    matplotlib.rcParams["svg.hashsalt"] = "comparative-media-suite"


def outlet_colours(outlets: Iterable[str]) -> dict[str, str]:
    """A stable colour for each outlet: Okabe-Ito in sorted order, grey past eight."""
    names = sorted({str(o) for o in outlets})
    return {name: OKABE_ITO[i] if i < len(OKABE_ITO) else OVERFLOW for i, name in enumerate(names)}


def short_label(text: str, width: int = 28) -> str:
    """Cap a label at ``width`` characters with an ellipsis, for legible axes."""
    text = str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def annotated_heatmap(
    values: np.ndarray | pd.DataFrame,
    *,
    ax: plt.Axes,
    cmap: str = "Blues",
    vmin: float | None = None,
    vmax: float | None = None,
    aspect: str | None = None,
    text: Callable[[int, int, float], str | None] | None = None,
    text_colour: Callable[[float], str | None] | None = None,
    fontsize: float = 8,
    xticklabels: Sequence[str] | None = None,
    yticklabels: Sequence[str] | None = None,
    xtick_kw: dict | None = None,
    ytick_kw: dict | None = None,
):
    """The suite's one heatmap: ``values`` drawn on ``ax``, each cell annotated.

    ``text(i, j, value)`` gives a cell's label (``None`` or ``""``: no label) and
    ``text_colour(value)`` its colour (default: the style's text colour); tick labels are
    set when given, with ``xtick_kw`` / ``ytick_kw`` passed to ``set_xticks`` /
    ``set_yticks`` (rotation, alignment, font size). Returns the image, for a colour bar.
    """
    grid = values.to_numpy(dtype=float) if isinstance(values, pd.DataFrame) else values
    image = ax.imshow(grid, cmap=cmap, vmin=vmin, vmax=vmax, aspect=aspect)
    if text is not None:
        for i in range(grid.shape[0]):
            for j in range(grid.shape[1]):
                label = text(i, j, grid[i, j])
                if label:
                    ax.text(j, i, label, ha="center", va="center", fontsize=fontsize,
                            color=text_colour(grid[i, j]) if text_colour else None)
    if xticklabels is not None:
        ax.set_xticks(range(grid.shape[1]), list(xticklabels), **(xtick_kw or {}))
    if yticklabels is not None:
        ax.set_yticks(range(grid.shape[0]), list(yticklabels), **(ytick_kw or {}))
    ax.grid(False)
    return image


def _show_in_notebook(png: bytes) -> bool:
    """Display already-rendered PNG bytes when running inside a Jupyter kernel."""
    try:
        from IPython import get_ipython
        from IPython.display import Image, display
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None or "ZMQ" not in type(shell).__name__:
        return False
    pixels = int.from_bytes(png[16:20], "big")  # PNG header: image width
    display(Image(data=png, width=max(1, round(pixels * 100 / PNG_DPI))))
    return True


def save_figure(
    fig: plt.Figure,
    name: str,
    data: pd.DataFrame,
    figures: str | os.PathLike[str] | None = None,
    show: bool = True,
) -> dict[str, Path]:
    """Write ``NAME.png``, ``NAME.svg`` and ``data/NAME.csv`` into the figures folder.

    ``data`` is the table the figure plots, so every figure can be checked and
    re-plotted. SVG and CSV are byte-identical from run to run; each file is
    written atomically. In a notebook the saved PNG is shown (``show=True``) and the
    figure closed, so it is not rendered twice. Returns the three paths.
    """
    out = paths.figures_dir(figures)
    written: dict[str, Path] = {}
    with matplotlib.rc_context({"svg.hashsalt": "comparative-media-suite"}):
        for fmt, meta in (("svg", {"Date": None, "Creator": None}), ("png", {"Software": None})):
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, dpi=PNG_DPI, metadata=meta)
            payload = buf.getvalue()
            written[fmt] = atomic_write(out / f"{name}.{fmt}",
                                        lambda tmp, b=payload: tmp.write_bytes(b))
    written["csv"] = write_table(data, out / "data" / f"{name}.csv")
    if show and _show_in_notebook(written["png"].read_bytes()):
        plt.close(fig)
    return written
