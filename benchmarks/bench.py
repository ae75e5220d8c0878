"""The benchmark is the user's own command: ``make bench`` times ``make figures`` end to end.

For each size N (``SIZES="1000 10000 100000"``) it writes (or reuses) a corpus of N
articles under ``build/bench/`` (built from the seeds' sentences with the seeds' actors and
codebook, or from ``CORPUS``'s articles), removes that corpus's stored stages, and runs

    make figures CORPUS=build/bench/corpus_… FIGURES=build/bench/figures_…

in a fresh process, twice: the first run computes every stage, the second finds them all
stored. For each run it records the wall time, each stage's and each notebook's time (from
the runner's ``--timings`` file) and the peak memory of the whole process tree (make, the
runner, its Dask workers and the notebook kernels: the summed proportional set size, PSS,
sampled from ``/proc`` every 0.5 s), and that peak while each stage and each notebook of
1 s or more ran (notebooks run two at a time, so theirs overlap). Results:
``build/bench/results.csv`` and a log-log plot ``build/bench/scaling.png``.

After the two runs it opens the explorer's search index (notebook 09) on the stored tables
in a fresh process and times typical searches (:data:`SEARCHES`): rows of kind
``explorer``, plotted in ``build/bench/explorer.png``. Then it writes the same N articles
as one CSV and one Parquet file, the way a researcher receives them, and times
``make import`` on each (rows of kind ``import``, with the peak memory).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import make_corpus  # noqa: E402

import helpers  # noqa: E402
from helpers import paths  # noqa: E402
from helpers.engine.graph import store_for  # noqa: E402
from helpers.pipeline import artefacts_root  # noqa: E402

OUT = paths.BUILD / "bench"
COLUMNS = ["corpus", "n_articles", "run", "kind", "name", "seconds", "peak_mb"]


class TreeMemory(threading.Thread):
    """Samples the summed PSS (kB) of process ``root`` and all its descendants."""

    def __init__(self, root: int, every: float = 0.5):
        super().__init__(daemon=True)
        self.root, self.every, self.peak_kb, self.stop = root, every, 0, False
        self.samples: list[tuple[float, int]] = []  # (seconds since the epoch, kB)

    @staticmethod
    def pss_kb(pid: int) -> int:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            return 0
        return sum(int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:"))

    def tree(self) -> list[int]:
        parents: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        found, frontier = [self.root], [self.root]
        while frontier:
            frontier = [c for p in frontier for c in parents.get(p, [])]
            found += frontier
        return found

    def run(self) -> None:
        while not self.stop:
            kb = sum(self.pss_kb(p) for p in self.tree())
            self.samples.append((time.time(), kb))
            self.peak_kb = max(self.peak_kb, kb)
            time.sleep(self.every)

    def peak_between(self, start: float, seconds: float) -> float:
        """Peak MB of the tree sampled while a step ran (NaN when it was too short)."""
        inside = [kb for t, kb in self.samples if start <= t <= start + seconds + self.every]
        return round(max(inside) / 1024) if inside else np.nan


def make_figures(folder: Path, figures: Path, timings: Path, log: Path, force: bool = False
                 ) -> tuple[float, float, TreeMemory]:
    """Run ``make figures`` on ``folder``; returns (wall seconds, peak MB of the tree, the
    memory sampler, which knows the peak during each step)."""
    env = {**os.environ, "TQDM_DISABLE": "1"}
    command = ["make", "--no-print-directory", "figures", f"CORPUS={folder}",
               f"FIGURES={figures}", f"TIMINGS={timings}", *(["FORCE=1"] if force else [])]
    start = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(command, cwd=paths.PROJECT_ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, env=env)
        memory = TreeMemory(proc.pid)
        memory.start()
        for line in proc.stdout:  # show the runner's progress lines as they come
            out.write(line)
            if line.startswith(("  stage", "  notebook", "stages")):
                print("   ", line.rstrip(), flush=True)
        proc.wait()
        memory.stop = True
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"make figures failed on {folder}; see {log}:\n"
                           f"{log.read_text()[-3000:]}")
    return seconds, max(memory.peak_kb, TreeMemory.pss_kb(proc.pid)) / 1024, memory


def run_size(n: int | None, source: str | None) -> list[dict]:
    """Build (or reuse) an N-article corpus; time two ``make figures`` runs on it.

    ``n=None`` times the folder ``source`` itself, as it is (a real corpus, not a mixture).
    """
    tag = "seeds" if not source else Path(source).name
    if n is None:
        folder = Path(source).resolve()
        n = len(helpers.corpus.find_articles(folder))
    else:
        folder = make_corpus(n, OUT / f"corpus_{tag}_{n}", source=source)
    shutil.rmtree(store_for(folder, artefacts_root()).folder, ignore_errors=True)
    rows = []
    for run in ("first", "second"):
        timings = OUT / f"timings_{tag}_{n}_{run}.csv"
        # the first run computes every stage and runs every notebook, even when an earlier
        # benchmark left the same notebooks' outputs in place; the second finds both current
        seconds, peak, memory = make_figures(folder, OUT / f"figures_{tag}_{n}", timings,
                                             OUT / f"make_{tag}_{n}_{run}.log",
                                             force=run == "first")
        print(f"  {n:>7} articles, {run} run: {seconds:8.1f} s, peak {peak:7.0f} MB", flush=True)
        rows.append({"corpus": tag, "n_articles": n, "run": run, "kind": "total",
                     "name": "make figures", "seconds": round(seconds, 2),
                     "peak_mb": round(peak)})
        parts = pd.read_csv(timings)
        rows += [{"corpus": tag, "n_articles": n, "run": run, "kind": r.kind, "name": r.name,
                  "seconds": r.seconds,
                  "peak_mb": memory.peak_between(r.started_ms / 1000, r.seconds)
                  if pd.notna(r.started_ms) and r.seconds >= 1 else np.nan}
                 for r in parts.itertuples()]
    return rows + time_explorer(folder, tag, n) + time_imports(folder, tag, n)


def export_tables(folder: Path, csv_path: Path, parquet_path: Path, batch: int = 5000) -> None:
    """The corpus ``folder`` as one CSV and one Parquet file (id, outlet, date, headline,
    text), written in batches of ``batch`` articles."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = helpers.corpus.find_articles(folder)
    meta = helpers.corpus.read_metadata(folder)
    info = (meta.set_index("doc_id") if meta is not None else pd.DataFrame())
    writer = None
    with csv_path.open("w", encoding="utf-8", newline="") as out:
        for start in range(0, len(files), batch):
            chunk = files[start:start + batch]
            ids = [helpers.corpus.doc_id_for(p, folder) for p in chunk]
            table = pd.DataFrame({
                "id": ids,
                "outlet": [info["outlet"].get(i, "") if "outlet" in info else "" for i in ids],
                "date": [info["date"].get(i, "") if "date" in info else "" for i in ids],
                "headline": [info["headline"].get(i, "") if "headline" in info else ""
                             for i in ids],
                "text": [p.read_text(encoding="utf-8") for p in chunk]})
            table.to_csv(out, index=False, header=start == 0, lineterminator="\n")
            arrow = pa.Table.from_pandas(table, preserve_index=False)
            writer = writer or pq.ParquetWriter(parquet_path, arrow.schema)
            writer.write_table(arrow)
    if writer is not None:
        writer.close()


