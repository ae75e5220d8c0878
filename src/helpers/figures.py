"""One figure style, one colour per outlet, and one ``save_figure``.

Figure NAME is written as ``FIGURES/NAME.png`` (fixed dpi), ``FIGURES/NAME.svg``
(fixed hash salt, no date or version metadata) and ``FIGURES/data/NAME.csv``
(the plotted data), each atomically.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from . import paths
from .io import atomic_write, write_table

PNG_DPI = 150
# Okabe & Ito (2008) colour-blind-safe palette, then neutral greys for overflow.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000"]
OVERFLOW = "#999999"
SIDE_COLOURS = {
    "Ukraine": "#0072B2",
    "United States": "#D55E00",
    "Europe": "#009E73",
    "Russia": "#CC79A7",
    "unknown": "#999999",
}


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
