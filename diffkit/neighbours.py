"""Pairs that only their neighbours make certain: repeated and short paragraphs.

A heading such as 注意, a table border or a caption may occur hundreds of times in both
documents; its text alone cannot say which copy is its counterpart, and pairing every copy
with every other costs the product of their counts and marks order changes that never
happened. Between two paragraphs already aligned in order, though, the choice is plain: the
copies there pair in their order, and where one paragraph is left on each side, short or not,
they pair when their texts are alike. Where a gap holds as many paragraphs on each side, all
unpaired, each pairs with the one in its place when their lengths agree, even translated
freely: there the place is what a reader goes by.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise
from typing import Final

import numpy as np
from rapidfuzz.distance import Indel

from .leftovers import likeness, names_clash

MIN_CHARS: Final = 3
"""Folded characters a paragraph needs to pair in a gap by likeness."""
MIN_ALIKE: Final = 0.5
"""Indel similarity of the folded texts two paragraphs of a gap need."""
MIN_SHORT: Final = 6
"""Under this many folded characters (on the shorter side), a pair in a gap needs
``SHORT_ALIKE``; a label in its place between paired neighbours (``_placed``) pairs from two
characters at ``MIN_ALIKE``."""
SHORT_ALIKE: Final = 0.6
GAIN: Final = 0.01
"""What a pair adds to an alignment beyond its similarity's excess: two pairs just alike
enough outweigh none."""
MAX_LONE: Final = 4
"""Unpaired paragraphs a side of a gap may hold for them to pair one to one in order, in
documents that do not keep one order."""
ORDERED_SHARE: Final = 0.5
"""Documents whose aligned pairs mostly keep one order: gaps between them are aligned whole."""
LONE_ALIKE: Final = 0.3
"""Similarity enough for the only paragraphs left in one place of a gap, one to one."""
PLACED_MIN_CHARS: Final = 2
"""Folded characters enough for paragraphs that stand in one place of a gap, as many on each
side: there a label of two characters (丢弃 / 捨棄, 最高 / 高溫) is told by its place, at
``MIN_ALIKE``."""
SLOT_MIN_CHARS: Final = 10
"""Folded characters each paragraph needs to pair by its slot alone (``_in_slot``)."""
SLOT_ALIKE: Final = 0.1
"""Similarity enough for the one paragraph on each side between two neighbours paired in
place, where their lengths agree."""
SLOT_LENGTHS: Final = 0.6
"""The least ratio of the shorter folded text's length to the longer's for a slot's pair."""
MAX_SLOT: Final = 12
"""Paragraphs a gap may hold on each side, as many and all unpaired, for each to pair with
the one in its place (``_in_slots``)."""
MAX_CELLS: Final = 250_000
"""Gaps with more paragraph pairs than this are left to likeness (leftovers.py)."""


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
    # Where the aligned pairs mostly keep one order (two editions of one document), a gap is
    # aligned whole; where they do not (a shuffled catalog), its ends say little, and only a
    # few lone paragraphs on each side pair.
    keeps_order = len(chain) >= ORDERED_SHARE * len(ordered)
    ends = [(-1, -1, -1), *chain, (len(a_keys), len(b_keys), len(b_keys))]
    out: list[tuple[int, int]] = []
    for n, ((a0, _, b0), (a1, b1, _)) in enumerate(pairwise(ends)):
        a_free = [i for i in range(a0 + 1, a1) if not used_a[i] and a_keys[i]]
        b_free = [j for j in range(b0 + 1, b1) if not used_b[j] and b_keys[j]]
        if a_free and b_free:
            # A gap before the first aligned pair or after the last is held on one side
            # only: titles, bylines and salutations of two documents sit there, alike or not.
            closed = 0 < n < len(ends) - 2
            found = _in_gap(a_free, b_free, a_keys, b_keys, keeps_order and closed)
            # Slots pair by place, so every paragraph on both sides of the gap must be free.
            whole = len(a_free) == a1 - a0 - 1 == len(b_free) == b1 - b0 - 1
            if keeps_order and closed and whole and len(a_free) <= MAX_SLOT:
                found = _in_slots(found, a0, b0, a1 - a0 - 1, a_keys, b_keys)
            out += found
    left = _left_over(out, a_keys, b_keys, used_a, used_b)
    if keeps_order:
        # Copies no gap placed would cross the aligned order: a label that reads alike in two
        # places of two editions of one document, each copy's counterpart worded otherwise.
        left = [(i, j) for i, j in left if _between(chain, i, j)]
    return out + left


def _between(chain: Sequence[tuple[int, int, int]], i: int, j: int) -> bool:
    """Whether ``(i, j)`` keeps the order of ``chain``'s aligned pairs ``(a, b_first, b_last)``."""
    at = bisect.bisect_left(chain, (i, -1, -1))
    return not (at and chain[at - 1][2] >= j) and not (at < len(chain) and chain[at][1] <= j)


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
    a_free: list[int],
    b_free: list[int],
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    aligned: bool,
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
        if lone_a and lone_b and aligned:
            out += _aligned(lone_a, lone_b, a_keys, b_keys)
        elif lone_a and len(lone_a) == len(lone_b) <= MAX_LONE:
            out += [
                (i, j)
                for i, j in zip(lone_a, lone_b, strict=True)
                if min(len(a_keys[i]), len(b_keys[j])) >= MIN_SHORT
                and Indel.normalized_similarity(a_keys[i], b_keys[j]) >= MIN_ALIKE
            ]
    return out


