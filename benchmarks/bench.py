"""The scaling benchmark: ``make bench`` (``SIZES="1000 10000 100000"``, ``CORPUS=folder``).

For each size N it writes (or reuses) a corpus of N articles under ``build/bench/`` (from the
seeds' sentences, or from ``CORPUS``'s articles, shuffled with a fixed seed), then runs
``stages.py`` on it in a fresh process, so each stage is timed inside one process and the
peak memory is that process's. Results go to ``build/bench/results.csv`` (``n_articles,
stage, seconds, peak_rss_mb``) and a log-log plot ``build/bench/scaling.png``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import make_corpus  # noqa: E402

import helpers  # noqa: E402
from helpers import paths  # noqa: E402

OUT = paths.BUILD / "bench"


def run_size(n: int, source: str | None) -> list[dict]:
    """Generate (or reuse) an N-article corpus and time every stage on it."""
    tag = "seeds" if not source else Path(source).name
    folder = make_corpus(n, OUT / f"corpus_{tag}_{n}", source=source)
    env = {**os.environ, "TQDM_DISABLE": "1"}
    rows = []
    log = OUT / f"stages_{tag}_{n}.log"  # stderr goes to a file, so no pipe can fill up
    with log.open("w") as err, subprocess.Popen(
            [sys.executable, str(HERE / "stages.py"), str(folder)], stdout=subprocess.PIPE,
            stderr=err, text=True, env=env) as proc:
        for line in proc.stdout:  # each stage is printed as soon as it is done
            if not line.startswith("{"):
                continue
            row = json.loads(line)
            rows.append(row)
            print(f"  {n:>7} {row['stage']:<11} {row['seconds']:>9.2f} s "
                  f"{row['peak_rss_mb']:>8.0f} MB", flush=True)
    if proc.returncode != 0:
        raise RuntimeError(f"stages failed on {n} articles:\n{log.read_text()[-3000:]}")
    return rows


def plot(results: pd.DataFrame, source: str | None = None) -> plt.Figure:
    """Seconds against articles per stage and in total, log-log, with an n log n guide."""
    helpers.use_style()
    fig, ax = plt.subplots(figsize=(8, 5))
    markers = "osD^v<>ph"
    for k, (stage, g) in enumerate(results.groupby("stage", sort=False)):
        ax.plot(g["n_articles"], g["seconds"].clip(lower=1e-3), marker=markers[k % 9],
                color=plt.cm.tab10(k % 10), label=stage)
    totals = results.groupby("n_articles")["seconds"].sum()
    ax.plot(totals.index, totals.to_numpy(), color="black", marker="*", linewidth=2,
            label="all stages")
    sizes = sorted(results["n_articles"].unique())
    if len(sizes) > 1:
        import numpy as np

        base = results[results["n_articles"] == sizes[0]]["seconds"].max()
        guide = [base * (n * np.log(n)) / (sizes[0] * np.log(sizes[0])) for n in sizes]
        ax.plot(sizes, guide, color="black", linestyle=":", label="n log n (from largest stage)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.grid(True, which="both", axis="both")
    ax.set_xlabel("articles")
    ax.set_ylabel("seconds")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    what = f"articles built from the sentences of {Path(source).name}" if source else \
        "articles built from the seeds' sentences"
    ax.set_title(f"How each stage scales with the corpus\n({what})")
    return fig


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=os.environ.get("SIZES") or "1000 10000 100000")
    parser.add_argument("--corpus", default=os.environ.get("CORPUS") or None)
    parser.add_argument("--plot-only", action="store_true",
                        help="redraw scaling.png from an existing results.csv")
    args = parser.parse_args(argv)
    if args.plot_only:
        plot(pd.read_csv(OUT / "results.csv"), args.corpus).savefig(OUT / "scaling.png",
                                                                      dpi=120)
        return 0
    sizes = [int(s) for s in args.sizes.split()]
    OUT.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    for n in sizes:
        print(f"{n} articles:", flush=True)
        rows += run_size(n, args.corpus)
        results = pd.DataFrame(rows, columns=["n_articles", "stage", "seconds", "peak_rss_mb"])
        helpers.write_table(results, OUT / "results.csv")
    fig = plot(results, args.corpus)
    fig.savefig(OUT / "scaling.png", dpi=120)
    totals = results.groupby("n_articles").agg(seconds=("seconds", "sum"),
                                                peak_rss_mb=("peak_rss_mb", "max"))
    print(totals.to_string())
    print(f"wrote {OUT / 'results.csv'} and {OUT / 'scaling.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
