"""Every notebook runs top to bottom in a fresh kernel, on the seeds and on odd corpora,
and reproduces the committed figures byte for byte."""

from __future__ import annotations

import pytest

from helpers import paths
from helpers.tools import catalog, run
from helpers.tools.report import build_report

NOTEBOOKS = run.notebook_list(views=True)
pytestmark = pytest.mark.notebooks


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_notebook_reproduces_its_committed_figures(notebook, tmp_path):
    out = tmp_path / "figures"
    run.execute_notebook(notebook, tmp_path / notebook.name, str(paths.SEEDS), str(out))
    made = sorted(p.stem for p in out.glob("*.png"))
    if notebook.stem in run.VIEWS_ONLY:  # the explorer shows the stored tables, writes nothing
        assert not out.exists() or not any(out.rglob("*.*")), f"{notebook.name} wrote files"
        return
    assert made, f"{notebook.name} wrote no figure"
    for stem in made:
        assert (out / f"{stem}.svg").is_file() and (out / "data" / f"{stem}.csv").is_file()
        for rel in (f"{stem}.svg", f"data/{stem}.csv"):
            assert (out / rel).read_bytes() == (paths.FIGURES / rel).read_bytes(), rel
    for table in (out / "data").glob("*.csv"):
        assert table.read_bytes() == (paths.FIGURES / "data" / table.name).read_bytes(), table


def test_committed_figures_match_the_catalogue():
    names = set(catalog.figure_catalog()["name"])
    pngs = {p.stem for p in paths.FIGURES.glob("*.png")}
    assert pngs == names
    for name in names:
        assert (paths.FIGURES / f"{name}.svg").is_file()
        assert (paths.FIGURES / "data" / f"{name}.csv").is_file()
    for table, _nb, _what in catalog.TABLES:
        assert (paths.FIGURES / "data" / table).is_file(), table
    assert (paths.FIGURES / "README.md").read_text() == catalog.index_markdown()


ODD_CORPORA = {
    "one_article": {"only.txt": "A single short article. It has two sentences."},
    "subfolders_no_metadata": {
        "daily/a.txt": 'Officials met in "Munich" on Friday. "We will see," said Ana Ruiz.',
        "daily/b.txt": "Talks went on. Nobody signed. <script>alert('x')</script> was typed.",
        "weekly/c.txt": "\ufeffA weekly view of the war.\r\nWith CRLF lines and a cost.\r\n",
    },
}


@pytest.mark.parametrize("name", sorted(ODD_CORPORA))
def test_the_whole_suite_runs_on_an_odd_corpus(name, write_corpus, tmp_path):
    root = write_corpus(ODD_CORPORA[name], name=name)
    out, build = tmp_path / "figures", tmp_path / "executed"
    run.run_all(NOTEBOOKS, str(root), out, build, jobs=2)
    assert (out / "01_article_lengths.svg").is_file()
    assert (out / "07_overview.svg").is_file()
    assert not list(tmp_path.glob(".figures.partial*"))
    if name == "subfolders_no_metadata":
        pages = build_report(build, tmp_path / "report")
        text = "".join(p.read_text(encoding="utf-8") for p in pages)
        assert "<script>alert('x')</script>" not in text
        assert "&lt;script&gt;alert" in text
        assert 'src="http' not in text