def time_imports(folder: Path, tag: str, n: int) -> list[dict]:
    """``make import`` timed on the corpus written as CSV and as Parquet (kind ``import``)."""
    sources = {"csv": OUT / f"export_{tag}_{n}.csv", "parquet": OUT / f"export_{tag}_{n}.parquet"}
    if not all(p.is_file() for p in sources.values()):
        export_tables(folder, sources["csv"], sources["parquet"])
    rows = []
    for fmt, source in sources.items():
        target = OUT / f"imported_{tag}_{n}_{fmt}"
        shutil.rmtree(target, ignore_errors=True)
        command = ["make", "--no-print-directory", "import", f"SOURCE={source}",
                   f"CORPUS={target}", "IMPORT_OPTS=--id id"]
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=paths.PROJECT_ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        memory = TreeMemory(proc.pid)
        memory.start()
        output = proc.communicate()[0]
        memory.stop = True
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"make import failed on {source}:\n{output[-3000:]}")
        imported = len(helpers.corpus.find_articles(target))
        if imported != n:
            raise RuntimeError(f"make import wrote {imported} articles of {n}: {output[-3000:]}")
        peak = memory.peak_kb / 1024
        print(f"    import {fmt}: {n} rows in {seconds:6.1f} s, peak {peak:5.0f} MB", flush=True)
        rows.append({"corpus": tag, "n_articles": n, "run": "first", "kind": "import",
                     "name": f"make import ({fmt})", "seconds": round(seconds, 2),
                     "peak_mb": round(peak)})
        shutil.rmtree(target, ignore_errors=True)
    return rows


