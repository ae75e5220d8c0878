"""Standalone HTML report of the executed notebooks: ``python -m helpers.tools.report``.

Each executed notebook of one run (``build/notebooks/`` for ``figures/``; ``--figures
DIR`` for another run's) becomes ``build/report/NN_topic.html`` with
its figures embedded as data, and ``index.html`` links them. Remote scripts and styles that
nbconvert's template would load (RequireJS, MathJax) are removed, so the pages open with no
network. Article text reaches the pages only through escaped outputs: nbconvert escapes
plain-text outputs, pandas escapes its HTML tables, and the notebooks escape styled tables.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

from .. import paths
from ..io import write_text

_REMOTE = re.compile(r"<script[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>\s*|"
                     r"<link[^>]*\bhref=\"https?://[^\"]*\"[^>]*/?>\s*", re.I)
_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->",
                      re.S | re.I)


def notebook_title(path: Path) -> str:
    """The first Markdown heading of a notebook, else its file name."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem


def offline_html(body: str) -> str:
    """Remove the template's references to remote scripts and styles."""
    return _REMOTE.sub("", _MATHJAX.sub("", body))


def export_notebook(notebook: Path, target: Path) -> Path:
    """Export one executed notebook to standalone HTML (images embedded, no remote assets)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", embed_images=True)
    body, _resources = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    return write_text(target, offline_html(body))


class MixedRunError(RuntimeError):
    """Executed notebooks that do not all come from the one run their ``run.json`` names."""


def check_one_run(executed: Path) -> dict:
    """The ``run.json`` of the folder of executed notebooks, once every notebook there is
    checked to be the one that run wrote (same name, same SHA-256) and none is missing;
    else :class:`MixedRunError` naming the first that is not."""
    from ..engine.fingerprint import file_digest

    try:
        record = json.loads((executed / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise MixedRunError(f"{executed}: no run.json names the run these notebooks come "
                            "from; run `make figures` again") from None
    books = {p.name for p in executed.glob("[0-9][0-9]_*.ipynb")}
    listed = record.get("notebooks", {})
    for name in sorted(books | set(listed)):
        if name not in listed:
            raise MixedRunError(f"{executed / name}: not from the run of {executed / 'run.json'}"
                                " (another corpus or output folder); run `make figures` again")
        if name not in books or file_digest(executed / name) != listed[name]:
            raise MixedRunError(f"{executed / name}: missing or changed since the run of "
                                f"{executed / 'run.json'}; run `make figures` again")
    return record


def build_report(executed: Path, out: Path) -> list[Path]:
    """Export every executed notebook of one run (:func:`check_one_run`) in ``executed``
    and write ``out/index.html``, which names the corpus and the figures folder."""
    books = sorted(executed.glob("[0-9][0-9]_*.ipynb"))
    if not books:
        raise FileNotFoundError(f"{executed}: no executed notebooks; run `make figures` first")
    record = check_one_run(executed)
    pages = [export_notebook(b, out / f"{b.stem}.html") for b in books]
    items = "\n".join(
        f'  <li><a href="{html.escape(p.name)}">{html.escape(notebook_title(b))}</a></li>'
        for b, p in zip(books, pages, strict=True))
    index = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<title>Comparative media analysis: report</title></head>\n<body>\n"
             "<h1>Comparative media analysis: report</h1>\n"
             "<p>The executed notebooks of the suite, with their figures: one run, on "
             f"the corpus <code>{html.escape(record['corpus']['folder'])}</code> (articles "
             f"digest {html.escape(record['corpus']['digest'][:12])}…).</p>\n"
             f"<ol>\n{items}\n</ol>\n</body></html>\n")
    write_text(out / "index.html", index)
    return [*pages, out / "index.html"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", default="",
                        help="report the run into this output folder (default: figures/)")
    parser.add_argument("--notebooks", default="",
                        help="the executed notebooks (default: those of --figures' run)")
    parser.add_argument("--out", default=str(paths.BUILD / "report"))
    args = parser.parse_args(argv)
    args.notebooks = args.notebooks or str(paths.executed_dir(args.figures or None))
    try:
        written = build_report(Path(args.notebooks), Path(args.out))
    except (FileNotFoundError, MixedRunError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"report: {len(written)} files in {args.out} (open index.html)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
