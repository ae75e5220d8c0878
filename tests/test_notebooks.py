"""Every notebook runs top to bottom in a fresh kernel, on the seeds and on odd corpora."""

from __future__ import annotations

import pytest

from helpers import paths
from helpers.run import execute_notebook, notebook_list

NOTEBOOKS = notebook_list()
pytestmark = pytest.mark.notebooks


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_notebook_runs_on_the_seeds(notebook, tmp_path):
    out = tmp_path / "figures"
    execute_notebook(notebook, tmp_path / notebook.name, str(paths.SEEDS), str(out))
    prefix = notebook.name[:2]
    made = sorted(p.stem for p in out.glob(f"{prefix}_*.png"))
    assert made, f"{notebook.name} wrote no figure"
    for stem in made:
        assert (out / f"{stem}.svg").is_file()
        assert (out / "data" / f"{stem}.csv").is_file()


ODD_CORPORA = {
    "one_article": {"only.txt": "A single short article. It has two sentences."},
    "subfolders_no_metadata": {
        "daily/a.txt": 'Officials met in "Munich" on Friday. The U.S. sent a draft.',
        "daily/b.txt": "Talks went on. Nobody signed.",
        "weekly/c.txt": "\ufeffA weekly view.\r\nWith CRLF lines.\r\n",
    },
}


@pytest.mark.parametrize("name", sorted(ODD_CORPORA))
def test_every_notebook_runs_on_an_odd_corpus(name, write_corpus, tmp_path):
    root = write_corpus(ODD_CORPORA[name], name=name)
    out = tmp_path / "figures"
    for notebook in NOTEBOOKS:
        execute_notebook(notebook, tmp_path / notebook.name, str(root), str(out))
    assert (out / "01_article_lengths.svg").is_file()