# the explorer's searches timed after `make figures` (kind "explorer"): what a researcher
# waits for when typing a query in notebook 09 on this corpus
SEARCHES = [
    ("open the index", None),
    ("search a word: colonial", dict(query="colonial", mode="word")),
    ("search a common word: said", dict(query="said", mode="word")),
    ("search a phrase: rare earth minerals", dict(query="rare earth minerals")),
    (r"search a regex: secur\w+ guarantee", dict(query=r"secur\w+ guarantee", mode="regex")),
    ("search filtered: Zelenskyy, quotes, side Ukraine",
     dict(query="Zelenskyy", voice="quote", side="Ukraine")),
    ("show a page: 8-word windows", None),
]


def _median(call, repeat: int) -> float:
    """Median seconds of ``repeat`` calls of ``call()``."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    return float(np.median(times))


def explorer_latency(folder: Path, repeat: int = 5) -> list[dict]:
    """Seconds (median of ``repeat``) for each of :data:`SEARCHES` and the other views'
    queries on the stored tables of ``folder``, in this process (run it in a fresh one:
    ``--explorer FOLDER``)."""
    import resource

    from helpers.explorer import SentenceIndex

    run = helpers.open_corpus(folder)
    start = time.perf_counter()
    index = SentenceIndex(run)
    rows = [(SEARCHES[0][0], time.perf_counter() - start,
             resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)]
    for name, query in SEARCHES[1:-1]:
        rows.append((name, _median(lambda q=query: index.find(**q), repeat), np.nan))
    found = index.find(**SEARCHES[-2][1])
    rows.append((SEARCHES[-1][0], _median(
        lambda: index.page(found, 0, unit="window", width=8), repeat), np.nan))
    rows += _table_views(run, index, repeat)
    return [{"name": n, "seconds": round(s, 4), "peak_mb": round(m) if m == m else np.nan,
             "sentences": len(index.doc)} for n, s, m in rows]


def _table_views(run, index, repeat: int) -> list[tuple[str, float, float]]:
    """The other views' queries: a pair's aligned sentences (from the stored table, and
    from the pair index the first click builds), a filtered page of quotations, a frame
    cell's evidence (each median of ``repeat``)."""
    from helpers.explorer.tables import (
        PairIndex,
        aligned_pair,
        frame_evidence,
        frame_grid,
        page_of,
        quotations,
        top_pairs,
    )

    pair = top_pairs(run, n=1).iloc[0]
    start = time.perf_counter()
    pairs = PairIndex(run, index)
    opened = time.perf_counter() - start
    quotes = quotations(run)
    outlet, frame = frame_grid(run).stack().idxmax()
    return [
        ("open a pair from the stored table", _median(lambda: aligned_pair(
            run, pair["doc_a"], pair["doc_b"]), repeat), np.nan),
        ("open the pair index (first click)", opened, np.nan),
        ("open a pair from the pair index", _median(lambda: pairs.pair(
            pair["doc_a"], pair["doc_b"]), repeat), np.nan),
        ("filter quotations: side + speaker", _median(lambda: page_of(
            quotes, equals={"side": "United States"}, contains={"speaker": "Bessent"},
            sort="confidence", descending=True), repeat), np.nan),
        ("show a frame cell's evidence", _median(
            lambda: frame_evidence(run, frame, outlet), repeat), np.nan),
    ]


