"""The pipeline gives byte-identical tables in this process, on a LocalCluster with two
workers, and on a scheduler and two workers started with the ``dask`` command-line tools.

Partitions are forced down to one article each, so every per-article stage really is
split, shipped to the workers and joined again.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import pipeline
from helpers.engine import compute
from helpers.pipeline import open_corpus

DASK = Path(sys.executable).with_name("dask")


def _tables(store: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(store.glob("*.parquet"))
            if p.name != "files.parquet"}


def _run(folder: Path, store: Path, **settings) -> dict[str, bytes]:
    with compute.configure(**settings):
        open_corpus(folder, store=store).ensure()
    return _tables(store)


@pytest.fixture(scope="module")
def in_process(tmp_path_factory):
    from helpers import paths

    store = tmp_path_factory.mktemp("sync")
    tables = _run(paths.SEEDS, store, scheduler="sync")
    assert len(tables) == len(pipeline.TABLES)
    return tables


def test_partitions_of_one_article_equal_one_partition(in_process, tmp_path):
    from helpers import paths

    assert _run(paths.SEEDS, tmp_path, scheduler="sync", partition_size=1) == in_process


def test_local_cluster_with_two_workers_equals_in_process(in_process, tmp_path):
    from helpers import paths

    try:
        got = _run(paths.SEEDS, tmp_path, scheduler="local", workers=2, partition_size=1)
    finally:
        compute.shutdown()
    assert got == in_process


@pytest.fixture
def cli_cluster(tmp_path):
    """``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1 (stopped after)."""
    if not DASK.exists():
        pytest.fail(f"{DASK} is missing: install the suite (make venv)")
    info = tmp_path / "scheduler.json"
    procs = [subprocess.Popen(
        [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
         "--scheduler-file", str(info)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        for name in ("w1", "w2"):
            procs.append(subprocess.Popen(
                [str(DASK), "worker", address, "--nthreads", "1", "--nworkers", "1",
                 "--no-dashboard", "--name", name, "--local-directory", str(tmp_path / name)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(address, set_as_default=False) as probe:
            probe.wait_for_workers(2, timeout=60)
        yield address
    finally:
        compute.shutdown()
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_scheduler_and_workers_from_the_command_line_equal_in_process(in_process, tmp_path,
                                                                      cli_cluster):
    from helpers import paths

    assert cli_cluster.startswith("tcp://127.0.0.1:")
    got = _run(paths.SEEDS, tmp_path / "store", scheduler=cli_cluster, partition_size=1)
    assert got == in_process


def test_environment_address_selects_the_cluster(monkeypatch):
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://127.0.0.1:1")
    assert compute.settings().scheduler == "tcp://127.0.0.1:1"
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS")
    monkeypatch.delenv("HELPERS_SCHEDULER", raising=False)
    assert compute.settings().scheduler == "auto"
