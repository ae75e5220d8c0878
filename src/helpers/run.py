"""Execute the notebooks headless, in order, on one corpus: ``python -m helpers.run``.

Each notebook runs in a fresh kernel through papermill, with its ``parameters``
cell given ``CORPUS`` and ``FIGURES``. Executed copies go to ``build/notebooks/``
(never back into ``notebooks/``). The corpus is loaded once up front, so an empty
or invalid corpus stops at once with the loader's error.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import paths


def notebook_list(selected: list[str] | None = None) -> list[Path]:
    """The notebooks ``NN_topic.ipynb`` in order (only names starting with ``selected``)."""
    books = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if selected:
        books = [b for b in books if any(b.name.startswith(s) for s in selected)]
    return books


def execute_notebook(notebook: Path, output: Path, corpus: str, figures: str) -> None:
    """Run one notebook with papermill in a fresh kernel; raises if any cell fails."""
    import papermill

    output.parent.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("TQDM_DISABLE", "1")
    papermill.execute_notebook(
        str(notebook),
        str(output),
        parameters={"CORPUS": corpus, "FIGURES": figures},
        kernel_name="python3",
        cwd=str(notebook.parent),
        progress_bar=False,
        log_output=False,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="", help="corpus folder (default: seeds/)")
    parser.add_argument("--figures", default="", help="output folder (default: figures/)")
    parser.add_argument("--build", default=str(paths.BUILD / "notebooks"),
                        help="where executed notebooks go (default: build/notebooks)")
    parser.add_argument("notebooks", nargs="*", help="run only notebooks starting with these")
    args = parser.parse_args(argv)

    from .corpus import CorpusError, load_corpus

    corpus = str(paths.corpus_dir(args.corpus or None))
    figures = str(paths.figures_dir(args.figures or None))
    try:
        articles = load_corpus(corpus)
    except CorpusError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"corpus: {corpus} ({len(articles)} articles) -> figures: {figures}")
    for notebook in notebook_list(args.notebooks):
        start = time.perf_counter()
        execute_notebook(notebook, Path(args.build) / notebook.name, corpus, figures)
        print(f"  ran {notebook.name} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
