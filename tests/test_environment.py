"""The two environment files list the same packages; the house rules hold."""

from __future__ import annotations

import json
import re
import tomllib

import pytest

from helpers import paths

REQUIRED = {"jupyterlab", "pandas", "matplotlib", "scikit-learn", "nltk", "vadersentiment",
            "papermill", "pytest"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((paths.PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    reqs = project["dependencies"] + project["optional-dependencies"]["test"]
    return {_name(r): r.replace(" ", "") for r in reqs}


def _environment() -> dict[str, str]:
    text = (paths.PROJECT_ROOT / "environment.yml").read_text()
    block = text.split("\ndependencies:\n", 1)[1]
    deps = re.findall(r"^  - ([^\s#:]+)\s*$", block, flags=re.M)
    return {_name(d): d for d in deps if _name(d) not in {"python", "pip"}}


def test_environment_yml_and_pyproject_list_the_same_packages():
    assert set(_pyproject()) == set(_environment())


def test_environment_yml_and_pyproject_agree_on_lower_bounds():
    pyproject, environment = _pyproject(), _environment()
    for name, spec in pyproject.items():
        assert spec.lower().replace("_", "-").endswith(environment[name].split(name, 1)[1]), name


def test_environment_yml_installs_the_package_itself():
    text = (paths.PROJECT_ROOT / "environment.yml").read_text()
    assert re.search(r"^  - pip:\n      - -e \.\s*$", text, flags=re.M)
    assert "conda-forge" in text


def test_the_design_card_packages_are_declared():
    assert set(_pyproject()) >= REQUIRED


def test_nothing_downloads_nltk_data():
    for path in [*paths.PACKAGE_DIR.rglob("*.py"), *paths.NOTEBOOKS.glob("*.ipynb")]:
        assert "nltk.download" not in path.read_text(encoding="utf-8"), path


def test_notebooks_are_committed_clean_with_a_parameters_cell():
    books = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
    assert [b.name[:3] for b in books[:2]] == ["01_", "02_"]
    for book in books:
        assert re.fullmatch(r"\d\d_[a-z_]+\.ipynb", book.name), book.name
        cells = json.loads(book.read_text(encoding="utf-8"))["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), book
        tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, book
        source = "".join(tagged[0]["source"])
        assert "CORPUS = None" in source and "FIGURES = None" in source, book
        assert cells[0]["cell_type"] == "markdown" and "".join(
            cells[0]["source"]).startswith(f"# {book.name[:2]} · "), book


# the arc of every notebook (Project Pythia's cookbooks), in this order
ARC = ["## Overview", "## Prerequisites", "## Time to learn", "## Learning objectives",
       "## What to doubt", "## Summary", "## What's next"]


def _markdown(book) -> list[str]:
    cells = json.loads(book.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("book", sorted(paths.NOTEBOOKS.glob("*.ipynb")), ids=lambda b: b.stem)
def test_every_notebook_follows_the_arc(book):
    lines = [line.strip() for text in _markdown(book) for line in text.splitlines()]
    where = []
    for heading in ARC:
        assert heading in lines, f"{book.name}: no section {heading!r}"
        where.append(lines.index(heading))
    assert where == sorted(where), f"{book.name}: the arc's sections are out of order"
    overview = _markdown(book)[0]
    assert all(h in overview for h in ARC[:4]), f"{book.name}: the first cell opens the arc"
    assert "minutes" in lines[lines.index("## Time to learn") + 1], book.name
    # the links to other notebooks point to notebooks that exist
    for target in re.findall(r"\]\((\d\d_[a-z_]+\.ipynb)\)", "\n".join(_markdown(book))):
        assert (paths.NOTEBOOKS / target).is_file(), f"{book.name}: link to {target}"


@pytest.mark.parametrize("book", sorted(paths.NOTEBOOKS.glob("*.ipynb")), ids=lambda b: b.stem)
def test_doubts_share_one_callout_style_and_no_developer_wording_reaches_students(book):
    for text in _markdown(book):
        for line in text.splitlines():
            if "What to doubt" in line and not line.startswith("## "):
                assert line.startswith("> **What to doubt.**"), f"{book.name}: {line}"
        assert "Doubt this" not in text, book.name
        for leak in ("as the brief asks", "the README's 0.7003", "at most 2 here",
                     "as the issue", "the brief", "TODO", "FIXME"):
            assert leak not in text, f"{book.name}: {leak!r}"


def test_notebooks_take_paths_from_the_paths_module():
    for book in sorted(paths.NOTEBOOKS.glob("*.ipynb")):
        text = book.read_text(encoding="utf-8")
        assert "../" not in text, book
