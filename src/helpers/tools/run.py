"""``make figures``: compute every stage once, then run the notebooks headless.

``python -m helpers.tools.run --corpus DIR --figures DIR [NN …]``

1. The corpus is opened (:func:`helpers.open_corpus`); an empty or invalid folder stops
   at once with the loader's error.
2. Every stage of :mod:`helpers.pipeline` that is missing or out of date is computed and
   stored under ``build/artefacts/`` (each printed as it starts and ends, with its time).
   Per-article stages run on Dask (:mod:`helpers.engine.compute`): a local cluster for
   large corpora, or the cluster at ``--scheduler`` / ``DASK_SCHEDULER_ADDRESS``.
3. The notebooks run in fresh kernels through papermill, ``--jobs`` at a time (default 2),
   with their ``parameters`` cell given ``CORPUS`` and ``FIGURES``; they read the stored
   tables, so they narrate and plot. Each is printed as it ends, with its time. Executed
   copies go to ``build/notebooks/`` (for another ``FIGURES``, a folder of its own:
   :func:`helpers.paths.executed_dir`), never back into ``notebooks/``.

The outputs are one transaction (:mod:`helpers.tools.outputs`): the target is checked
before any work, one run at a time writes into it (a lock), each run stages into a folder
of its own, and the staged folder, with its ``manifest.json``, replaces ``FIGURES`` whole
only when every notebook has succeeded; a failed or interrupted run leaves it as it was,
and no process it started (:mod:`helpers.tools.processes`).

A notebook whose inputs (its own file, the stages' fingerprints, the
``helpers`` code) are unchanged since it last wrote into ``FIGURES``, and whose outputs
are still there untouched, is not run again; ``--force`` (``make figures FORCE=1``) runs
every notebook. ``--timings FILE`` writes every stage's and notebook's time as CSV:
``kind, name, seconds, status, started_ms`` (``started_ms``: when it started, in
milliseconds since the epoch, an integer so that it is written exactly; the benchmark reads
it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

import pandas as pd

from .. import paths
from .processes import die_with_parent, end_descendants, exit_on_signals, parent_death_signal

# notebooks that only show the stored tables (the explorer): they write no figure, so
# `make figures` runs them only when named (NB=08); the tests run every notebook
VIEWS_ONLY = frozenset({"09_explore"})


def notebook_list(selected: list[str] | None = None, views: bool = False) -> list[Path]:
    """The notebooks ``NN_topic.ipynb`` in order (only names starting with ``selected``).

    Without ``selected``, the :data:`VIEWS_ONLY` notebooks are left out unless ``views``.
    """
    books = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if selected:
        return [b for b in books if any(b.name.startswith(s) for s in selected)]
    return [b for b in books if views or b.stem not in VIEWS_ONLY]


def _kernel_manager_class(sockets: str):
    """A kernel manager that talks to its kernel over local IPC sockets in the folder
    ``sockets``, not TCP: nothing listens on the network, and the kernel does not warn
    that TCP is unencrypted. Each kernel gets a folder of its own, so kernels running at
    the same time never share a socket."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class IPCKernelManager(AsyncKernelManager):
        @default("transport")
        def _transport_default(self) -> str:
            return "ipc"

        @default("ip")
        def _ip_default(self) -> str:
            return os.path.join(sockets, "kernel")

    return IPCKernelManager


CELL_TIMEOUT = 1800


def cell_timeout() -> int:
    """Seconds one notebook cell may run before the run stops: ``CELL_TIMEOUT`` from the
    environment, else :data:`CELL_TIMEOUT` (half an hour, ten times the slowest cell at
    100,000 articles)."""
    return int(os.environ.get("CELL_TIMEOUT") or CELL_TIMEOUT)


class NotebookFailed(RuntimeError):
    """A notebook that raised or ran out of time; the message is one line."""


