"""Offline language resources: VADER through NLTK on the wheel's lexicon, Punkt without a model."""

from __future__ import annotations

import nltk
import pytest

import helpers
from helpers import paths, resources


def test_vader_runs_offline_from_the_suite_data_folder():
    analyzer = helpers.vader_analyzer()
    assert str(paths.nltk_data_dir()) in nltk.data.path
    assert (paths.nltk_data_dir() / resources.LEXICON_RESOURCE).is_file()
    assert analyzer.lexicon["short-sighted"] == -1.2
    assert "colonial" not in analyzer.lexicon and "guarantees" not in analyzer.lexicon
    assert analyzer.polarity_scores("The deal is good.")["compound"] > 0.4


def test_the_lexicon_is_the_vadersentiment_one():
    source = resources.vader_lexicon_source()
    assert source.parent.name == "vaderSentiment"
    lines = source.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 7000 and lines[0].count("\t") >= 2


def test_a_missing_lexicon_says_which_package_to_install(monkeypatch):
    def missing(_name):
        raise ModuleNotFoundError("No module named 'vaderSentiment'")

    monkeypatch.setattr(resources.importlib_resources, "files", missing)
    with pytest.raises(resources.ResourceMissingError, match="vaderSentiment"):
        resources.vader_lexicon_source()


def test_the_data_folder_can_be_redirected(monkeypatch, tmp_path):
    monkeypatch.setenv("HELPERS_NLTK_DATA", str(tmp_path / "nd"))
    root = resources.ensure_nltk_data()
    assert root == tmp_path / "nd"
    assert (root / resources.LEXICON_RESOURCE).is_file()


def test_punkt_needs_no_model():
    tokenizer = helpers.punkt_tokenizer()
    assert "u.s" in tokenizer._params.abbrev_types
    assert tokenizer.tokenize("Mr. Vance met the U.S. team. They talked.") == [
        "Mr. Vance met the U.S. team.", "They talked."]