def test_an_empty_corpus_stops_at_once_and_leaves_figures_alone(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "figures"
    assert run.main(["--corpus", str(empty), "--figures", str(out)]) == 2
    assert "no .txt articles" in capsys.readouterr().err
    assert not any(out.glob("*.png"))


def test_a_second_run_skips_notebooks_whose_inputs_and_outputs_are_unchanged(
        seeds_copy, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HELPERS_ARTEFACTS", str(tmp_path / "artefacts"))
    out, build = tmp_path / "figures", tmp_path / "executed"
    argv = ["--corpus", str(seeds_copy), "--figures", str(out), "--build", str(build), "01"]
    assert run.main(argv) == 0
    assert "notebook 01_loading.ipynb done" in capsys.readouterr().out
    assert run.main(argv) == 0
    assert "01_loading.ipynb up to date" in capsys.readouterr().out
    (out / "01_article_lengths.svg").unlink()  # an output gone: the notebook runs again
    assert run.main(argv) == 0
    assert "notebook 01_loading.ipynb done" in capsys.readouterr().out
    assert (out / "01_article_lengths.svg").read_bytes() == (
        paths.FIGURES / "01_article_lengths.svg").read_bytes()
    assert run.main([*argv, "--force"]) == 0
    assert "notebook 01_loading.ipynb done" in capsys.readouterr().out


def test_each_notebook_names_the_stages_it_reads():
    books = {b.name[:2]: b for b in run.notebook_list()}
    assert run.notebook_needs(books["02"]) == {"corpus", "clean", "sentences", "noise",
                                               "name_variants"}
    assert {"tfidf", "neighbours", "keyness"} <= run.notebook_needs(books["03"])
    assert "reuse" not in run.notebook_needs(books["03"])  # lineage is notebook 04's
    assert {"reuse", "quote_variants"} <= run.notebook_needs(books["04"])
    assert run.notebook_needs(books["08"]) is None  # it hands `run` to a helper: every stage
    # an exercise's answer names its tables (helpers.answers.NEEDS): 01 still needs only
    # the corpus, so it starts as soon as the corpus is stored
    assert run.notebook_needs(books["01"]) == {"corpus"}


def test_notebooks_start_while_later_stages_are_computed(seeds_copy, tmp_path, monkeypatch):
    import pandas as pd

    monkeypatch.setenv("HELPERS_ARTEFACTS", str(tmp_path / "artefacts"))
    out, timings = tmp_path / "figures", tmp_path / "timings.csv"
    assert run.main(["--corpus", str(seeds_copy), "--figures", str(out), "--build",
                     str(tmp_path / "executed"), "--timings", str(timings), "01", "08"]) == 0
    rows = pd.read_csv(timings).set_index("name")
    stages = rows[rows["kind"] == "stage"]
    assert (stages["status"] == "computed").all()
    last_stage_end = (stages["started_ms"] + 1000 * stages["seconds"]).max()
    # 01 reads the corpus, the clean text and the quotes only: it need not wait for the rest
    assert rows.loc["01_loading.ipynb", "started_ms"] < last_stage_end
    # 08 reads every stage
    assert rows.loc["08_overview.ipynb", "started_ms"] >= last_stage_end


def test_without_room_beside_the_stages_notebooks_wait_for_them(seeds_copy, tmp_path,
                                                                monkeypatch):
    import pandas as pd

    monkeypatch.setenv("HELPERS_ARTEFACTS", str(tmp_path / "artefacts"))
    out, timings = tmp_path / "figures", tmp_path / "timings.csv"
    # a budget far below what the stage process alone holds: 01 may not start beside it
    assert run.main(["--corpus", str(seeds_copy), "--figures", str(out), "--build",
                     str(tmp_path / "executed"), "--timings", str(timings),
                     "--memory-gb", "0.01", "01"]) == 0
    rows = pd.read_csv(timings).set_index("name")
    stages = rows[rows["kind"] == "stage"]
    assert (stages["status"] == "computed").all()
    last_stage_end = (stages["started_ms"] + 1000 * stages["seconds"]).max()
    assert rows.loc["01_loading.ipynb", "started_ms"] >= last_stage_end
    assert (out / "01_article_lengths.svg").is_file()


def test_the_memory_budget_comes_from_memory_gb_or_the_machine(monkeypatch):
    import psutil

    monkeypatch.setenv("MEMORY_GB", "1.5")
    assert run.memory_budget_mb() == 1536
    monkeypatch.delenv("MEMORY_GB")
    assert run.memory_budget_mb() == max(4096, psutil.virtual_memory().total / 4 / 2**20)
    assert 0 < run.tree_memory_mb() < psutil.virtual_memory().total / 2**20


def test_a_failing_stage_stops_the_run_and_leaves_figures_alone(seeds_copy, tmp_path,
                                                                monkeypatch, capsys):
    monkeypatch.setenv("HELPERS_ARTEFACTS", str(tmp_path / "artefacts"))
    (seeds_copy / "cleaning_rules.csv").write_text("name,stage,pattern,replacement\n"
                                                   "broken,boilerplate,(unclosed,\n",
                                                   encoding="utf-8")
    out = tmp_path / "figures"
    code = run.main(["--corpus", str(seeds_copy), "--figures", str(out), "--build",
                     str(tmp_path / "executed")])
    assert code != 0
    assert "left unchanged" in capsys.readouterr().err
    assert not out.exists() or not any(out.rglob("*.svg"))
    assert not list(tmp_path.glob(".figures.partial*"))
