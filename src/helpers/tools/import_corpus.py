"""``make import``: a CSV, TSV, JSON Lines, Parquet file, saved web pages, or a folder that
mixes them, into a new corpus folder in the suite's format (:mod:`helpers.importing`).

Usage: ``python -m helpers.tools.import_corpus SOURCE NEW_FOLDER [--text COLUMN] [--id
COLUMN] [--outlet COLUMN] [--date COLUMN] [--headline COLUMN] [--url COLUMN] [--skip]
[--encoding NAME] [--max-bytes N]``. Exit status 1, with the file and row named, when a
row cannot be imported (``--skip`` imports the rest and lists it in ``import_rejected.csv``).
"""

from __future__ import annotations

import argparse
import sys
import time

from ..corpus import MAX_BYTES
from ..importing import ROLES, CorpusImportError, import_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make import", description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="a file (.csv .tsv .jsonl .parquet .html .txt) or a folder")
    parser.add_argument("out", help="the new corpus folder (must not exist, or be empty)")
    for role in ROLES:
        parser.add_argument(f"--{role}", help=f"the {role} column (default: found by name)")
    parser.add_argument("--skip", action="store_true",
                        help="import the other rows when one cannot be imported, and list it")
    parser.add_argument("--encoding", default="utf-8",
                        help="the encoding of CSV, TSV and JSON sources (default utf-8)")
    parser.add_argument("--max-bytes", type=int, default=MAX_BYTES,
                        help=f"the largest text of one article (default {MAX_BYTES:,})")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        report = import_corpus(args.source, args.out, on_error="skip" if args.skip else "raise",
                               max_bytes=args.max_bytes, encoding=args.encoding,
                               **{role: getattr(args, role) for role in ROLES})
    except CorpusImportError as err:
        print(f"import failed: {err}", file=sys.stderr)
        return 1
    print(report._repr_markdown_().replace("**", ""))
    if len(report.rejected):
        print(f"rejected rows, with their reasons: {report.folder / 'import_rejected.csv'}")
    print(f"done in {time.perf_counter() - start:.1f} s; open it with "
          f"make figures CORPUS={report.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
