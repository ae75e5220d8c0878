"""Predict-then-check exercises: the student writes a prediction, runs the analysis, and
:func:`check` compares the two and explains the difference.

A notebook's exercise has three cells: the question (markdown), the prediction
(``PREDICTION = ...``, which the student fills in) and the check, which computes the
answer from the data, never from a stored value, and calls :func:`check`. Cells tagged
``solution`` hold the worked answer; the student version of each notebook is the same
notebook without them (``make exercises``; :mod:`helpers.tools.exercises`).

An unanswered prediction (``...`` or ``None``) is not an error: the check says to write
one first, so both versions of every notebook run top to bottom.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Checked:
    """The outcome of :func:`check`: ``right`` is ``None`` when nothing was predicted."""

    name: str
    right: bool | None
    message: str

    def _repr_markdown_(self) -> str:
        return self.message

    def __str__(self) -> str:
        return self.message


def _unanswered(prediction: Any) -> bool:
    return prediction is None or prediction is Ellipsis or (
        isinstance(prediction, str) and not prediction.strip())


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.lower().split())
    return value


def _as_set(value: Any) -> set | None:
    if isinstance(value, (set, frozenset, list, tuple)):
        return {_norm(v) for v in value}
    return None


def check(prediction: Any, actual: Any, *, name: str = "exercise", explain: str = "",
          tolerance: float | None = None, relative: bool = False) -> Checked:
    """Compare ``prediction`` with ``actual`` (computed from the data) and say why.

    * text is compared ignoring case and spacing; lists, tuples and sets as sets (order
      and duplicates do not count), naming what is missing and what is extra;
    * numbers match within ``tolerance`` (absolute, or a share of ``actual`` when
      ``relative``), exactly when it is ``None``;
    * ``True``/``False`` compare as they are.

    ``explain`` is the reasoning shown after the verdict, right or wrong: what the
    student should take from the result.
    """
    tail = f"\n\n{explain}" if explain else ""
    if _unanswered(prediction):
        return Checked(name, None, f"**{name}:** write your prediction in the cell above "
                                   "(replace `...`), then run this cell again.")
    right, detail = _compare(prediction, actual, tolerance, relative)
    verdict = "✓ **Right.**" if right else "✗ **Not quite.**"
    return Checked(name, right, f"**{name}:** {verdict} {detail}{tail}")


def _compare(prediction: Any, actual: Any, tolerance: float | None,
             relative: bool) -> tuple[bool, str]:
    said = f"You predicted `{prediction!r}`; the data says `{actual!r}`."
    if isinstance(actual, bool) or isinstance(prediction, bool):
        return bool(prediction) == bool(actual) and isinstance(prediction, bool), said
    if isinstance(actual, (int, float)) and not isinstance(actual, bool):
        try:
            guess = float(prediction)
        except (TypeError, ValueError):
            return False, f"{said} (a number was expected)"
        if math.isnan(float(actual)):
            return math.isnan(guess), said
        margin = 0.0 if tolerance is None else tolerance * (abs(actual) if relative else 1)
        return abs(guess - float(actual)) <= margin + 1e-12, said
    wanted, got = _as_set(actual), _as_set(prediction)
    if wanted is not None:
        if got is None:
            got = {_norm(prediction)}
        missing, extra = sorted(map(str, wanted - got)), sorted(map(str, got - wanted))
        parts = [f"missing: {', '.join(missing)}" if missing else "",
                 f"not in the data: {', '.join(extra)}" if extra else ""]
        detail = "; ".join(p for p in parts if p)
        return not missing and not extra, said + (f" ({detail})" if detail else "")
    return _norm(prediction) == _norm(actual), said


def checks_all(results: Iterable[Checked]) -> bool:
    """Whether every answered check in ``results`` was right (unanswered ones are
    skipped)."""
    return all(r.right for r in results if r.right is not None)
