"""Regular expressions written by users run in linear time: RE2, not backtracking.

A pattern from a corpus's own side tables (``codebook.csv`` rows with ``regex=true``,
``cleaning_rules.csv``, the ``cues`` of ``sides.csv``) is compiled with RE2
(``google-re2``, Google's own binding, BSD licence, wheels on PyPI), whose matching time
grows linearly with the text whatever the pattern: ``(a+)+$`` against a long run of
letters returns at once, where Python's ``re`` would never return. RE2 has no
back-references and no look-arounds; a pattern that needs them is refused when the table
is read, with the file, line and pattern named, before any article is touched.
Replacement templates are checked then too: a ``\\2`` in a rule whose pattern has one group
is refused at load, not at the first match.

The patterns the suite ships (the built-in cleaning rules, the literal codebook patterns
it writes itself) are reviewed, fixed code and keep Python's ``re``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from typing import Any

_REASONS = [
    (re.compile(r"invalid escape sequence: \\[1-9]"), "a back-reference (\\1…)"),
    (re.compile(r"invalid named capture group|invalid perl operator: \(\?P=|\(\?P="),
     "a named back-reference"),
    (re.compile(r"invalid perl operator: \(\?<?[=!]"), "a look-ahead or look-behind"),
]


def _reason(message: str) -> str:
    for pattern, what in _REASONS:
        if pattern.search(message):
            return (f"it uses {what}, which cannot run in linear time; rewrite it without "
                    "(RE2 syntax)")
    return f"it does not compile as an RE2 pattern ({message})"


def _options(ignore_case: bool):
    import re2

    options = re2.Options()
    options.log_errors = False  # errors become our one-line message, not stderr noise
    options.case_sensitive = not ignore_case
    return options


class LinearRegex:
    """A user's pattern compiled with RE2: ``search``, ``finditer``, ``groups`` and
    ``groupindex`` as in ``re``; pickled as its text (RE2 objects do not pickle), so a
    Dask worker compiles it again."""

    def __init__(self, pattern: str, ignore_case: bool = False):
        self.pattern, self.ignore_case = pattern, ignore_case
        self.compiled  # noqa: B018 - compile now, so a bad pattern fails here

    @cached_property
    def compiled(self) -> Any:
        import re2

        return re2.compile(self.pattern, _options(self.ignore_case))

    def search(self, text: str, pos: int = 0):
        return self.compiled.search(text, pos)

    def finditer(self, text: str) -> Iterator[Any]:
        return self.compiled.finditer(text)

    @property
    def groups(self) -> int:
        return self.compiled.groups

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self.compiled.groupindex)

    def __reduce__(self):
        return (LinearRegex, (self.pattern, self.ignore_case))

    def __repr__(self) -> str:
        return f"LinearRegex({self.pattern!r}, ignore_case={self.ignore_case})"


def user_regex(pattern: str, where: str, error: type[ValueError],
               ignore_case: bool = False) -> LinearRegex:
    """``pattern`` compiled with RE2, or ``error`` naming ``where`` (file, line, rule),
    the pattern and why it was refused."""
    import re2

    try:
        return LinearRegex(pattern, ignore_case)
    except re2.error as err:
        message = err.args[0].decode() if err.args and isinstance(err.args[0], bytes) \
            else str(err)
        raise error(f"{where}: pattern '{pattern}' refused: {_reason(message)}") from None


def check_template(template: str, groups: int, groupindex: dict[str, int], where: str,
                   error: type[ValueError]) -> None:
    """Raise ``error`` unless the replacement ``template`` expands for a pattern with
    ``groups`` groups named as in ``groupindex``: every ``\\N`` and ``\\g<name>`` exists and
    every escape is valid, as ``re.Match.expand`` will need."""
    if "\\" not in template:
        return
    names = {number: name for name, number in groupindex.items()}
    stand_in = "".join(f"(?P<{names[n]}>)" if n in names else "()"
                       for n in range(1, groups + 1))
    try:
        re.compile(stand_in).match("").expand(template)
    except (re.error, IndexError) as err:
        raise error(f"{where}: replacement '{template}' is refused ({err}); the pattern has "
                    f"{groups} group(s)") from None