def time_explorer(folder: Path, tag: str, n: int) -> list[dict]:
    """:func:`explorer_latency` in a fresh process, as result rows."""
    out = subprocess.run([sys.executable, __file__, "--explorer", str(folder)], check=True,
                         capture_output=True, text=True, cwd=paths.PROJECT_ROOT).stdout
    measured = pd.read_json(io.StringIO(out.strip().splitlines()[-1]))
    for r in measured.itertuples():
        print(f"    explorer: {r.name}: {r.seconds * 1000:8.1f} ms", flush=True)
    return [{"corpus": tag, "n_articles": n, "run": "first", "kind": "explorer",
             "name": r.name, "seconds": r.seconds, "peak_mb": r.peak_mb}
            for r in measured.itertuples()]


def plot_explorer(results: pd.DataFrame) -> plt.Figure:
    """The explorer's latency per search against articles (log-log)."""
    fig, ax = plt.subplots(figsize=(10, 4.4))
    ex = results[results["kind"] == "explorer"]
    for k, (name, g) in enumerate(ex.groupby("name", sort=False)):
        g = g.sort_values("n_articles")
        ax.plot(g["n_articles"], g["seconds"] * 1000, marker="o", color=plt.cm.tab20(k),
                label=name, linewidth=1.2)
    ax.set(xscale="log", yscale="log", xlabel="articles", ylabel="milliseconds",
           title="Explorer (notebook 09): latency after make figures")
    ax.axhline(1000, color="0.6", linewidth=0.8, linestyle=":")
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    fig.tight_layout()
    return fig


def merge_results(new: pd.DataFrame, path: Path) -> pd.DataFrame:
    """``new`` rows with the rows already in ``path`` for other corpora, sizes or kinds (a
    rerun of one size replaces that size's rows of the kinds it measured only: an
    ``--imports-only`` run keeps the ``make figures`` rows)."""
    if not path.is_file():
        return new
    old = pd.read_csv(path)
    done = set(zip(new["corpus"], new["n_articles"], new["kind"], strict=True))
    keep = [(c, n, k) not in done for c, n, k in zip(old["corpus"], old["n_articles"],
                                                     old["kind"], strict=True)]
    merged = pd.concat([old[keep], new], ignore_index=True)
    return merged.sort_values(["corpus", "n_articles"], kind="stable").reset_index(drop=True)


