"""Shared fixtures: the seed corpus prepared once, and a writer of small test corpora."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import helpers
from helpers import open_corpus, paths

os.environ.setdefault("TQDM_DISABLE", "1")  # quiet progress bars in tests
SHARED_SEEDS = paths.PROJECT_ROOT.parent / "shared" / "seeds"
AP, REWRITE, KYIV, REUTERS, FT = (
    "000_6c54d4c076695658",
    "001_dca0a1ec10f67a9e",
    "002_5ebc537bfe5f0ae8",
    "003_0750e0b6a9e59ec0",
    "004_766c8d58a70347a6",
)


@pytest.fixture(scope="session")
def seeds(tmp_path_factory):
    """The seed corpus, loaded, cleaned and split into sentences (computed once)."""
    return open_corpus(paths.SEEDS, store=tmp_path_factory.mktemp("artefacts"))


@pytest.fixture(scope="session")
def seed_variants(seeds):
    return helpers.count_name_variants(seeds.corpus, seeds.actors)


@pytest.fixture
def write_corpus(tmp_path):
    """Write ``{relative_path: text_or_bytes}`` into a fresh folder and return its path."""

    def _write(files: dict[str, str | bytes], name: str = "corpus") -> Path:
        root = tmp_path / name
        root.mkdir()
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return _write


@pytest.fixture
def seeds_copy(tmp_path):
    """A writable copy of ``seeds/``."""
    target = tmp_path / "seeds_copy"
    shutil.copytree(paths.SEEDS, target)
    return target


@pytest.fixture(scope="module")
def monkeypatch_module():
    """A monkeypatch that hypothesis tests may share across their examples."""
    with pytest.MonkeyPatch.context() as patch:
        yield patch
