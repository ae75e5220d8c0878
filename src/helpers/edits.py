"""Text edits in raw-text coordinates: the machinery behind the cleaning audit.

Every change cleaning makes is an :class:`Edit` ``(start, end, replacement, rule)``
whose offsets point into the *raw* text. Edits never overlap, so
:func:`apply_edits` rebuilds the clean text from the raw text and the audit
alone. Rules run in stages over the current text; :func:`add_edits` maps each
new edit back to raw offsets. When a new edit touches text an earlier edit
produced, the two are merged into one edit whose ``rule`` names both
(``"a+b"``), so the audit stays exact and replayable.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple


class Edit(NamedTuple):
    """Replace ``raw[start:end]`` by ``replacement``; ``rule`` names why."""

    start: int
    end: int
    replacement: str
    rule: str


def apply_edits(raw: str, edits: list[Edit]) -> str:
    """The text obtained by applying non-overlapping ``edits`` to ``raw``."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            raise ValueError(f"overlapping edits at raw offset {edit.start}")
        out.append(raw[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(raw[pos:])
    return "".join(out)


def _layout(edits: list[Edit]) -> list[int]:
    """Start of each edit's replacement in the current text (edits sorted by start)."""
    starts, shift = [], 0
    for edit in edits:
        starts.append(edit.start + shift)
        shift += len(edit.replacement) - (edit.end - edit.start)
    return starts


def _to_raw(pos: int, edits: list[Edit], cur: list[int], *, is_end: bool) -> int:
    """Map a current-text position lying outside every replacement to a raw offset.

    At an empty replacement (a deletion) a start maps after it, an end before it.
    """
    shift = 0
    for edit, c in zip(edits, cur, strict=True):
        c_end = c + len(edit.replacement)
        before = c_end < pos or (c_end == pos and (c < pos or not is_end))
        if not before:
            break
        shift = edit.end - c_end
    return pos + shift


def add_edit(raw: str, edits: list[Edit], current: str, start: int, end: int,
             replacement: str, rule: str) -> list[Edit]:
    """Add one edit given in current-text coordinates; returns the new sorted edit list."""
    cur = _layout(edits)
    hit = [
        i for i, (e, c) in enumerate(zip(edits, cur, strict=True))
        if (start < c + len(e.replacement) and c < end)
        or (start == end == c == c + len(e.replacement))
    ]
    if not hit:
        r_start = _to_raw(start, edits, cur, is_end=False)
        r_end = _to_raw(end, edits, cur, is_end=True) if end > start else r_start
        # Two insertions at one raw point have no order of their own: merge them.
        hit = [i for i, e in enumerate(edits)
               if r_start == r_end == e.start == e.end] if r_start == r_end else []
    if not hit:
        new = Edit(r_start, r_end, replacement, rule)
        keys = [(e.start, e.end) for e in edits]
        idx = bisect_left(keys, (new.start, new.end))
        return [*edits[:idx], new, *edits[idx:]]
    first, last = edits[hit[0]], edits[hit[-1]]
    c_first = cur[hit[0]]
    c_last_end = cur[hit[-1]] + len(last.replacement)
    m_start, m_end = min(start, c_first), max(end, c_last_end)
    r_start = first.start if c_first <= start else _to_raw(start, edits, cur, is_end=False)
    r_end = last.end if c_last_end >= end else _to_raw(end, edits, cur, is_end=True)
    merged_text = current[m_start:start] + replacement + current[end:m_end]
    rules: list[str] = []
    for name in [*(edits[i].rule for i in hit), rule]:
        for part in name.split("+"):
            if part not in rules:
                rules.append(part)
    merged = Edit(r_start, r_end, merged_text, "+".join(rules))
    kept = [e for i, e in enumerate(edits) if i not in set(hit)]
    keys = [(e.start, e.end) for e in kept]
    idx = bisect_left(keys, (merged.start, merged.end))
    return [*kept[:idx], merged, *kept[idx:]]


# More changes than this meeting earlier edits of one article in one pass (a text built
# for it: thousands of dashes in a row) are recorded as one edit over the span they cover:
# the clean text is the same, the audit coarser, and the time linear, not quadratic.
MAX_TANGLED = 200


def _merge_region(edits: list[Edit], cur: list[int], ends: list[int], current: str,
                  changes: list[tuple[int, int, str, str]]) -> tuple[list[Edit], str]:
    """Apply sorted, non-overlapping ``changes`` as one edit spanning them and every edit
    they meet (see :data:`MAX_TANGLED`); the text is what one-by-one edits give."""
    low, high = changes[0][0], changes[-1][1]
    a = bisect_left(ends, low)  # the first edit ending at or after ``low``
    b = bisect_right(cur, high)  # the first edit starting after ``high``
    if a < b:
        low, high = min(low, cur[a]), max(high, ends[b - 1])
    before = edits[a - 1].end - ends[a - 1] if a > 0 else 0  # raw = current + shift
    after = edits[b - 1].end - ends[b - 1] if b > a else before
    pieces, pos = [], low
    for start, end, replacement, _rule in changes:
        pieces += [current[pos:start], replacement]
        pos = end
    pieces.append(current[pos:high])
    names: list[str] = []
    for name in [*(e.rule for e in edits[a:b]), *(c[3] for c in changes)]:
        for part in name.split("+"):
            if part not in names:
                names.append(part)
    merged = Edit(low + before, high + after, "".join(pieces), "+".join(names))
    text = current[:low] + merged.replacement + current[high:]
    return [*edits[:a], merged, *edits[b:]], text


def add_edits(raw: str, edits: list[Edit], current: str,
              changes: list[tuple[int, int, str, str]]) -> tuple[list[Edit], str]:
    """Apply ``changes`` ``(start, end, replacement, rule)`` given in current-text coordinates.

    ``changes`` must not overlap each other. Returns the new edit list and the new
    current text. Changes whose replacement equals the text they replace are ignored.

    The result is that of :func:`add_edit` applied change by change, from the last to the
    first. Changes that touch no earlier edit (and no other change, when they insert) are
    mapped to raw offsets in one pass, so the time grows with the number of changes, not
    with its square; the others take :func:`add_edit` one at a time.
    """
    changes = sorted((c for c in changes if current[c[0]:c[1]] != c[2]),
                     key=lambda c: (c[0], c[1]))
    if not changes:
        return edits, current
    cur = _layout(edits)
    ends = [c + len(e.replacement) for e, c in zip(edits, cur, strict=True)]
    alone, tangled = [], []
    for j, (start, end, _rep, _rule) in enumerate(changes):
        k = bisect_left(ends, start)  # the first edit that ends at or after ``start``
        touches = k < len(edits) and cur[k] <= end
        if start == end:  # an insertion: at the very point of another change?
            touches = touches or (j > 0 and changes[j - 1][1] >= start) or (
                j + 1 < len(changes) and changes[j + 1][0] <= end)
        (tangled if touches else alone).append((start, end, _rep, _rule))
    if len(tangled) > MAX_TANGLED:  # pathological: one coarse edit, same text
        return _merge_region(edits, cur, ends, current, changes)
    if tangled:  # the exact, slower path for the few changes that meet an earlier edit
        for start, end, replacement, rule in reversed(changes):
            edits = add_edit(raw, edits, current, start, end, replacement, rule)
            current = current[:start] + replacement + current[end:]
        return edits, current
    new, pieces, pos = [], [], 0
    for start, end, replacement, rule in alone:
        k = bisect_left(ends, start) - 1  # the last edit wholly before ``start``
        shift = edits[k].end - ends[k] if k >= 0 else 0
        new.append(Edit(start + shift, end + shift, replacement, rule))
        pieces += [current[pos:start], replacement]
        pos = end
    pieces.append(current[pos:])
    return sorted([*new, *edits], key=lambda e: (e.start, e.end)), "".join(pieces)
