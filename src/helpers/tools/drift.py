"""Compare two figure folders: ``python -m helpers.tools.drift figures build/check-figures``.

Every SVG and CSV must be byte-identical and both folders must hold the same
files (PNG included, by name only: raster bytes may differ across platforms).
"""

from __future__ import annotations

import sys
from pathlib import Path

CHECKED = (".svg", ".csv")
LISTED = (".svg", ".csv", ".png", ".md")


def _files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix in LISTED and not p.name.startswith(".")}


def figure_drift(expected: str | Path, actual: str | Path) -> list[str]:
    """Human-readable differences between two figure folders; empty when identical."""
    left, right = _files(Path(expected)), _files(Path(actual))
    problems = [f"missing in {actual}: {name}" for name in sorted(set(left) - set(right))]
    problems += [f"not in {expected}: {name}" for name in sorted(set(right) - set(left))]
    for name in sorted(set(left) & set(right)):
        if name.endswith(CHECKED) and left[name].read_bytes() != right[name].read_bytes():
            problems.append(f"differs: {name}")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m helpers.tools.drift EXPECTED_DIR ACTUAL_DIR", file=sys.stderr)
        return 2
    problems = figure_drift(*args)
    for line in problems:
        print(line)
    print("figures: no drift" if not problems else f"figures: {len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
