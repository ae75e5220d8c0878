"""Every path the suite uses, in one place.

Notebooks never build paths from ``../`` strings: they ask this module.
``CORPUS`` and ``FIGURES`` parameters may be ``None`` (the defaults below),
an absolute path, or a path relative to the project root.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE_DIR / "data"
STYLE_FILE = PACKAGE_DIR / "style" / "suite.mplstyle"


def _find_root() -> Path:
    """The checkout's root (the folder holding ``pyproject.toml``), else the working dir."""
    for parent in PACKAGE_DIR.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "notebooks").is_dir():
            return parent
    return Path.cwd()


PROJECT_ROOT = _find_root()
SEEDS = PROJECT_ROOT / "seeds"
FIGURES = PROJECT_ROOT / "figures"
NOTEBOOKS = PROJECT_ROOT / "notebooks"
BUILD = PROJECT_ROOT / "build"
# where a notebook run by hand writes its figures and tables (see figures_dir)
SCRATCH_FIGURES = BUILD / "scratch" / "figures"
# small examples of each format `make import` reads (notebook 01), and where imports
# made while exploring go
IMPORT_EXAMPLES = PROJECT_ROOT / "tests" / "data" / "import"
SCRATCH_IMPORTS = BUILD / "scratch" / "imports"


def _resolve(value: str | os.PathLike[str] | None, default: Path) -> Path:
    if value is None or str(value).strip() == "":
        return default
    path = Path(value).expanduser()
    return path if path.is_absolute() else (PROJECT_ROOT / path).resolve()


def corpus_dir(value: str | os.PathLike[str] | None = None) -> Path:
    """The corpus folder: ``value`` if given, else the seed articles."""
    return _resolve(value, SEEDS)


def output_dir(value: str | os.PathLike[str] | None = None) -> Path:
    """The output folder for figures (default ``figures/``), resolved but not created: the
    runner creates it only when a run succeeds."""
    return _resolve(value, FIGURES)


def executed_dir(figures: str | os.PathLike[str] | None = None) -> Path:
    """Where ``make figures`` keeps the executed notebooks of a run into ``figures``:
    ``build/notebooks`` for the default ``figures/``, else a folder of that output's own
    below ``build/executed/``, so that runs into different folders never share one."""
    out = output_dir(figures)
    if out == FIGURES:
        return BUILD / "notebooks"
    import hashlib

    tag = hashlib.sha256(str(out).encode()).hexdigest()[:10]
    return BUILD / "executed" / f"{out.name}-{tag}"


def figures_dir(value: str | os.PathLike[str] | None = None) -> Path:
    """The output folder for figures (created), with its ``data/`` subfolder for tables.

    ``None`` (a notebook run by hand in JupyterLab) is the scratch folder
    :data:`SCRATCH_FIGURES`, so that exploring never overwrites the reviewed ``figures/``:
    only ``make figures`` (the runner, which always passes its folder) writes there.
    """
    out = _resolve(value, SCRATCH_FIGURES)
    (out / "data").mkdir(parents=True, exist_ok=True)
    return out


def data_dir(figures: str | os.PathLike[str] | None = None) -> Path:
    """Where analysis tables go: ``FIGURES/data`` (``None``: the scratch folder's)."""
    return figures_dir(figures) / "data"


def nltk_data_dir() -> Path:
    """A data folder the suite controls, added to NLTK's search path (see ``resources``).

    ``HELPERS_NLTK_DATA`` overrides it; the default lives in ``build/`` of the checkout.
    """
    env = os.environ.get("HELPERS_NLTK_DATA")
    return Path(env).expanduser().resolve() if env else BUILD / "nltk_data"
