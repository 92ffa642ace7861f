"""Paragraphs left unpaired by alignment, paired by how alike their folded keys are.

Anchors need a run of shared characters, and neighbours need an order; a message catalog
translated twice has neither: its messages are short, worded apart and in any order. What is
still unpaired once both have spoken is compared by similarity and assigned, best score
first; a pair stands only where it is unambiguous: alike enough, and no single change of the
assignment (another candidate instead, or two pairs swapping counterparts) comes within the
margin.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Final

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

THRESHOLD: Final = 0.5
"""The least likeness of the folded keys (``likeness``) for a pair by likeness alone."""
MARGIN: Final = 0.08
"""How much better than the next candidate, on both sides, the pair must be."""
MIN_CHARS: Final = 3
"""Folded keys shorter than this are too short to tell apart by likeness."""
SHORT: Final = 6
"""A pair whose shorter key is shorter than this needs ``SHORT_THRESHOLD``: one character
more or less moves a short key's similarity a long way."""
SHORT_THRESHOLD: Final = 0.6
_NAMES: Final = re.compile(r"%[-#+ 0-9.*$']*[a-z]|\{\s*\$?[\w-]+\s*\}|[a-z_][a-z0-9_]*")
"""What translators leave as it is: printf and Fluent placeholders, identifiers, Latin words
(keys are case-folded)."""
_DENSE_MAX: Final = 20_000_000
"""Past this many key pairs, candidates come from MinHash buckets instead of every pair."""


def _sorted(keys: Sequence[str]) -> list[str]:
    return ["".join(sorted(k)) for k in keys]


def likeness(
    a: Sequence[str], b: Sequence[str], *, workers: int = 1
) -> np.ndarray[Any, np.dtype[np.float32]]:
    """How alike each key of ``a`` is to each of ``b``: the mean of their Indel similarity and
    that of their characters in any order (the Indel similarity of the keys sorted, which
    counts the characters they share). A translation often says the same words in another
    order (参数太多 and 太多参数, 无效的用户名 and 用户名无效), which order alone scores at 0.5,
    no better than a message that shares half its words. ``workers`` as rapidfuzz's: threads
    pay off on one large matrix, not on many small ones."""
    in_order = process.cdist(
        a, b, scorer=Indel.normalized_similarity, dtype=np.float32, workers=workers
    )
    any_order = process.cdist(
        _sorted(a),
        _sorted(b),
        scorer=Indel.normalized_similarity,
        dtype=np.float32,
        workers=workers,
    )
    return np.asarray((in_order + any_order) / 2, dtype=np.float32)


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
        scores = likeness(a, b, workers=-1)
        rows, cols = np.nonzero(scores >= floor)
        found = list(zip(rows.tolist(), cols.tolist(), scores[rows, cols].tolist(), strict=True))
    else:
        from .deduplication import similar_pairs

        # The buckets propose pairs alike in order; each is scored as the dense path scores.
        found = [
            (
                i,
                j - len(a),
                (score + Indel.normalized_similarity(*_sorted((a[i], b[j - len(a)])))) / 2,
            )
            for i, j, score in similar_pairs([*a, *b], floor)
            if i < len(a) <= j
        ]
    return [
        (left[r], right[c])
        for r, c in _clear_best(found, floor, [len(k) for k in a], [len(k) for k in b])
    ]


def without_names(key: str) -> str:
    """``key`` less its untranslated names: what a translator wrote."""
    return _NAMES.sub("", key)


def names_clash(x: str, y: str) -> bool:
    """Whether both keys hold untranslated names (placeholders, identifiers, Latin words) and
    share none: ``WEEKNUM_OOO`` is not ``WEEKNUM_ADD``, ``%s`` not ``%d``, however alike the
    rest. Translations keep such names, so likeness alone must not pair across them."""
    names_x = set(_NAMES.findall(x))
    if not names_x:
        return False
    names_y = set(_NAMES.findall(y))
    return bool(names_y) and names_x.isdisjoint(names_y)


def _clear_best(
    found: list[tuple[int, int, float]], floor: float, len_a: list[int], len_b: list[int]
) -> list[tuple[int, int]]:
    """The pairs of ``found`` (row, column, score) that an assignment takes, best score
    first, and that no single change of it comes near: taking the row's or the column's other
    candidate instead, or swapping counterparts with the pair that holds that candidate, must
    cost at least the margin. A catalog holds families of near-identical messages (选项需要
    带参数 beside 选项不需要参数): each is close to every member of the family on the other
    side, so none is ahead of its second best by the margin, though the assignment is plain."""
    score = {(r, c): s for r, c, s in found}
    rivals_of_row: dict[int, list[tuple[int, float]]] = defaultdict(list)
    rivals_of_col: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for r, c, s in found:
        rivals_of_row[r].append((c, s))
        rivals_of_col[c].append((r, s))
    col_of: dict[int, int] = {}
    row_of: dict[int, int] = {}
    for r, c, s in sorted(found, key=lambda t: (-t[2], t[0], t[1])):
        if s < THRESHOLD:
            break
        if min(len_a[r], len_b[c]) < SHORT and s < SHORT_THRESHOLD:
            continue
        if r not in col_of and c not in row_of:
            col_of[r], row_of[c] = c, r

    def cost(s: float, r: int, c: int, r2: int, c2: int, held: bool) -> float:
        """What pairing ``(r2, c2)`` instead of ``(r, c)`` loses; when ``held``, the rival
        is another pair's and the two swap counterparts (a score under the floor is not
        known and counts as the floor)."""
        if not held:
            return s - score[(r2, c2)]
        if r2 == r:  # the column c2 was row_of[c2]'s, which takes c
            other = row_of[c2]
            return s + score[(other, c2)] - score[(r, c2)] - score.get((other, c), floor)
        other = col_of[r2]  # the row r2 held column ``other``, which r takes
        return s + score[(r2, other)] - score[(r2, c)] - score.get((r, other), floor)

    out: list[tuple[int, int]] = []
    for r, c in col_of.items():
        s = score[(r, c)]
        if all(
            cost(s, r, c, r, c2, c2 in row_of) >= MARGIN for c2, _ in rivals_of_row[r] if c2 != c
        ) and all(
            cost(s, r, c, r2, c, r2 in col_of) >= MARGIN for r2, _ in rivals_of_col[c] if r2 != r
        ):
            out.append((r, c))
    return sorted(out)
