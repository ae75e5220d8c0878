"""Which strings must a text contain for a regular expression to match in it?

:func:`required_strings` reads a pattern's parse tree and returns a set of strings of
which every match contains at least one (``[ \\t]*[–—―][ \\t]*`` needs one of the three
dashes; ``\\d+ Comments?`` needs ``Comment``), or ``None`` when it cannot tell. A text
with none of them cannot match, so the suite skips the expression: most boilerplate rules
need a string that most articles lack. The answer is exact or ``None``, never a guess:
case-insensitive patterns, classes such as ``\\s`` and look-arounds give ``None``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as sre  # the parse-tree opcodes of the standard library
from re import _parser as sre_parse

_MAX_RANGE = 256


def required_strings(pattern: str) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` holds one, or ``None``."""
    return _required(pattern)


@lru_cache(maxsize=1024)
def _required(pattern: str) -> frozenset[str] | None:
    try:
        tree = sre_parse.parse(pattern)
    except re.error:
        return None
    if tree.state.flags & re.IGNORECASE:
        return None
    return _sequence(list(tree))


def _sequence(items: list) -> frozenset[str] | None:
    """The best requirement of a sequence: a run of literals, or one item's."""
    candidates, run = [], ""
    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg)
            continue
        if run:
            candidates.append(frozenset([run]))
            run = ""
        found = _item(op, arg)
        if found is not None:
            candidates.append(found)
    if run:
        candidates.append(frozenset([run]))
    # the longest shortest string is the rarest; then the fewest alternatives
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _item(op, arg) -> frozenset[str] | None:
    if op is sre.LITERAL:
        return frozenset(chr(arg))
    if op is sre.IN:
        chars: set[str] = set()
        for kind, value in arg:
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < _MAX_RANGE:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY (\s, \d, \w) or a wide range: cannot tell
                return None
        return frozenset(chars)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = arg
        return _sequence(list(sub)) if low >= 1 else None
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = arg
        return None if add_flags & re.IGNORECASE else _sequence(list(sub))
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _sequence(list(arg))
    if op is sre.BRANCH:
        union: set[str] = set()
        for alternative in arg[1]:
            found = _sequence(list(alternative))
            if found is None:
                return None
            union |= found
        return frozenset(union)
    return None  # AT, ANY, NOT_LITERAL, assertions, group references: no requirement


def may_match(required: frozenset[str] | None, text: str) -> bool:
    """False only when ``text`` holds none of the ``required`` strings."""
    return required is None or any(c in text for c in required)
