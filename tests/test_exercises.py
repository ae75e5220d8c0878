"""Predict-then-check exercises: the check, the answers on real seed text, the student
versions generated from the solution notebooks, and both versions run end to end."""

from __future__ import annotations

import json

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
    assert {b.stem for b in BOOKS} >= {"01_loading", "03_similarity", "04_voices",
                                       "06_framing", "08_explore"}
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
