"""Execute the notebooks headless on one corpus: ``python -m helpers.run``.

Each notebook runs in a fresh kernel through papermill, with its ``parameters`` cell
given ``CORPUS`` and ``FIGURES``. The notebooks are independent of each other (each
recomputes what it needs through the helpers, and 07's figure index comes from the
catalogue), so they start in numbered order, 01 to 06 and then 07, ``--jobs`` at a time
(default 2, the machine's cores). Executed copies go to ``build/notebooks/``, never back
into ``notebooks/``.

Outputs are written to a staging folder beside ``FIGURES`` and moved into place only when
every notebook has succeeded, so a failed run never leaves a half-updated figures folder
that looks complete. The corpus is loaded first, so an empty or invalid corpus stops at
once with the loader's error.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import paths


def notebook_list(selected: list[str] | None = None) -> list[Path]:
    """The notebooks ``NN_topic.ipynb`` in order (only names starting with ``selected``)."""
    books = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if selected:
        books = [b for b in books if any(b.name.startswith(s) for s in selected)]
    return books


def execute_notebook(notebook: Path, output: Path, corpus: str, figures: str) -> float:
    """Run one notebook with papermill in a fresh kernel; raises if any cell fails.

    Returns the seconds it took.
    """
    import papermill

    start = time.perf_counter()
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
    return time.perf_counter() - start


def promote(stage: Path, target: Path) -> int:
    """Move every file of ``stage`` into ``target`` (each move atomic); returns the count."""
    moved = 0
    for path in sorted(p for p in stage.rglob("*") if p.is_file()):
        dest = target / path.relative_to(stage)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, dest)
        moved += 1
    shutil.rmtree(stage, ignore_errors=True)
    return moved


def run_all(notebooks: list[Path], corpus: str, figures: Path, build: Path,
            jobs: int = 2) -> list[tuple[str, float]]:
    """Run ``notebooks`` (independent ones ``jobs`` at a time) into ``figures`` via a stage."""
    stage = figures.parent / f".{figures.name}.partial"
    shutil.rmtree(stage, ignore_errors=True)
    (stage / "data").mkdir(parents=True)
    timings: list[tuple[str, float]] = []
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [(b, pool.submit(execute_notebook, b, build / b.name, corpus, str(stage)))
                   for b in notebooks]
        for book, future in futures:
            timings.append((book.name, future.result()))
    figures.mkdir(parents=True, exist_ok=True)
    promote(stage, figures)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="", help="corpus folder (default: seeds/)")
    parser.add_argument("--figures", default="", help="output folder (default: figures/)")
    parser.add_argument("--build", default=str(paths.BUILD / "notebooks"),
                        help="where executed notebooks go (default: build/notebooks)")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("JOBS", "2")),
                        help="notebooks run at once (default 2)")
    parser.add_argument("notebooks", nargs="*", help="run only notebooks starting with these")
    args = parser.parse_args(argv)

    from .corpus import CorpusError, load_corpus

    corpus = str(paths.corpus_dir(args.corpus or None))
    figures = paths.figures_dir(args.figures or None)
    try:
        articles = load_corpus(corpus)
    except CorpusError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"corpus: {corpus} ({len(articles)} articles) -> figures: {figures}")
    start = time.perf_counter()
    try:
        timings = run_all(notebook_list(args.notebooks), corpus, figures, Path(args.build),
                          args.jobs)
    except Exception as err:  # papermill names the failing cell; keep the message short
        print(f"error: a notebook failed, {figures} was left unchanged: {err}", file=sys.stderr)
        return 1
    for name, seconds in timings:
        print(f"  ran {name} in {seconds:.1f} s")
    print(f"all notebooks in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
