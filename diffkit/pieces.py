"""Long pairs diffed in pieces, cut where both sides hold the same rare text.

diff-match-patch's cost grows with the product of a pair's length and its differences: one
paragraph of a few hundred thousand characters, edited throughout, takes minutes. Texts that
long are cut at anchors, k-grams found once in each side and in the same order on both (the
longest increasing run of them, as patience diff takes its unique lines), and each piece
between two anchors is diffed alone; what the pieces give, joined, turns one side into the
other as the whole diff would.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Final

from .neighbours import increasing

Ops = list[tuple[str, int]]

LONG: Final = 20_000
"""Pairs whose two sides hold more characters than this are diffed in pieces."""
_K: Final = 16
_SPACING: Final = 2_000
"""The least distance between two cuts: pieces stay long enough for a good diff."""


def _unique(text: str) -> dict[str, int]:
    seen: dict[str, int] = {}
    repeated: set[str] = set()
    for i in range(0, len(text) - _K + 1):
        gram = text[i : i + _K]
        if gram in seen:
            repeated.add(gram)
        else:
            seen[gram] = i
    for gram in repeated:
        del seen[gram]
    return seen


def cuts(a: str, b: str) -> list[tuple[int, int]]:
    """Places ``(i, j)`` where ``a[i:]`` and ``b[j:]`` start with the same k-gram, unique in
    each, in order on both sides and at least ``_SPACING`` apart."""
    in_b = _unique(b)
    found = sorted((i, in_b[g]) for g, i in _unique(a).items() if g in in_b)
    chain = [found[k] for k in increasing([j for _, j in found])]
    out: list[tuple[int, int]] = []
    for i, j in chain:
        last_i, last_j = out[-1] if out else (0, 0)
        if i - last_i >= _SPACING and j - last_j >= _SPACING:
            out.append((i, j))
    return out


def in_pieces(a: str, b: str, diff: Callable[[str, str], Ops]) -> Ops:
    """``diff(a, b)``'s operations, computed piece by piece between the cuts."""
    ops: Ops = []
    bounds = [(0, 0), *cuts(a, b), (len(a), len(b))]
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
        for op, n in diff(a[i0:i1], b[j0:j1]):
            if ops and ops[-1][0] == op:
                ops[-1] = (op, ops[-1][1] + n)
            else:
                ops.append((op, n))
    return ops


def indel_similarity(a: str, b: str) -> float:
    """rapidfuzz's normalized Indel similarity of ``a`` and ``b``, summed over the pieces
    between the cuts when the two are long (its cost is the product of their lengths)."""
    from rapidfuzz.distance import Indel

    if len(a) + len(b) <= LONG:
        return float(Indel.normalized_similarity(a, b))
    bounds = [(0, 0), *cuts(a, b), (len(a), len(b))]
    distance = sum(
        Indel.distance(a[i0:i1], b[j0:j1]) for (i0, j0), (i1, j1) in itertools.pairwise(bounds)
    )
    return 1.0 - distance / (len(a) + len(b))