def _placed(x: str, y: str) -> bool:
    """Whether two paragraphs pair that stand in one place of a gap, a few left on each side,
    as many: their place says more than their likeness, so a freer translation (similarity
    from 0.3) pairs too, where both are long enough to judge and no untranslated name
    disagrees, and a short label (from two characters) pairs at the likeness any other pair
    needs, where alone it would need more (明亮 / 亮色, 详细了解 / 了解更多)."""
    shorter = min(len(x), len(y))
    if shorter < PLACED_MIN_CHARS or names_clash(x, y):
        return False
    similarity = Indel.normalized_similarity(x, y)
    if shorter < MIN_SHORT:
        return similarity >= MIN_ALIKE
    return similarity >= LONE_ALIKE


def _in_slots(
    found: list[tuple[int, int]],
    a0: int,
    b0: int,
    size: int,
    a_keys: Sequence[str],
    b_keys: Sequence[str],
) -> list[tuple[int, int]]:
    """``found`` with the paragraphs of a gap that holds as many on each side, all unpaired,
    paired each with the one in its place where ``_in_slot`` or ``_placed`` says so (a label
    and its value, in turn: 生成摘要 / 摘要, then the prompt it names), unless what was found
    there pairs across places (then the places mean nothing)."""
    if any(i - a0 != j - b0 for i, j in found):
        return found
    taken = {i for i, _ in found}
    more = [
        (a0 + d, b0 + d)
        for d in range(1, size + 1)
        if a0 + d not in taken
        and (_in_slot(a_keys[a0 + d], b_keys[b0 + d]) or _placed(a_keys[a0 + d], b_keys[b0 + d]))
    ]
    return sorted(found + more)


def _in_slot(x: str, y: str) -> bool:
    """Whether two paragraphs in one place between neighbours paired in place pair: there a
    free translation (一个人在笔记本电脑上工作，周围有星星和鲜花围绕 / 有人的周圍圍繞著星星與花朵，
    並且正在使用筆記型電腦, its clauses reordered) is the counterpart a reader would name, when
    both are long enough, of about one length, and no untranslated name disagrees; a little
    likeness is still asked of them."""
    shorter, longer = sorted((len(x), len(y)))
    if shorter < SLOT_MIN_CHARS or shorter < SLOT_LENGTHS * longer or names_clash(x, y):
        return False
    return Indel.normalized_similarity(x, y) >= SLOT_ALIKE


def _aligned(
    lone_a: list[int], lone_b: list[int], a_keys: Sequence[str], b_keys: Sequence[str]
) -> list[tuple[int, int]]:
    """The alike paragraphs of a gap paired in order: of the one-to-one pairings that keep the
    order of both sides, the one whose pairs' similarities stand highest above what they need
    (a global alignment). Between two aligned neighbours the order tells a short heading or a
    message from its near-identical siblings, as likeness alone cannot."""
    if len(lone_a) * len(lone_b) > MAX_CELLS:
        return []
    x = [a_keys[i] for i in lone_a]
    y = [b_keys[j] for j in lone_b]
    sims = likeness(x, y)
    shortest = np.minimum.outer(np.array([len(k) for k in x]), np.array([len(k) for k in y]))
    need = np.where(shortest < MIN_SHORT, SHORT_ALIKE, MIN_ALIKE)
    alike = (shortest >= MIN_CHARS) & (sims >= need)
    for m, n in zip(*np.nonzero(alike), strict=True):
        alike[m, n] = not names_clash(x[m], y[n])
    gain = np.where(alike, sims - need + GAIN, -np.inf)
    # score[m, n]: the best total gain pairing the first m of x with the first n of y.
    score = np.zeros((len(x) + 1, len(y) + 1), dtype=np.float64)
    for m in range(1, len(x) + 1):
        diagonal = np.full(len(y) + 1, -np.inf)
        diagonal[1:] = score[m - 1, :-1] + gain[m - 1]
        score[m] = np.maximum.accumulate(np.maximum(score[m - 1], diagonal))
    taken: list[tuple[int, int]] = []
    m, n = len(x), len(y)
    while m and n:
        if score[m, n] == score[m - 1, n]:
            m -= 1
        elif score[m, n] == score[m, n - 1]:
            n -= 1
        else:
            taken.append((m - 1, n - 1))
            m, n = m - 1, n - 1
    taken.reverse()
    out = [(lone_a[m], lone_b[n]) for m, n in taken]
    # Where the pairs leave as many paragraphs on each side, a few, those pair one to one.
    for (m0, n0), (m1, n1) in pairwise([(-1, -1), *taken, (len(x), len(y))]):
        if 0 < m1 - m0 - 1 == n1 - n0 - 1 <= MAX_LONE:
            out += [
                (lone_a[m], lone_b[n])
                for m, n in zip(range(m0 + 1, m1), range(n0 + 1, n1), strict=True)
                if _placed(x[m], y[n])
            ]
    return sorted(out)
