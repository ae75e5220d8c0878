"""Importing a corpus from CSV, TSV, JSON Lines, Parquet and saved web pages: every article
arrives with its metadata and provenance, every row that cannot be imported is named with
its reason, and the folder opens in the suite like any other corpus."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from helpers import load_corpus, paths
from helpers.importing import CorpusImportError, import_corpus
from helpers.tools import import_corpus as cli

EXAMPLES = paths.PROJECT_ROOT / "tests" / "data" / "import"


def test_a_mixed_folder_arrives_with_metadata_and_provenance(tmp_path):
    report = import_corpus(EXAMPLES, tmp_path / "corpus", on_error="skip")
    assert report.imported == 9 and len(report.rejected) == 2
    assert report.rejected.to_dict("records") == [
        {"source": "crawl.jsonl", "row": "line 3",
         "reason": "not a JSON object (Expecting ',' delimiter)"},
        {"source": "export.csv", "row": "row 3", "reason": "text is empty or whitespace only"},
    ]
    corpus = load_corpus(tmp_path / "corpus").set_index("doc_id")  # checksums verified
    assert corpus.loc["9001", "outlet"] == "Harbour Times"  # media_name, found by name
    assert corpus.loc["9001", "date"] == "2024-03-04"
    assert corpus.loc["9001", "headline"] == "Port workers begin two-day strike"
    assert corpus.loc["9001", "language"] == "en"  # another column, kept
    assert corpus.loc["9001", "text"].startswith("Dock workers at the city's container port")
    assert '"We did not want this' in corpus.loc["9001", "text"]  # CSV quoting undone
    # a formula-like cell goes through metadata.csv neutralised and comes back exactly
    assert corpus.loc["9004", "headline"] == '=HYPERLINK("https://evil.example")'
    assert corpus.loc["crawl_000001", "outlet"] == "Morning Courier"  # source.name (JSON)
    assert corpus.loc["crawl_000001", "date"] == "2024-03-06T09:15:00Z"
    assert corpus.loc["wire-001", "section"] == "business"  # Parquet's extra column
    assert corpus.loc["wire-001", "evidence"] == (
        "imported from table.parquet row 1; text column 'body', id column 'id', outlet "
        "column 'outlet', date column 'date', headline column 'headline'")
    page = corpus.loc["pages__ledger_strike"]
    assert (page["outlet"], page["date"]) == ("The Daily Ledger", "2024-03-07")
    assert page["headline"] == "Strike ends at the port"
    assert page["url"] == "https://ledger.example/2024/03/07/strike-ends"
    assert "keeps their pension scheme" in page["text"]
    for furniture in ["cookies", "Subscribe", "Most read", "newsletter", "Home"]:
        assert furniture not in page["text"], furniture
    saved = tmp_path / "corpus" / page["html_file"]
    assert saved.read_bytes() == (EXAMPLES / "pages" / "ledger_strike.html").read_bytes()
    log = json.loads((tmp_path / "corpus" / "import_log.json").read_text())
    assert log["imported"] == 9 and log["on_error"] == "skip"
    assert {s["source"]: s["rejected"] for s in log["sources"]}["export.csv"] == 1


def test_the_imported_corpus_runs_through_the_pipeline(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_ARTEFACTS", str(tmp_path / "artefacts"))
    from helpers.pipeline import open_corpus

    import_corpus(EXAMPLES, tmp_path / "corpus", on_error="skip")
    run = open_corpus(tmp_path / "corpus")
    quotes = run.quotes
    osei = quotes[quotes["quote"].str.startswith("We did not want this")]
    assert list(osei["person"]) == ["Amina Osei"]
    assert len(run.reuse_summary) > 0 and len(run.sentiment) > 0


def test_strict_mode_stops_at_the_first_bad_row_and_writes_nothing(tmp_path):
    with pytest.raises(CorpusImportError, match=r"export\.csv: row 3: text is empty"):
        import_corpus(EXAMPLES / "export.csv", tmp_path / "corpus")
    assert not (tmp_path / "corpus").exists()
    assert list(tmp_path.iterdir()) == []  # no half-written folder under another name


def _csv(path, rows: list[bytes]) -> None:
    path.write_bytes(b"id,outlet,text\n" + b"\n".join(rows) + b"\n")


def test_every_rejected_row_is_named_with_its_reason(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    _csv(source / "a.csv", [b"1,X,A fine article about the harbour.",
                            b"2,X,caf\xe9 au lait is not UTF-8 here",
                            b"1,X,The same id again.",
                            b"3,X,too,many,fields",
                            b"4,X," + b"long " * 50,
                            b'5,X,"a NUL \x00 byte"'])
    (source / "notes.docx").write_bytes(b"PK\x03\x04")
    report = import_corpus(source, tmp_path / "out", on_error="skip", max_bytes=200)
    reasons = dict(zip(report.rejected["source"] + " " + report.rejected["row"],
                       report.rejected["reason"], strict=True))
    assert report.imported == 1
    assert reasons["a.csv row 2"].startswith("not valid UTF-8 at byte offset 3")
    assert reasons["a.csv row 3"] == "duplicate id '1' (first: a.csv row 1)"
    assert reasons["a.csv row 4"] == "5 fields where the header has 3"
    assert reasons["a.csv row 5"].startswith("text is 250 bytes, over the limit of 200")
    assert reasons["a.csv row 6"].startswith("contains a NUL byte")
    assert reasons["notes.docx file"].startswith("unknown format '.docx'")
    rejected = pd.read_csv(tmp_path / "out" / "import_rejected.csv")
    assert len(rejected) == 6


def test_columns_are_named_or_found_and_a_missing_one_is_an_error(tmp_path):
    table = pa.Table.from_pylist([{"key": "k1", "prose": "Ships waited in the bay.",
                                   "paper": "Bay News"}])
    pq.write_table(table, tmp_path / "t.parquet")
    with pytest.raises(CorpusImportError, match="no text column found among"):
        import_corpus(tmp_path / "t.parquet", tmp_path / "a")
    with pytest.raises(CorpusImportError, match="no column 'paper_name' for the outlet"):
        import_corpus(tmp_path / "t.parquet", tmp_path / "b", text="prose", outlet="paper_name")
    report = import_corpus(tmp_path / "t.parquet", tmp_path / "c", text="prose", id="key",
                           outlet="paper")
    corpus = load_corpus(report.folder)
    assert list(corpus["doc_id"]) == ["k1"] and list(corpus["outlet"]) == ["Bay News"]


def test_tsv_and_an_existing_folder(tmp_path):
    (tmp_path / "x.tsv").write_text("title\tbody\nA\tText of A.\nB\tText of B.\n")
    report = import_corpus(tmp_path / "x.tsv", tmp_path / "out")
    corpus = load_corpus(report.folder)
    assert list(corpus["doc_id"]) == ["x_000001", "x_000002"]
    assert list(corpus["headline"]) == ["A", "B"] and list(corpus["outlet"]) == ["x", "x"]
    with pytest.raises(CorpusImportError, match="exists and is not empty"):
        import_corpus(tmp_path / "x.tsv", tmp_path / "out")
    (tmp_path / "x.tsv").write_text("title\tbody\nC\tText of C.\n")
    import_corpus(tmp_path / "x.tsv", tmp_path / "out", replace=True)  # an earlier import
    assert list(load_corpus(tmp_path / "out")["headline"]) == ["C"]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("my own notes")
    with pytest.raises(CorpusImportError, match="replaces an earlier import only"):
        import_corpus(tmp_path / "x.tsv", tmp_path / "mine", replace=True)
    assert (tmp_path / "mine" / "notes.txt").read_text() == "my own notes"


def test_make_import_reports_and_fails_with_the_row(tmp_path, capsys):
    assert cli.main([str(EXAMPLES / "export.csv"), str(tmp_path / "a")]) == 1
    assert "export.csv: row 3: text is empty" in capsys.readouterr().err
    assert cli.main([str(EXAMPLES / "export.csv"), str(tmp_path / "b"), "--skip"]) == 0
    out = capsys.readouterr().out
    assert "3 articles imported" in out and "1 row rejected" in out


def test_a_browser_saved_page_and_a_json_document(tmp_path):
    source = tmp_path / "saved"
    (source / "Strike ends_files").mkdir(parents=True)
    page = (EXAMPLES / "pages" / "ledger_cranes.html").read_bytes()
    # Chrome's "save page" note, no og:site_name, and the page's resources beside it
    page = (b"<!-- saved from url=(0040)https://www.harbournews.example/cranes -->\n"
            + page.replace(b'<meta property="og:site_name" content="The Daily Ledger">', b""))
    (source / "Strike ends.html").write_bytes(page)
    for name in ["style.css", "app.js", "photo.jpg"]:
        (source / "Strike ends_files" / name).write_bytes(b"x")
    (source / "newsapi.json").write_text(json.dumps({"status": "ok", "articles": [
        {"source": {"name": "Bay News"}, "title": "Ferries run", "content": "Ferries ran.",
         "publishedAt": "2024-03-06"}, "not an object"]}))
    report = import_corpus(source, tmp_path / "out", on_error="skip")
    assert report.imported == 2
    assert report.rejected.to_dict("records") == [
        {"source": "newsapi.json", "row": "item 2", "reason": "not a JSON object"}]
    corpus = load_corpus(report.folder).set_index("doc_id")
    saved = corpus.loc["Strike_ends"]
    assert saved["url"] == "https://www.harbournews.example/cranes"  # recorded, not fetched
    assert saved["outlet"] in {"harbournews.example", "www.harbournews.example"}
    assert corpus.loc["newsapi_000001", "outlet"] == "Bay News"
    log = json.loads((report.folder / "import_log.json").read_text())
    assert log["page_resources_ignored"] == 3


def test_without_an_outlet_column_the_outlet_is_the_url_host(tmp_path):
    (tmp_path / "links.csv").write_text(
        "article_id,page_link,text\n"
        "7,https://www.harbournews.example/a,First text.\n"
        "8,,Second text.\n")
    corpus = load_corpus(import_corpus(tmp_path / "links.csv", tmp_path / "out").folder)
    assert list(corpus["outlet"]) == ["harbournews.example", "links"]
    assert corpus["evidence"].iloc[0].endswith("url column 'page_link'; outlet from the "
                                               "url's host")
    assert corpus["evidence"].iloc[1].endswith("outlet from the file name")


def test_a_table_in_another_encoding_is_read_as_declared(tmp_path):
    (tmp_path / "old.csv").write_bytes("id,text\n1,Caf\u00e9 owners \u2013 and the port.\n"
                                       .encode("cp1252"))
    with pytest.raises(CorpusImportError, match=r"row 1: not valid UTF-8 at byte offset 3"):
        import_corpus(tmp_path / "old.csv", tmp_path / "a")  # as UTF-8 it is not
    corpus = load_corpus(import_corpus(tmp_path / "old.csv", tmp_path / "b",
                                       encoding="cp1252").folder)
    assert corpus["text"].iat[0] == "Caf\u00e9 owners \u2013 and the port."
    with pytest.raises(CorpusImportError, match="unknown encoding 'klingon'"):
        import_corpus(tmp_path / "old.csv", tmp_path / "c", encoding="klingon")
