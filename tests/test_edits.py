"""The edit machinery behind the audit: any sequence of stages replays exactly."""

from __future__ import annotations

import random

import pytest

from helpers.edits import Edit, add_edits, apply_edits


def _random_changes(rng: random.Random, text: str) -> list[tuple[int, int, str, str]]:
    points = sorted(rng.sample(range(len(text) + 1), k=min(len(text) + 1, rng.randint(0, 8))))
    changes = []
    for start, end in zip(points[::2], points[1::2], strict=False):
        if rng.random() < 0.3:
            end = start  # an insertion
        changes.append((start, end, rng.choice(["", "x", "yy", "\n\n", " "]), f"r{len(changes)}"))
    return changes


@pytest.mark.parametrize("seed", range(300))
def test_random_stages_replay_exactly(seed):
    rng = random.Random(seed)
    raw = "".join(rng.choice("ab \n.") for _ in range(rng.randint(0, 30)))
    edits: list[Edit] = []
    current = raw
    for _ in range(4):
        edits, current = add_edits(raw, edits, current, _random_changes(rng, current))
        assert apply_edits(raw, edits) == current
        assert all(a.end <= b.start for a, b in zip(edits, edits[1:], strict=False))


def test_a_change_across_a_deletion_merges_and_names_both_rules():
    raw = "a  \n\nAlso Read | x\n\nb"
    edits, current = add_edits(raw, [], raw, [(5, 19, "", "also_read")])
    assert current == "a  \n\n\nb"
    edits, current = add_edits(raw, edits, current, [(1, 6, "\n\n", "paragraph_break")])
    assert current == "a\n\nb"
    assert edits == [Edit(1, 20, "\n\n", "also_read+paragraph_break")]
    assert apply_edits(raw, edits) == current


def test_changes_beside_a_deletion_stay_separate():
    raw = "ab[x]cd"
    edits, current = add_edits(raw, [], raw, [(2, 5, "", "brackets")])
    edits, current = add_edits(raw, edits, current, [(1, 2, "B", "upper"), (2, 3, "C", "upper")])
    assert current == "aBCd"
    assert [e.rule for e in edits] == ["upper", "brackets", "upper"]


def test_overlapping_edits_are_refused_by_apply():
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abcdef", [Edit(0, 3, "", "a"), Edit(2, 4, "", "b")])
