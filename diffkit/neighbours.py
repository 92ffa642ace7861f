"""Pairs that only their neighbours make certain: repeated and short paragraphs.

A heading such as 注意, a table border or a caption may occur hundreds of times in both
documents; its text alone cannot say which copy is its counterpart, and pairing every copy
with every other costs the product of their counts and marks order changes that never
happened. Between two paragraphs already aligned in order, though, the choice is plain: the
copies there pair in their order, and where one paragraph is left on each side, short or not,
they pair when their texts are alike.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise
from typing import Final

from rapidfuzz.distance import Indel

MIN_SHORT: Final = 6
"""Folded characters a lone paragraph needs to pair by its neighbours alone."""
MIN_ALIKE: Final = 0.5
"""Indel similarity of the folded texts two lone paragraphs need."""
MAX_LONE: Final = 4
"""Unpaired paragraphs a side of a gap may hold for them to pair one to one in order."""


def increasing(b_order: Sequence[int]) -> list[int]:
    """Indices of a longest strictly increasing subsequence of ``b_order``."""
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(b_order)
    for i, v in enumerate(b_order):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_idx.append(i)
        else:
            tails[k] = v
            tail_idx[k] = i
        prev[i] = tail_idx[k - 1] if k else -1
    out: list[int] = []
    i = tail_idx[-1] if tail_idx else -1
    while i >= 0:
        out.append(i)
        i = prev[i]
    return out[::-1]


def gap_pairs(
    anchors: Sequence[tuple[int, int, int]],
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    used_a: Sequence[bool],
    used_b: Sequence[bool],
) -> list[tuple[int, int]]:
    """Paragraph pairs ``(i, j)`` found in the gaps between ``anchors``, aligned paragraphs
    ``(a, b_first, b_last)`` in A's order, those in B's order too serving as the gaps' ends.
    In each gap, equal keys pair in order; then, between those, a few lone paragraphs on each
    side pair one to one when alike."""
    ordered = sorted(anchors)
    chain = [ordered[n] for n in increasing([b for _, b, _ in ordered])]
    ends = [(-1, -1, -1), *chain, (len(a_keys), len(b_keys), len(b_keys))]
    out: list[tuple[int, int]] = []
    for (a0, _, b0), (a1, b1, _) in pairwise(ends):
        a_free = [i for i in range(a0 + 1, a1) if not used_a[i] and a_keys[i]]
        b_free = [j for j in range(b0 + 1, b1) if not used_b[j] and b_keys[j]]
        if a_free and b_free:
            out += _in_gap(a_free, b_free, a_keys, b_keys)
    return out + _left_over(out, a_keys, b_keys, used_a, used_b)


def _left_over(
    found: list[tuple[int, int]],
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    used_a: Sequence[bool],
    used_b: Sequence[bool],
) -> list[tuple[int, int]]:
    """Copies of a repeated paragraph no gap could place (a shuffled document moves them
    all) pair in order, when as many are left on each side."""
    taken_a = {i for i, _ in found}
    taken_b = {j for _, j in found}
    left_a: dict[str, list[int]] = defaultdict(list)
    left_b: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(a_keys):
        if key and not used_a[i] and i not in taken_a:
            left_a[key].append(i)
    for j, key in enumerate(b_keys):
        if key and not used_b[j] and j not in taken_b and key in left_a:
            left_b[key].append(j)
    out: list[tuple[int, int]] = []
    for key, copies in left_b.items():
        if len(copies) == len(left_a[key]):
            out += zip(left_a[key], copies, strict=True)
    return out


def _in_gap(
    a_free: list[int], b_free: list[int], a_keys: Sequence[str], b_keys: Sequence[str]
) -> list[tuple[int, int]]:
    copies: dict[str, list[int]] = defaultdict(list)
    for n, j in enumerate(b_free):
        copies[b_keys[j]].append(n)
    # Equal keys in order: each A paragraph takes the first copy after the last one taken.
    taken: list[tuple[int, int]] = []
    last = -1
    for m, i in enumerate(a_free):
        at = copies.get(a_keys[i])
        if not at:
            continue
        k = bisect.bisect_right(at, last)
        if k < len(at):
            taken.append((m, at[k]))
            last = at[k]
    out = [(a_free[m], b_free[n]) for m, n in taken]
    ends = [(-1, -1), *taken, (len(a_free), len(b_free))]
    for (m0, n0), (m1, n1) in pairwise(ends):
        lone_a, lone_b = a_free[m0 + 1 : m1], b_free[n0 + 1 : n1]
        if not lone_a or len(lone_a) != len(lone_b) or len(lone_a) > MAX_LONE:
            continue
        for i, j in zip(lone_a, lone_b, strict=True):
            x, y = a_keys[i], b_keys[j]
            if min(len(x), len(y)) >= MIN_SHORT and Indel.normalized_similarity(x, y) >= MIN_ALIKE:
                out.append((i, j))
    return out
