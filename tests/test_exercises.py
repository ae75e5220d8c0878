"""Predict-then-check exercises: the check, the answers on real seed text, the student
versions generated from the solution notebooks, and both versions run end to end."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers import answers, paths
from helpers.exercises import check, checks_all
from helpers.tools import exercises, run


def test_check_compares_what_was_predicted():
    assert check({"AP", "ap rewrite"}, {"AP", "AP rewrite"}).right  # case and order
    wrong = check({"AP"}, {"AP", "AP rewrite"}, name="E")
    assert wrong.right is False and "missing: ap rewrite" in wrong.message
    assert "not in the data: kyiv" in check({"AP", "Kyiv"}, {"AP"}).message
    assert check(5, 5).right and not check(6, 5).right
    assert check(0.31, 0.3, tolerance=0.02).right and not check(0.4, 0.3, tolerance=0.02).right
    assert check(110, 100, tolerance=0.1, relative=True).right
    assert not check("five", 5).right
    assert check(False, False).right and not check(True, False).right
    assert not check(0, False).right  # a number is not an answer to a yes/no question
    assert check("  Reuters-based ", "reuters-based").right
    unanswered = check(..., 5, name="Exercise 9")
    assert unanswered.right is None and "write your prediction" in unanswered.message
    assert checks_all([unanswered, check(5, 5)]) and not checks_all([check(4, 5)])


@pytest.mark.parametrize("answer, wrong", [
    (lambda r: answers.longest_outlet(r), "AP"),
    (lambda r: answers.most_alike_outlets(r), {"AP", "Kyiv Independent"}),
    (lambda r: answers.idf_values(r), 4),
    (lambda r: answers.outlets_using(r, "short-sighted"), {"AP"}),
    (lambda r: "narration" in answers.voices_using(r, "short-sighted"), True),
    (lambda r: answers.dominant_side(r, answers.busiest_outlet(r)), "United States"),
    (lambda r: answers.frames_everywhere(r), {"security_guarantees"}),
    (lambda r: answers.busiest_rule(r), "curly_quotes"),
    (lambda r: answers.closest_pair(r, [])[1] > answers.closest_pair(r)[1], False),
    (lambda r: answers.most_derived_outlet(r), "none"),
    (lambda r: answers.verdict_without_quotes(r), "derived"),
    (lambda r: len(answers.names_without_actors(r, answers.most_quoted_person(r))), 1),
    (lambda r: answers.saturated_share(r), 0.2),
    (lambda r: answers.most_anonymous_outlet(r), "Kyiv Independent"),
    (lambda r: answers.direction_without_metadata(r), "a→b"),
    (lambda r: (lambda b, a: a < b)(*answers.mentions_without_aliases(r)), False),
])
def test_each_answer_accepts_the_right_prediction_and_rejects_a_wrong_one(seeds, answer,
                                                                          wrong):
    actual = answer(seeds)
    assert check(actual, actual).right
    assert check(wrong, actual).right is False


def test_the_answers_on_the_seeds(seeds):
    # computed from the text, checked against what a reader of the five articles sees
    assert answers.longest_outlet(seeds) == "FT (machine translation)"
    assert answers.most_alike_outlets(seeds) == {"AP", "AP rewrite"}
    assert answers.idf_values(seeds) == 5  # one per document frequency, 1 to 5
    assert answers.outlets_using(seeds, "colonial agreement") == {"AP", "AP rewrite"}
    assert answers.voices_using(seeds, "short-sighted") <= {"quote", "mixed"}
    assert answers.edited_copy_loads(paths.SEEDS) is False  # SHA256SUMS catches the edit
    # the FT translation quotes most (18), most often Ukrainian speakers (9 of 18)
    assert answers.busiest_outlet(seeds) == "FT (machine translation)"
    assert answers.dominant_side(seeds, "FT (machine translation)") == "Ukraine"
    assert answers.dominant_side(seeds, "AP") == "United States"  # 5 against 4
    assert "security_guarantees" in answers.frames_everywhere(seeds)
    assert "leadership_criticism" not in answers.frames_everywhere(seeds)  # AP line only
    # the exercises that change an input, each on a user copy of the seeds
    assert answers.busiest_rule(seeds) == "name_alias"  # one row per merged spelling
    pair, cosine = answers.closest_pair(seeds)
    assert pair == {"AP", "AP rewrite"} and round(cosine, 2) == 0.47  # as notebook 03 shows
    assert answers.closest_pair(seeds, [])[1] > cosine  # function words are shared by all
    assert answers.most_derived_outlet(seeds) == "AP rewrite"
    assert answers.top_pair(seeds) == ("000_6c54d4c076695658", "001_dca0a1ec10f67a9e")
    # the rewrite's copied sentences carry AP's quotations: without them, no copying run
    assert answers.verdict_without_quotes(seeds) == "independent"
    assert answers.most_quoted_person(seeds) == "Zelenskyy"
    # without actors.csv each outlet's spelling is a person of its own
    assert {"Volodymyr Zelenskyy", "Volodymyr Zelensky", "Volodymyr Zelenskiy"} <= \
        answers.names_without_actors(seeds, "Zelenskyy")
    assert answers.saturated_share(seeds) == 1.0  # every seed article near +1 as a whole
    top = answers.most_positive_sentence(seeds)
    assert top["doc_id"].startswith("002_") and top["word"] == "positive"
    assert top["compound"] > 0.9
    assert answers.most_anonymous_outlet(seeds) == "Reuters-based"
    assert answers.direction_without_metadata(seeds) == "unknown"  # dates gone, no arrow
    actor, docs = answers.alias_actor(seeds)
    assert actor == "United States" and len(docs) == 5  # "US", "U.S." in every article
    before, after = answers.mentions_without_aliases(seeds)
    assert after < before


def test_a_user_copy_leaves_the_corpus_alone_and_refuses_edits_outside_it(seeds,
                                                                           tmp_path):
    from helpers.corpus import load_corpus

    before = {p.name: p.read_bytes() for p in paths.SEEDS.iterdir() if p.is_file()}
    copy = answers.user_copy(seeds, "test_copy", docs=["002_5ebc537bfe5f0ae8"],
                             without=["codebook.csv"])
    assert sorted(p.name for p in copy.glob("*.txt")) == ["002_5ebc537bfe5f0ae8.txt"]
    assert not (copy / "codebook.csv").exists() and (copy / "actors.csv").is_file()
    assert len(load_corpus(copy)) == 1  # its own checksum line and metadata row
    rule = {"name": "x", "stage": "whitespace", "pattern": "a", "replacement": "b",
            "description": "d"}
    answers.add_rows(copy / "cleaning_rules.csv", [rule])
    answers.add_rows(copy / "cleaning_rules.csv", [rule | {"name": "y"}])
    assert list(pd.read_csv(copy / "cleaning_rules.csv")["name"]) == ["x", "y"]
    with pytest.raises(ValueError, match="user copy only"):
        answers.add_rows(paths.SEEDS / "cleaning_rules.csv", [rule])
    with pytest.raises(ValueError, match="no article"):
        answers.user_copy(seeds, "test_copy", docs=["nope"])
    assert {p.name: p.read_bytes() for p in paths.SEEDS.iterdir() if p.is_file()} == before


def test_an_edit_in_a_corpus_without_checksums_goes_unnoticed(write_corpus):
    folder = write_corpus({"a.txt": "A sentence of news.", "b.txt": "Another one."})
    assert answers.edited_copy_loads(folder) is True
    assert (folder / "a.txt").read_text() == "A sentence of news."  # the copy was edited


def test_the_student_version_drops_solutions_and_blanks_predictions():
    solution = json.loads((paths.NOTEBOOKS / "01_loading.ipynb").read_text(encoding="utf-8"))
    student = exercises.student_version(solution)
    assert exercises.exercise_count(solution) >= 2
    assert len(student["cells"]) == len(solution["cells"])
    sources = ["".join(c["source"]) for c in student["cells"]]
    assert not any("solution" in c["metadata"].get("tags", []) for c in student["cells"])
    assert "# Solution" not in "".join(sources)
    predictions = [s for s, c in zip(sources, student["cells"], strict=True)
                   if "prediction" in c["metadata"].get("tags", [])]
    assert predictions and all("= ...  # your prediction" in s for s in predictions)
    assert all("FT (machine translation)" not in s for s in predictions)
    assert exercises._blank_prediction('# Q?\nX = {\n  "a",\n}\n') == \
        "# Q?\nX = ...  # your prediction\n"


BOOKS = [b for b in run.notebook_list(views=True)
         if exercises.exercise_count(json.loads(b.read_text(encoding="utf-8")))]


def _outputs(notebook: dict, needle: str) -> list[str]:
    """The text outputs of the cells whose source contains ``needle``."""
    texts = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code" and needle in "".join(cell["source"]):
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                texts.append("".join(data.get("text/markdown", data.get("text/plain", ""))))
    return texts


def test_every_notebook_with_exercises_has_two_at_least():
    assert {b.stem for b in BOOKS} >= {"01_loading", "03_similarity", "05_voices",
                                       "07_framing", "09_explore"}
    for book in BOOKS:
        nb = json.loads(book.read_text(encoding="utf-8"))
        assert exercises.exercise_count(nb) >= 2, book.name


@pytest.mark.notebooks
@pytest.mark.parametrize("book", BOOKS, ids=[b.stem for b in BOOKS])
def test_both_versions_run_and_the_solutions_are_right_on_the_seeds(book, tmp_path):
    solved = tmp_path / f"solution_{book.name}"
    run.execute_notebook(book, solved, str(paths.SEEDS), str(tmp_path / "figures"))
    checks = _outputs(json.loads(solved.read_text(encoding="utf-8")), "check(")
    assert checks and all("✓ **Right.**" in c for c in checks), checks
    student = exercises.write_student_versions(tmp_path / "student", [book.name[:2]])[0]
    done = tmp_path / f"student_{book.name}"
    run.execute_notebook(student, done, str(paths.SEEDS), str(tmp_path / "figures_student"))
    checks = _outputs(json.loads(done.read_text(encoding="utf-8")), "check(")
    assert checks and all("write your prediction" in c for c in checks), checks


def test_the_teachers_guide_lists_every_lesson_and_every_exercise():
    guide = (paths.NOTEBOOKS / "README.md").read_text(encoding="utf-8")
    rows = [line for line in guide.splitlines() if line.startswith("| 0")]
    for book in run.notebook_list(views=True):
        assert f"]({book.name})" in guide, book.name
        nb = json.loads(book.read_text(encoding="utf-8"))
        listed = [r for r in rows if r.startswith(f"| {book.name[:2]} ") and "min" not in r]
        assert len(listed) == exercises.exercise_count(nb), book.name
        assert sum("✎" in r for r in listed) >= 1, book.name  # one changes an input
