"""Whole runs under stress: a mixed-language corpus, a failing or endless notebook, an
interrupted run, a run into a folder holding another run's outputs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import paths
from helpers.tools import run

pytestmark = pytest.mark.notebooks
LANGUAGES = paths.PROJECT_ROOT / "tests" / "data" / "languages"



def _cmdline(process) -> str:
    """A process's command line, "" when it has just ended (a zombie has none)."""
    import psutil

    try:
        return " ".join(process.cmdline())
    except psutil.Error:
        return ""

def _notebook(path: Path, code: str) -> Path:
    cells = [{"cell_type": "code", "execution_count": None, "id": "p", "metadata":
              {"tags": ["parameters"]}, "outputs": [], "source": "CORPUS = None\nFIGURES = None"},
             {"cell_type": "code", "execution_count": None, "id": "c", "metadata": {},
              "outputs": [], "source": code}]
    path.write_text(json.dumps({"cells": cells, "metadata": {"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    return path


def test_the_suite_completes_on_seeds_mixed_with_other_languages(seeds_copy, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setenv("HELPERS_ARTEFACTS", str(tmp_path / "artefacts"))
    (seeds_copy / "SHA256SUMS").unlink()
    for path in LANGUAGES.glob("*.txt"):
        (seeds_copy / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    out, build = tmp_path / "figures", tmp_path / "executed"
    assert run.main(["--corpus", str(seeds_copy), "--figures", str(out), "--build",
                     str(build)]) == 0
    languages = (out / "data" / "languages.csv").read_text(encoding="utf-8")
    assert "ru,ru,ru," in languages and "skipped (not English)" in languages
    assert (out / "07_overview.svg").is_file()
    text = (build / "06_sentiment.ipynb").read_text(encoding="utf-8")
    assert "3 of 11 articles are not in English" in text


def test_a_failing_notebook_is_named_in_one_line_and_kept(tmp_path, capsys):
    book = _notebook(tmp_path / "98_fails.ipynb", "raise ValueError('actors.csv: bad side')")
    out = tmp_path / "figures"
    with pytest.raises(run.NotebookFailed) as err:
        run.run_all([book], str(paths.SEEDS), out, tmp_path / "executed", jobs=1)
    message = str(err.value)
    assert message.startswith("notebook 98_fails failed: ValueError: actors.csv: bad side")
    assert "\n" not in message and (paths.BUILD / "failed" / "98_fails.ipynb").is_file()
    assert not out.exists() and not list(tmp_path.glob(".figures.*"))


def test_a_cell_that_runs_too_long_stops_the_run(tmp_path, monkeypatch):
    monkeypatch.setenv("CELL_TIMEOUT", "3")
    book = _notebook(tmp_path / "99_sleeps.ipynb", "import time\ntime.sleep(60)")
    started = time.perf_counter()
    with pytest.raises(run.NotebookFailed, match="notebook 99_sleeps failed: .*[Tt]ime"):
        run.run_all([book], str(paths.SEEDS), tmp_path / "figures", tmp_path / "executed",
                    jobs=1)
    assert time.perf_counter() - started < 40


def test_a_run_replaces_the_old_outputs_instead_of_merging(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_ARTEFACTS", str(tmp_path / "artefacts"))
    out = tmp_path / "figures"
    (out / "data").mkdir(parents=True)
    (out / "03_similarity.svg").write_text("<svg>a run on another corpus</svg>")
    (out / "data" / "similarity.csv").write_text("stale\n")
    assert run.main(["--figures", str(out), "--build", str(tmp_path / "executed"),
                     "01"]) == 0
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == ["01_article_lengths.png", "01_article_lengths.svg",
                     "data/01_article_lengths.csv", "manifest.json"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["corpus"]["folder"] == "seeds"
    assert list(manifest["notebooks"]) == ["01_loading"]


def test_an_interrupted_run_leaves_no_process_and_no_output(tmp_path):
    out = tmp_path / "figures"
    env = {**os.environ, "HELPERS_ARTEFACTS": str(tmp_path / "artefacts")}
    runner = subprocess.Popen([sys.executable, "-m", "helpers.tools.run", "--figures",
                               str(out), "--build", str(tmp_path / "executed")],
                              cwd=paths.PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    import psutil

    seen: set[int] = set()
    deadline = time.time() + 120
    kernel = False
    while time.time() < deadline and not kernel:
        try:
            below = psutil.Process(runner.pid).children(recursive=True)
        except psutil.Error:
            break
        seen |= {p.pid for p in below}
        kernel = any("ipykernel" in _cmdline(p) for p in below)
        time.sleep(0.3)
    assert kernel, "no kernel started"
    runner.send_signal(signal.SIGTERM)
    assert runner.wait(timeout=60) != 0
    time.sleep(1)
    alive = [pid for pid in seen if psutil.pid_exists(pid)
             and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
    assert alive == []
    assert not out.exists() and not list(tmp_path.glob(".figures.*"))