def describe_failure(book: Path, err: BaseException, executed: Path) -> str:
    """``notebook NN_topic failed: <the error's own line> (cell N); …`` and where the
    executed copy, with the error in it, was kept (``build/failed/``)."""
    ename, evalue = getattr(err, "ename", None), getattr(err, "evalue", None)
    line = f"{ename}: {evalue}" if ename else f"{type(err).__name__}: {err}"
    line = " ".join(str(line).split())[:400]
    cell = getattr(err, "exec_count", None)
    where = ""
    if executed.is_file():
        kept = paths.BUILD / "failed" / executed.name
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(executed, kept)
        where = f"; the executed copy, with the error: {kept}"
    return f"notebook {book.stem} failed: {line}{f' (cell {cell})' if cell else ''}{where}"


def execute_notebook(notebook: Path, output: Path, corpus: str, figures: str,
                     timeout: int | None = None) -> float:
    """Run one notebook with papermill in a fresh kernel; raises if any cell fails or runs
    longer than ``timeout`` seconds (default :func:`cell_timeout`).

    Returns the seconds it took.
    """
    import tempfile

    import papermill

    start = time.perf_counter()
    output.parent.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("TQDM_DISABLE", "1")
    with tempfile.TemporaryDirectory(prefix="helpers-kernel-") as sockets:
        papermill.execute_notebook(
            str(notebook), str(output),
            parameters={"CORPUS": corpus, "FIGURES": figures},
            kernel_name="python3", cwd=str(notebook.parent), progress_bar=False,
            log_output=False, kernel_manager_class=_kernel_manager_class(sockets),
            execution_timeout=timeout or cell_timeout(),
            # jupyter_client interrupts every kernel as it shuts it down, and the kernel
            # may log that interrupt as an error; a failing cell still fails the run.
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
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


def say(message: str) -> None:
    """One progress line, printed at once (``make`` shows it as it happens)."""
    print(message, flush=True)


def compute_stages(corpus: str) -> list[dict]:
    """Compute every missing or stale stage of ``corpus``; returns one row per stage."""
    from ..engine import compute
    from ..pipeline import open_corpus

    started: dict[str, float] = {}

    def on_stage(stage: str, event: str, seconds: float) -> None:
        if event == "start":
            started[stage] = time.time()
            say(f"  stage {stage} …")
        else:
            say(f"  stage {stage} done in {seconds:.1f} s")

    run = open_corpus(corpus, on_stage=on_stage)
    stale = run.stale()
    say(f"stages: {len(run.graph.stages) - len(stale)} up to date, {len(stale)} to compute "
        f"(artefacts in {run.store.folder})")
    try:
        run.ensure()
    finally:
        compute.shutdown()
    computed = {e["stage"]: e["seconds"] for e in run.log}
    return [{"kind": "stage", "name": s, "seconds": computed.get(s, 0.0),
             "status": "computed" if s in computed else "stored",
             "started_ms": int(started[s] * 1000) if s in started else None}
            for s in run.graph.order()]


def package_digest() -> str:
    """Digest of the whole ``helpers`` package (plots, style and tools included)."""
    from ..engine import fingerprint

    package = paths.PACKAGE_DIR
    return fingerprint.code_digest([p for p in package.rglob("*") if p.is_file()
                                    and "__pycache__" not in p.parts], package)


def notebook_key(notebook: Path, corpus: str, stage_keys: dict[str, str],
                 code: str | None = None) -> str:
    """What a notebook's outputs depend on: its own bytes, the corpus, every stage's
    fingerprint and the whole ``helpers`` package (``code``: :func:`package_digest`)."""
    from ..engine import fingerprint

    return fingerprint.digest({"notebook": fingerprint.file_digest(notebook),
                               "code": code or package_digest(), "corpus": corpus,
                               "stages": stage_keys})


def _records(figures: Path, build: Path) -> Path:
    from ..engine.fingerprint import digest

    return paths.BUILD / "notebook-records" / digest([str(figures.resolve()),
                                                       str(build.resolve())])


def _up_to_date(book: Path, key: str, figures: Path, build: Path) -> bool:
    """Whether ``book`` ran with ``key`` into ``figures`` and every file it wrote there,
    and its executed copy in ``build``, are still as it left them, and the folder's
    manifest lists them."""
    import json

    from ..engine.fingerprint import file_digest
    from .outputs import read_manifest

    if book.stem not in (read_manifest(figures) or {}).get("notebooks", {}):
        return False
    try:
        record = json.loads((_records(figures, build) / f"{book.stem}.json").read_text())
    except (OSError, ValueError):
        return False
    return (record.get("key") == key and (build / book.name).is_file() and bool(
        record.get("files")) and all(file_digest(figures / rel) == sha
                                     for rel, sha in record["files"].items()))


def _remember(book: Path, key: str, files: dict[str, str], figures: Path, build: Path
              ) -> None:
    """Record that ``book`` ran with ``key`` and wrote ``files`` (``{path: sha256}``, from
    the output folder's manifest) into ``figures``."""
    import json

    from ..io import write_text

    write_text(_records(figures, build) / f"{book.stem}.json",
               json.dumps({"key": key, "files": files}, indent=1, sort_keys=True) + "\n")


def notebook_needs(notebook: Path) -> set[str] | None:
    """The stages a notebook reads, from its code: the tables it names as ``run.<table>``,
    ``run.table("<table>")`` or ``run.write_data("<table>", …)`` (and ``run.tfidf_matrix``).
    ``None`` (every stage) when it hands ``run`` itself to a function, which may read
    anything."""
    import json
    import re

    from ..pipeline import STAGES

    producer = {t: s.name for s in STAGES for t in s.outputs}
    producer["tfidf_matrix"] = producer["tfidf"]
    from ..answers import NEEDS as ANSWERS
    from ..findings import NEEDS as FINDINGS

    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    names: set[str] = set()
    known = {"answers": ANSWERS, "findings": FINDINGS}
    # exercises' answers and computed findings name the tables they read
    for module, fn in set(re.findall(r"\b(answers|findings)\.(\w+)\(\s*run\b", code)):
        if fn not in known[module]:
            return None
        names |= set(known[module][fn])
    code = re.sub(r"\b(answers|findings)\.\w+\(\s*run\b", "answers(", code)
    if re.search(r"[(,]\s*run\s*[,)]", code):
        return None
    names |= set(re.findall(r"\brun\.(\w+)", code))
    names |= set(re.findall(r"\brun\.(?:table|write_data)\(\s*[\"'](\w+)", code))
    return {producer[n] for n in names if n in producer}


class StageProgress:
    """The stages known to be stored, as the child that computes them reports each one.

    ``done`` starts with the stages already stored; ``running`` is whether the child is
    still at work; ``returncode`` its exit status once it has ended."""

    def __init__(self, stored: set[str], child=None):
        import threading

        self.done, self.child = set(stored), child
        self._lock = threading.Lock()
        if child is not None:
            threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        import re

        for line in self.child.stdout:  # echo the child's lines and note each stage done
            print(line, end="", flush=True)
            m = re.match(r"\s*stage (\S+) done", line)
            if m:
                with self._lock:
                    self.done.add(m.group(1))

    def ready(self, needs: set[str] | None, every: set[str]) -> bool:
        """Whether the stages ``needs`` (``None``: ``every`` stage) are all stored."""
        if self.child is not None and self.child.poll() == 0:
            return True  # the child stores every stage before it exits successfully
        with self._lock:
            return (needs if needs is not None else every) <= self.done

    @property
    def running(self) -> bool:
        return self.child is not None and self.child.poll() is None

    @property
    def returncode(self) -> int:
        return 0 if self.child is None else self.child.wait()


def memory_budget_mb() -> float:
    """The memory ``make figures`` aims to stay within, in MB: ``MEMORY_GB`` when set,
    else a quarter of the machine's memory (at least 4 GB)."""
    if os.environ.get("MEMORY_GB"):
        return float(os.environ["MEMORY_GB"]) * 1024
    import psutil

    return max(4096.0, psutil.virtual_memory().total / 4 / 2**20)


def tree_memory_mb() -> float:
    """Resident memory of this process and every process below it (the stage child, its
    Dask workers, the notebook kernels), in MB."""
    import psutil

    me = psutil.Process()
    total = 0
    for proc in [me, *me.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
        except psutil.Error:  # it ended meanwhile
            continue
    return total / 2**20


def corpus_identity(corpus: str) -> dict[str, str]:
    """The corpus an output folder comes from, as its manifest records it: the folder
    (relative to the project when inside it) and the digest of its articles."""
    from ..pipeline import open_corpus

    folder = Path(corpus).resolve()
    shown = folder.relative_to(paths.PROJECT_ROOT).as_posix() \
        if folder.is_relative_to(paths.PROJECT_ROOT) else str(folder)
    return {"folder": shown, "digest": open_corpus(folder).source_key("articles")}


def _carry(source: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, dest)
    except OSError:
        shutil.copy2(source, dest)


def _carried(old: dict | None, identity: dict, figures: Path,
             selected: set[str]) -> dict[str, list[str]]:
    """The old outputs that the new file set keeps: those of ``books`` not run now whose
    files came from the same corpus and are all still there. The others go, said aloud."""
    if old is None:
        return {}
    kept, current = {}, {b.stem for b in notebook_list()}
    for stem, files in sorted(old.get("notebooks", {}).items()):
        if stem in selected or stem not in current:
            continue
        if old.get("corpus", {}).get("digest") != identity["digest"]:
            say(f"  {stem}: its old outputs came from another corpus "
                f"({old.get('corpus', {}).get('folder')}) and are removed; run it again")
            continue
        if not all((figures / rel).is_file() for rel in files):
            say(f"  {stem}: some of its old outputs are gone; they are removed, run it again")
            continue
        kept[stem] = files
    return kept


def run_all(notebooks: list[Path], corpus: str, figures: Path, build: Path,
            jobs: int = 2, stage_keys: dict[str, str] | None = None,
            force: bool = False, progress: StageProgress | None = None,
            memory_mb: float | None = None, locked: bool = False
            ) -> list[tuple[str, float, float]]:
    """Run ``notebooks`` (``jobs`` at a time) and replace ``figures`` with their outputs,
    as one transaction (:mod:`helpers.tools.outputs`).

    Returns ``(notebook, seconds, started)`` for each notebook run (``started``: seconds
    since the epoch).

    The run holds the lock on ``figures`` (a second run into it is refused; ``locked``:
    the caller holds it already, and the one on ``build``); the
    notebooks write into a staging folder of this run's own; when all have succeeded, the
    staged folder, with the old outputs of the notebooks not run this time (from the same
    corpus only) and a ``manifest.json``, takes the place of ``figures`` in one swap, and
    the executed copies take the place of ``build`` the same way, with its ``run.json``.
    Any failure or interrupt removes the staging folders and leaves both as they were.

    With ``progress`` (the stages being computed meanwhile, :class:`StageProgress`), a
    notebook starts once every stage it reads is stored (:func:`notebook_needs`), and only
    one notebook runs at a time until the stages are all done, so that the notebooks use
    the time the stages leave a core idle without crowding them out; and, with
    ``memory_mb``, one starts beside the stages only while everything running uses less
    than half of it (:func:`tree_memory_mb`): a large corpus's stages leave no room for a
    kernel holding its tables, so its notebooks wait for the stages to end. If the stages
    fail, no further notebook starts and :class:`RuntimeError` is raised.

    With ``stage_keys`` (every stage's fingerprint, ``run.key``), a notebook whose inputs are
    unchanged since it last wrote into ``figures`` (:func:`notebook_key`), and whose
    outputs are still there untouched, is not run again (``force=True`` runs it anyway).
    """
    from .outputs import OutputLock, check_target

    figures, build = Path(figures).resolve(), Path(build).resolve()
    if locked:
        return _run_locked(notebooks, corpus, figures, build, jobs, stage_keys, force,
                           progress, memory_mb)
    check_target(figures, Path(corpus))
    check_target(build, Path(corpus))
    with OutputLock(figures, corpus), OutputLock(build, corpus):
        return _run_locked(notebooks, corpus, figures, build, jobs, stage_keys, force,
                           progress, memory_mb)


def _run_locked(notebooks: list[Path], corpus: str, figures: Path, build: Path, jobs: int,
                stage_keys: dict[str, str] | None, force: bool,
                progress: StageProgress | None, memory_mb: float | None
                ) -> list[tuple[str, float, float]]:
    """:func:`run_all`'s work, once the caller holds the locks on ``figures`` and
    ``build``."""
    from .outputs import Transaction

    timings: list[tuple[str, float, float]] = []
    env_quiet = {"TQDM_DISABLE": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    os.environ.update({k: v for k, v in env_quiet.items() if k not in os.environ})
    code = package_digest() if stage_keys is not None else ""
    keys = {b.name: notebook_key(b, corpus, stage_keys, code) for b in notebooks} \
        if stage_keys is not None else {}
    queue = []
    for book in notebooks:
        if keys and not force and _up_to_date(book, keys[book.name], figures, build):
            say(f"  notebook {book.name} up to date (its inputs and outputs are unchanged)")
        else:
            queue.append(book)
    to_run = list(queue)
    say(f"notebooks: {len(to_run)} to run, {max(1, jobs)} at a time")
    needs = {b.name: notebook_needs(b) for b in queue} if progress is not None else {}
    every = set(stage_keys or ())
    out = executed = None  # the staging folders, made when the first notebook starts
    try:
        with ProcessPoolExecutor(max_workers=max(1, jobs), initializer=die_with_parent
                                 ) as pool:
            pending: dict = {}
            started: dict[str, float] = {}
            while queue or pending:
                # every stage stored: the child has only its Dask cluster left to close
                computing = progress is not None and progress.running \
                    and not progress.ready(None, every)
                if progress is not None and not progress.running and progress.returncode != 0:
                    wait(pending)
                    raise RuntimeError(f"computing the stages failed (exit status "
                                       f"{progress.returncode})")
                limit = 1 if computing else max(1, jobs)
                if computing and memory_mb and not pending and queue \
                        and tree_memory_mb() > memory_mb / 2:
                    limit = 0  # no room beside the stages: wait for them
                for book in list(queue):  # a free worker starts the first notebook it can
                    if len(pending) >= limit:
                        break
                    if progress is not None and not progress.ready(needs[book.name], every):
                        continue
                    if out is None:
                        out, executed = Transaction(figures), Transaction(build)
                    queue.remove(book)
                    say(f"  notebook {book.name} …")
                    started[book.name] = time.time()
                    (out.folder / ".notebooks" / book.stem / "data").mkdir(parents=True)
                    pending[pool.submit(execute_notebook, book, executed.folder / book.name,
                                        corpus, str(out.folder / ".notebooks" / book.stem)
                                        )] = book
                if not pending:
                    time.sleep(0.2)
                    continue
                done, _rest = wait(pending, timeout=0.2 if computing else None,
                                   return_when=FIRST_COMPLETED)
                for future in done:
                    book = pending.pop(future)
                    try:
                        seconds = future.result()  # a failed notebook raises here
                    except Exception as err:
                        raise NotebookFailed(describe_failure(
                            book, err, executed.folder / book.name)) from None
                    timings.append((book.name, seconds, started[book.name]))
                    say(f"  notebook {book.name} done in {seconds:.1f} s")
        if progress is not None and progress.returncode != 0:
            raise RuntimeError(f"computing the stages failed (exit status "
                               f"{progress.returncode})")
        if out is None:
            out, executed = Transaction(figures), Transaction(build)
        written = _assemble(to_run, corpus, figures, build, out.folder, executed.folder)
        out.commit()
        executed.commit()
    except BaseException:  # nothing half-done stays behind, in FIGURES or beside it
        for staged in (out, executed):
            if staged is not None:
                staged.abort()
        raise
    if keys:
        from .outputs import read_manifest

        hashes = (read_manifest(figures) or {}).get("files", {})
        for book in to_run:
            _remember(book, keys[book.name], {rel: hashes[rel] for rel in written[book.stem]},
                      figures, build)
    return sorted(timings)


def _assemble(to_run: list[Path], corpus: str, figures: Path, build: Path, staged: Path,
              executed: Path) -> dict[str, list[str]]:
    """Gather the new file set in ``staged``: the outputs of the notebooks just run, and
    those of the others kept from ``figures`` (:func:`_carried`); write its manifest and
    the executed copies' ``run.json``. Returns each notebook's files."""
    import json

    from ..engine.fingerprint import file_digest
    from ..io import write_text
    from .outputs import MANIFEST, manifest_text, read_manifest

    identity = corpus_identity(corpus)
    written: dict[str, list[str]] = {}
    for book in to_run:
        own = staged / ".notebooks" / book.stem
        written[book.stem] = sorted(p.relative_to(own).as_posix()
                                    for p in own.rglob("*") if p.is_file())
    ran = {b.stem for b in to_run}
    kept = _carried(read_manifest(figures), identity, figures, ran)
    clash = {rel: stem for stem, files in written.items() for rel in files}
    for stem, files in kept.items():
        files = [rel for rel in files if rel not in clash]  # a file now written anew
        for rel in files:
            _carry(figures / rel, staged / rel)
        if (build / f"{stem}.ipynb").is_file():
            _carry(build / f"{stem}.ipynb", executed / f"{stem}.ipynb")
        written.setdefault(stem, files)
    for stem in ran:
        own = staged / ".notebooks" / stem
        for rel in written[stem]:
            dest = staged / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(own / rel, dest)
    shutil.rmtree(staged / ".notebooks", ignore_errors=True)
    (staged / "data").mkdir(exist_ok=True)
    write_text(staged / MANIFEST, manifest_text(identity, written, staged))
    books = {p.name: file_digest(p) for p in sorted(executed.glob("*.ipynb"))}
    write_text(executed / "run.json", json.dumps(
        {"corpus": identity, "figures": str(figures), "notebooks": books}, indent=1,
        sort_keys=True, ensure_ascii=False) + "\n")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="", help="corpus folder (default: seeds/)")
    parser.add_argument("--figures", default="", help="output folder (default: figures/)")
    parser.add_argument("--build", default="",
                        help="where executed notebooks go (default: build/notebooks for "
                             "figures/, else build/executed/NAME-HASH: helpers.paths."
                             "executed_dir)")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("JOBS", "2")),
                        help="notebooks run at once (default 2)")
    parser.add_argument("--scheduler", default=os.environ.get("SCHEDULER", ""),
                        help="a Dask scheduler address (tcp://host:8786); default: local")
    parser.add_argument("--timings", default="", help="write stage and notebook times (CSV)")
    parser.add_argument("--memory-gb", type=float, default=None,
                        help="memory to stay within: a notebook starts beside the stages "
                             "only below half of it (default: MEMORY_GB, else a quarter "
                             "of the machine's memory)")
    parser.add_argument("--force", action="store_true",
                        default=os.environ.get("FORCE", "") not in {"", "0"},
                        help="run every notebook, even those whose outputs are up to date")
    parser.add_argument("--stages-only", default="", metavar="REPORT",
                        help=argparse.SUPPRESS)  # the child that computes the stages
    parser.add_argument("notebooks", nargs="*", help="run only notebooks starting with these")
    args = parser.parse_args(argv)
    args.build = args.build or str(paths.executed_dir(args.figures or None))
    if args.scheduler:
        os.environ["DASK_SCHEDULER_ADDRESS"] = args.scheduler

    import json

    from ..corpus import CorpusError
    from ..io import write_text
    from ..pipeline import open_corpus

    corpus = str(paths.corpus_dir(args.corpus or None))
    exit_on_signals()  # SIGTERM, SIGHUP: clean up as for Ctrl-C
    if args.stages_only:
        try:
            rows = compute_stages(corpus)
        except ValueError as err:  # the suite's input errors name the file and the problem
            print(f"error: {err}", file=sys.stderr)
            return 2
        finally:
            end_descendants()
        write_text(args.stages_only, json.dumps({"rows": rows}))
        return 0
    from contextlib import ExitStack

    from .outputs import OutputError, OutputLock, check_target

    figures = paths.output_dir(args.figures or None)
    with ExitStack() as locks:
        try:
            check_target(figures, Path(corpus))  # before any work, and creating nothing
            check_target(Path(args.build), Path(corpus))
            run = open_corpus(corpus)  # a missing or empty folder stops here
            for target in (figures, Path(args.build)):  # one run at a time into each
                locks.enter_context(OutputLock(target, corpus))
        except (CorpusError, OutputError) as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        try:
            return _main_run(args, run, corpus, figures)
        finally:  # whatever ended the run: no kernel, stage process or worker outlives it
            end_descendants()


