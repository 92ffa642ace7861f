"""Paragraphs left unpaired by alignment, paired by how alike their folded keys are.

Anchors need a run of shared characters, and neighbours need an order; a message catalog
translated twice has neither: its messages are short, worded apart and in any order. What is
still unpaired once both have spoken is compared by similarity, and a pair stands only where
it is unambiguous: each is the other's best match, alike enough, and clearly better than the
next best on both sides.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

THRESHOLD: Final = 0.5
"""The least similarity of the folded keys (normalized Indel) for a pair by likeness alone."""
MARGIN: Final = 0.1
"""How much better than the next candidate, on both sides, the pair must be."""
MIN_CHARS: Final = 6
"""Folded keys shorter than this are too short to tell apart by likeness."""
_DENSE_MAX: Final = 20_000_000
"""Past this many key pairs, candidates come from MinHash buckets instead of every pair."""


def alike_pairs(
    a_keys: Sequence[str], b_keys: Sequence[str], used_a: Sequence[bool], used_b: Sequence[bool]
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of unused keys of A and B that are each other's clear best match."""
    left = [i for i, k in enumerate(a_keys) if not used_a[i] and len(k) >= MIN_CHARS]
    right = [j for j, k in enumerate(b_keys) if not used_b[j] and len(k) >= MIN_CHARS]
    if not left or not right:
        return []
    a = [a_keys[i] for i in left]
    b = [b_keys[j] for j in right]
    floor = THRESHOLD - MARGIN  # a weaker candidate cannot spoil a pair's margin
    if len(a) * len(b) <= _DENSE_MAX:
        scores = process.cdist(
            a, b, scorer=Indel.normalized_similarity, dtype=np.float32, workers=-1
        )
        rows, cols = np.nonzero(scores >= floor)
        found = list(zip(rows.tolist(), cols.tolist(), scores[rows, cols].tolist(), strict=True))
    else:
        from .deduplication import similar_pairs

        found = [
            (i, j - len(a), score)
            for i, j, score in similar_pairs([*a, *b], floor)
            if i < len(a) <= j
        ]
    return [(left[r], right[c]) for r, c in _clear_best(found)]


def _clear_best(found: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The pairs of ``found`` (row, column, score) whose row and column are each other's
    best, past the threshold, and ahead of the second best of both by the margin."""
    best_row: dict[int, tuple[float, int]] = {}
    best_col: dict[int, tuple[float, int]] = {}
    second_row: dict[int, float] = {}
    second_col: dict[int, float] = {}
    for r, c, score in found:
        for best, second, key, other in (
            (best_row, second_row, r, c),
            (best_col, second_col, c, r),
        ):
            held = best.get(key)
            if held is None or score > held[0]:
                if held is not None:
                    second[key] = max(second.get(key, 0.0), held[0])
                best[key] = (score, other)
            else:
                second[key] = max(second.get(key, 0.0), score)
    out: list[tuple[int, int]] = []
    for r, (score, c) in best_row.items():
        if (
            best_col[c][1] == r
            and score >= THRESHOLD
            and score - second_row.get(r, 0.0) >= MARGIN
            and score - second_col.get(c, 0.0) >= MARGIN
        ):
            out.append((r, c))
    return sorted(out)
