"""Paragraphs the anchors left unpaired, paired by their neighbours or by likeness.

Repeated and short paragraphs pair in the gaps between aligned neighbours (neighbours.py);
what is still unpaired pairs by likeness when the pairing is unambiguous (leftovers.py), in
document order where the documents keep one.
"""

from __future__ import annotations

import bisect
from typing import Final

from ..leftovers import alike_pairs
from ..neighbours import gap_pairs, increasing
from ..segmentation import Segmented
from .candidates import Candidate, whole


def _used(chosen: list[Candidate], sa: Segmented, sb: Segmented) -> tuple[list[bool], list[bool]]:
    """Which paragraphs of A and of B the candidates ``chosen`` pair."""
    used_a = [False] * len(sa.paragraphs)
    used_b = [False] * len(sb.paragraphs)
    for c in chosen:
        used_a[c.a_paragraph] = True
        for j in range(c.b_paragraph, max(c.b_last, c.b_paragraph) + 1):
            used_b[j] = True
    return used_a, used_b


def by_likeness(chosen: list[Candidate], sa: Segmented, sb: Segmented) -> list[Candidate]:
    """Paragraphs still unpaired after anchors and neighbours that are each other's clear
    best match by similarity alone (messages of a catalog, worded apart and shuffled)."""
    used_a, used_b = _used(chosen, sa, sb)
    found = alike_pairs(
        [p.folded for p in sa.paragraphs], [p.folded for p in sb.paragraphs], used_a, used_b
    )
    return [
        whole(sa.paragraphs[i], sb.paragraphs[j], exact=False)
        for i, j in _keeping_order(chosen, found)
    ]


_ORDERED_SHARE: Final = 0.5
"""Documents whose pairs mostly keep one order: a pair by likeness alone must keep it too."""


def _keeping_order(chosen: list[Candidate], found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs of ``found`` that stand between their aligned neighbours, where the chosen
    pairs mostly keep one order (two editions of one document): there, likeness alone across
    the order is more often two alike headings than a moved passage (a news report's title
    and the resolution's). Where they do not (a shuffled catalog), every pair stands."""
    ordered = sorted((c.a_paragraph, c.b_paragraph) for c in chosen)
    chain = [ordered[k] for k in increasing([b for _, b in ordered])]
    if len(chain) < _ORDERED_SHARE * len(ordered) or not chain:
        return found
    a_at = [a for a, _ in chain]
    kept: list[tuple[int, int]] = []
    for i, j in found:
        at = bisect.bisect_left(a_at, i)
        if (at and chain[at - 1][1] >= j) or (at < len(chain) and chain[at][1] <= j):
            continue
        kept.append((i, j))
    return kept


def by_neighbours(chosen: list[Candidate], sa: Segmented, sb: Segmented) -> list[Candidate]:
    """Paragraphs still unpaired that pair in the gaps between aligned neighbours: repeated
    ones with the copy in the same relative order, short ones when alone and alike."""
    used_a, used_b = _used(chosen, sa, sb)
    anchors = [(c.a_paragraph, c.b_paragraph, max(c.b_last, c.b_paragraph)) for c in chosen]
    found = gap_pairs(
        anchors,
        [p.folded for p in sa.paragraphs],
        [p.folded for p in sb.paragraphs],
        used_a,
        used_b,
    )
    return [
        whole(
            sa.paragraphs[i],
            sb.paragraphs[j],
            exact=sa.paragraphs[i].folded == sb.paragraphs[j].folded,
        )
        for i, j in found
    ]