def _main_run(args, run, corpus: str, figures: Path) -> int:
    import json

    from ..io import write_table

    say(f"corpus: {corpus} -> figures: {figures}")
    start = time.perf_counter()
    # Fingerprints need no computing: the notebooks' keys are known before any stage runs.
    stage_keys = {s: run.key(s) for s in run.graph.order()}
    stale = run.stale()
    # The stages run in a child process, so the memory they used is the system's again
    # when it ends; the notebooks start as soon as the stages they read are stored.
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="helpers-stages-") as tmp:
        report = Path(tmp) / "stages.json"
        child = subprocess.Popen(
            [sys.executable, "-u", "-m", "helpers.tools.run", "--corpus", corpus,
             "--stages-only", str(report)], stdout=subprocess.PIPE, text=True,
            bufsize=1, preexec_fn=parent_death_signal) if stale else None
        if child is None:
            say(f"stages: all {len(stage_keys)} up to date (artefacts in {run.store.folder})")
        progress = StageProgress(set(stage_keys) - set(stale), child)
        try:
            memory = args.memory_gb * 1024 if args.memory_gb else memory_budget_mb()
            timings = run_all(notebook_list(args.notebooks), corpus, figures,
                              Path(args.build), args.jobs, stage_keys, args.force, progress,
                              memory_mb=memory, locked=True)
        except Exception as err:  # one line: which notebook, its error, where to read it
            if child is not None:
                child.wait()
            print(f"error: {err}\n{figures} was left unchanged", file=sys.stderr)
            return progress.returncode or 1
        if progress.returncode != 0:
            print(f"error: computing the stages failed; {figures} was left unchanged",
                  file=sys.stderr)
            return progress.returncode
        done = json.loads(report.read_text(encoding="utf-8")) if child is not None else {
            "rows": [{"kind": "stage", "name": s, "seconds": 0.0, "status": "stored",
                      "started_ms": None} for s in stage_keys]}
    rows = done["rows"]
    total = time.perf_counter() - start
    rows += [{"kind": "notebook", "name": n, "seconds": round(s, 3), "status": "ran",
              "started_ms": int(t * 1000)} for n, s, t in timings]
    if args.timings:
        write_table(pd.DataFrame(rows).astype({"started_ms": "Int64"}), args.timings)
    computed = sum(r["seconds"] for r in rows if r["kind"] == "stage")
    say(f"stages {computed:.1f} s, notebooks {sum(t[1] for t in timings):.1f} s "
        f"(overlapping), total {total:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
