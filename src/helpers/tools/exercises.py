"""Student versions of the notebooks, generated from the solution versions.

As in the scikit-learn MOOC, the committed notebooks are the solution versions. The
student version of a notebook is the same notebook with

* every cell tagged ``solution`` replaced by an empty code cell that says "your answer
  here" (the worked answer is gone, the place to write one stays);
* every cell tagged ``prediction`` reset to ``NAME = ...``: the student's prediction,
  still to be written (the solution version holds the expected prediction, so that the
  solution notebooks run their checks on a right answer).

``make exercises`` writes them into ``build/exercises/``; the tests execute both
versions. Usage: ``python -m helpers.tools.exercises [--out FOLDER] [NN ...]``.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
from pathlib import Path

from .. import paths
from ..io import write_text

SOLUTION = "solution"
PREDICTION = "prediction"
STUDENT_DIR = paths.BUILD / "exercises"
_ASSIGNMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*=", re.MULTILINE)


def _tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _blank_prediction(source: str) -> str:
    """``NAME = value`` lines become ``NAME = ...``; comments stay (they ask the question);
    the continuation lines of a multi-line value go."""
    out = []
    for line in source.splitlines():
        m = _ASSIGNMENT.match(line)
        if m:
            out.append(f"{m.group(1)} = ...  # your prediction")
        elif line.lstrip().startswith("#") or not line.strip():
            out.append(line)
    return "\n".join(out) + "\n"


def student_version(notebook: dict) -> dict:
    """The student version of a solution notebook (see the module doc)."""
    nb = copy.deepcopy(notebook)
    cells = []
    for cell in nb["cells"]:
        tags = _tags(cell)
        if SOLUTION in tags:
            cells.append({"cell_type": "code", "execution_count": None, "id": cell.get("id"),
                          "metadata": {"tags": ["answer"]}, "outputs": [],
                          "source": ["# your answer here\n"]})
            continue
        if PREDICTION in tags:
            cell = {**cell, "source": _blank_prediction("".join(cell["source"]))
                    .splitlines(keepends=True)}
        cells.append(cell)
    nb["cells"] = [c if c.get("id") else {k: v for k, v in c.items() if k != "id"}
                   for c in cells]
    return nb


def exercise_count(notebook: dict) -> int:
    """How many exercises a notebook holds (its ``prediction`` cells)."""
    return sum(PREDICTION in _tags(c) for c in notebook["cells"])


def write_student_versions(out: Path = STUDENT_DIR, selected: list[str] | None = None
                           ) -> list[Path]:
    """Write the student version of every numbered notebook (or of ``selected``) into
    ``out``; returns the files written."""
    from .run import notebook_list

    written = []
    for book in notebook_list(selected, views=True):
        nb = json.loads(book.read_text(encoding="utf-8"))
        target = Path(out) / book.name
        write_text(target, json.dumps(student_version(nb), indent=1, ensure_ascii=False)
                   + "\n")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(STUDENT_DIR))
    parser.add_argument("notebooks", nargs="*", help="notebook numbers (default: all)")
    args = parser.parse_args(argv)
    for path in write_student_versions(Path(args.out), args.notebooks or None):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
