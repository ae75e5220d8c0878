"""The loader: the seed corpus as it is, and every bad-input case."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

import helpers
from helpers import paths
from helpers.corpus import CorpusError, read_corpus

from .conftest import AP, FT, KYIV, REUTERS, REWRITE, SHARED_SEEDS


def test_seeds_load_sorted_with_the_documented_columns():
    corpus = helpers.load_corpus()
    assert list(corpus.columns[:8]) == helpers.CORPUS_COLUMNS
    assert corpus["doc_id"].tolist() == [AP, REWRITE, KYIV, REUTERS, FT]
    assert corpus.set_index("doc_id").loc[AP, "outlet"] == "AP"
    assert corpus.set_index("doc_id").loc[FT, "relation"] == "machine translation"
    assert corpus.set_index("doc_id").loc[REUTERS, "headline"].startswith("Zelenskiy Declines")


def test_raw_text_is_untouched():
    corpus = helpers.load_corpus()
    for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
        assert text == (paths.SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")


def test_word_counts_are_real_counts():
    corpus = helpers.load_corpus().set_index("doc_id")
    assert corpus.loc[KYIV, "n_words"] == 381
    assert corpus.loc[FT, "n_words"] == 930
    assert helpers.count_words("Zelenskyy's short-sighted U.S. deal") == 5


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="shared/seeds not beside the checkout")
def test_seeds_are_byte_identical_to_the_shared_seed_files():
    shared = sorted(SHARED_SEEDS.glob("*.txt"))
    assert len(shared) == 5
    for source in shared:
        assert (paths.SEEDS / source.name).read_bytes() == source.read_bytes()


def test_every_seed_is_in_the_checksum_file():
    sums = dict(line.split("  ")[::-1] for line in
                (paths.SEEDS / "SHA256SUMS").read_text().splitlines())
    for path in sorted(paths.SEEDS.glob("*.txt")):
        assert sums[path.name] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_edited_seed_fails_its_checksum_and_names_the_article(seeds_copy):
    target = seeds_copy / f"{KYIV}.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("Zelensky", "Zelenskyy", 1),
                      encoding="utf-8")
    with pytest.raises(CorpusError, match=f"{KYIV}.txt: checksum mismatch"):
        helpers.load_corpus(seeds_copy)


def test_missing_folder(tmp_path):
    with pytest.raises(CorpusError, match="does not exist") as err:
        helpers.load_corpus(tmp_path / "nowhere")
    assert "nowhere" in str(err.value)


def test_folder_without_articles(write_corpus):
    root = write_corpus({"notes.md": "no articles here"})
    with pytest.raises(CorpusError, match="no .txt articles") as err:
        helpers.load_corpus(root)
    assert str(root) in str(err.value)


@pytest.mark.parametrize("content", ["", "  \n\t \n"])
def test_empty_or_whitespace_file(write_corpus, content):
    root = write_corpus({"a.txt": "Some news.", "b.txt": content})
    with pytest.raises(CorpusError, match=r"b\.txt: file is empty or whitespace only"):
        helpers.load_corpus(root)


def test_invalid_utf8_gives_the_byte_offset(write_corpus):
    root = write_corpus({"latin.txt": b"Caf" + b"\xe9 au lait"})
    with pytest.raises(CorpusError, match=r"latin\.txt: not valid UTF-8 at byte offset 3"):
        helpers.load_corpus(root)


def test_nul_bytes(write_corpus):
    root = write_corpus({"bin.txt": b"news\x00more"})
    with pytest.raises(CorpusError, match=r"bin\.txt: contains a NUL byte at byte offset 4"):
        helpers.load_corpus(root)


def test_metadata_row_for_a_missing_file(write_corpus):
    root = write_corpus({"a.txt": "News.", "metadata.csv": "doc_id,outlet\na,X\nghost,Y\n"})
    with pytest.raises(CorpusError, match=r"metadata\.csv: metadata row for 'ghost'"):
        helpers.load_corpus(root)


def test_metadata_without_doc_id_column(write_corpus):
    root = write_corpus({"a.txt": "News.", "metadata.csv": "id,outlet\na,X\n"})
    with pytest.raises(CorpusError, match=r"metadata\.csv: has no 'doc_id' column"):
        helpers.load_corpus(root)


def test_duplicate_doc_id_in_metadata(write_corpus):
    root = write_corpus({"a.txt": "News.", "metadata.csv": "doc_id,outlet\na,X\na,Y\n"})
    with pytest.raises(CorpusError, match=r"metadata\.csv: duplicate doc_id \['a'\]"):
        helpers.load_corpus(root)


def test_duplicate_doc_id_between_files(write_corpus):
    root = write_corpus({"Story.txt": "News one.", "story.TXT": "News two."})
    with pytest.raises(CorpusError, match="duplicate doc_id 'story'") as err:
        helpers.load_corpus(root)
    assert "story.TXT" in str(err.value)


def test_file_over_the_size_limit(write_corpus):
    root = write_corpus({"big.txt": "word " * 300})
    with pytest.raises(CorpusError, match=r"big\.txt: file is 1,500 bytes, over the limit"):
        helpers.load_corpus(root, max_bytes=1_000)
    assert len(helpers.load_corpus(root, max_bytes=2_000)) == 1


def test_bom_and_crlf_are_accepted_and_recorded(write_corpus):
    root = write_corpus({"win.txt": b"\xef\xbb\xbfFirst line.\r\nSecond line.\r\n",
                         "unix.txt": b"Plain.\n"})
    corpus = helpers.load_corpus(root).set_index("doc_id")
    assert corpus.loc["win", "has_bom"]
    assert corpus.loc["win", "line_endings"] == "CRLF"
    assert corpus.loc["win", "text"] == "First line.\r\nSecond line.\r\n"
    assert not corpus.loc["unix", "has_bom"]
    assert corpus.loc["unix", "line_endings"] == "LF"


def test_subfolders_give_outlet_and_doc_id(write_corpus):
    root = write_corpus({"bbc/2025/one.txt": "News one.", "cnn/two.txt": "News two.",
                         "top.txt": "News three.", ".hidden/x.txt": "ignored"})
    corpus = helpers.load_corpus(root)
    assert corpus["doc_id"].tolist() == ["bbc/2025/one", "cnn/two", "top"]
    assert corpus["outlet"].tolist() == ["bbc", "cnn", "top"]
    assert (corpus[["origin", "relation", "date", "headline"]] == "").all().all()


def test_metadata_fills_outlets_and_keeps_extra_columns(write_corpus):
    root = write_corpus({"a.txt": "News.", "b.txt": "More news.",
                         "metadata.csv": "doc_id,outlet,section\na,Daily,world\n"})
    corpus = helpers.load_corpus(root).set_index("doc_id")
    assert corpus.loc["a", "outlet"] == "Daily"
    assert corpus.loc["a", "section"] == "world"
    assert corpus.loc["b", "outlet"] == "b"


def test_skip_mode_loads_the_rest_and_lists_why(write_corpus):
    root = write_corpus({"good.txt": "Fine news.", "empty.txt": "", "bad.txt": b"\xff\xfe"})
    result = read_corpus(root, on_error="skip")
    assert result.articles["doc_id"].tolist() == ["good"]
    skipped = result.skipped.sort_values("path").reset_index(drop=True)
    assert isinstance(skipped, pd.DataFrame) and len(skipped) == 2
    assert skipped.loc[0, "path"].endswith("bad.txt")
    assert "not valid UTF-8 at byte offset 0" in skipped.loc[0, "problem"]
    assert "empty" in skipped.loc[1, "problem"]


def test_skip_mode_still_refuses_a_corpus_with_nothing_left(write_corpus):
    root = write_corpus({"empty.txt": ""})
    with pytest.raises(CorpusError, match="no article could be loaded"):
        read_corpus(root, on_error="skip")


def test_corpus_error_is_a_value_error():
    assert issubclass(CorpusError, ValueError)


def test_write_checksums_round_trip(write_corpus):
    root = write_corpus({"a.txt": "One.", "sub/b.txt": "Two."})
    helpers.write_checksums(root)
    assert len(helpers.load_corpus(root)) == 2
    (root / "c.txt").write_text("Three.", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"c\.txt: not listed in"):
        helpers.load_corpus(root)