def plot(results: pd.DataFrame) -> plt.Figure:
    """End-to-end seconds against articles (first and second run), with every notebook's and
    the five slowest stages' times, log-log, and an n log n guide."""
    helpers.use_style()
    fig, ax = plt.subplots(figsize=(8.5, 5))
    sizes_of = results.groupby("corpus")["n_articles"].nunique()
    main = sizes_of.idxmax()  # the scaled corpus draws lines; a real corpus as it is, points
    for k, (corpus, g) in enumerate(results[results["corpus"] != main].groupby("corpus")):
        for run, marker in [("first", "X"), ("second", "x")]:
            total = g[(g["run"] == run) & (g["kind"] == "total")]
            ax.scatter(total["n_articles"], total["seconds"], marker=marker, s=90, zorder=5,
                       color=plt.cm.Dark2(k % 8), label=f"{corpus} as it is, {run} run")
    results = results[results["corpus"] == main]
    results = results[results["kind"] != "import"]  # not part of make figures
    first = results[results["run"] == "first"]
    markers = "osD^v<>ph"
    parts = first[first["kind"] != "total"]
    slow = (parts[parts["kind"] == "stage"].groupby("name")["seconds"].max()
            .sort_values(ascending=False).index[:5])
    shown = parts[(parts["kind"] == "notebook") | parts["name"].isin(slow)]
    for k, ((kind, name), g) in enumerate(shown.groupby(["kind", "name"], sort=True)):
        ax.plot(g["n_articles"], g["seconds"].clip(lower=0.05), marker=markers[k % 9],
                linewidth=1, alpha=0.8, color=plt.cm.tab20(k % 20), label=f"{kind} {name}")
    for run, style in [("first", "-"), ("second", "--")]:
        total = results[(results["run"] == run) & (results["kind"] == "total")]
        ax.plot(total["n_articles"], total["seconds"], color="black", linestyle=style,
                marker="*", linewidth=2.2, label=f"make figures, {run} run")
    sizes = sorted(first["n_articles"].unique())
    base = first[(first["kind"] == "total") & (first["n_articles"] == sizes[0])]["seconds"] \
        if sizes else pd.Series(dtype=float)
    if len(sizes) > 1 and len(base):
        guide = [base.iloc[0] * n * np.log(n) / (sizes[0] * np.log(sizes[0])) for n in sizes]
        ax.plot(sizes, guide, color="grey", linestyle=":", label="n log n")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.grid(True, which="both")
    ax.set_xlabel("articles")
    ax.set_ylabel("seconds")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title(f"make figures end to end, 2 cores (lines: mixtures of {main} sentences)")
    return fig


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=os.environ.get("SIZES") or "1000 10000 100000")
    parser.add_argument("--corpus", default=os.environ.get("CORPUS") or None)
    parser.add_argument("--as-is", action="store_true",
                        help="time --corpus itself, not mixtures of its sentences")
    parser.add_argument("--plot-only", action="store_true",
                        help="redraw scaling.png from an existing results.csv")
    parser.add_argument("--explorer", metavar="FOLDER",
                        help="time the explorer's searches on FOLDER's stored tables (JSON)")
    parser.add_argument("--imports-only", action="store_true",
                        help="time only `make import` at each size (CSV and Parquet)")
    args = parser.parse_args(argv)
    if args.explorer:
        print(pd.DataFrame(explorer_latency(Path(args.explorer))).to_json(orient="records"))
        return 0
    if args.plot_only:
        results = pd.read_csv(OUT / "results.csv")
        plot(results).savefig(OUT / "scaling.png", dpi=120)
        plot_explorer(results).savefig(OUT / "explorer.png", dpi=120)
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    sizes: list[int | None] = [None] if args.as_is else [int(s) for s in args.sizes.split()]
    if args.as_is and not args.corpus:
        parser.error("--as-is needs --corpus")
    for n in sizes:
        print(f"{n or args.corpus} articles:", flush=True)
        if args.imports_only:
            tag = "seeds" if not args.corpus else Path(args.corpus).name
            folder = (Path(args.corpus).resolve() if n is None else
                      make_corpus(n, OUT / f"corpus_{tag}_{n}", source=args.corpus))
            rows += time_imports(folder, tag, n or len(helpers.corpus.find_articles(folder)))
        else:
            rows += run_size(n, args.corpus)
        results = merge_results(pd.DataFrame(rows, columns=COLUMNS), OUT / "results.csv")
        helpers.write_table(results, OUT / "results.csv")
    plot(results).savefig(OUT / "scaling.png", dpi=120)
    plot_explorer(results).savefig(OUT / "explorer.png", dpi=120)
    totals = results[results["kind"] == "total"].pivot_table(
        index="n_articles", columns="run", values=["seconds", "peak_mb"])
    print(totals.to_string())
    print(f"wrote {OUT / 'results.csv'} and {OUT / 'scaling.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
