"""Paragraphs the anchors left unpaired, paired by their neighbours or by likeness.

Repeated and short paragraphs pair in the gaps between aligned neighbours (neighbours.py);
what is still unpaired pairs by likeness when the pairing is unambiguous (leftovers.py), in
document order where the documents keep one. Likeness runs twice: copies of a message that
the first round left open are told apart in the second by the pairs it made around them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Final

import numpy as np
from rapidfuzz.distance import Indel

from ..leftovers import alike_pairs
from ..model import Segment
from ..neighbours import gap_pairs, increasing
from ..segmentation import Segmented
from .candidates import Candidate, whole

BLANK_LINE: Final = re.compile(r"\n[^\S\n]*\n")
"""Where a paragraph holds items a blank line apart (short messages glued into one)."""


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
    keys_a, keys_b = [p.folded for p in sa.paragraphs], [p.folded for p in sb.paragraphs]
    texts_a, texts_b = [p.text for p in sa.paragraphs], [p.text for p in sb.paragraphs]
    paired = [
        (c.a_paragraph, j)
        for c in chosen
        for j in range(c.b_paragraph, max(c.b_last, c.b_paragraph) + 1)
    ]
    # Twice: copies the first assignment leaves open are told apart by the pairs it made.
    found = alike_pairs(
        keys_a, keys_b, used_a, used_b, a_texts=texts_a, b_texts=texts_b, paired=paired, twice=True
    )
    return [
        _narrowed(whole(sa.paragraphs[i], sb.paragraphs[j], exact=False), sa, sb)
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
    out: list[Candidate] = []
    for i, j in found:
        p, q = sa.paragraphs[i], sb.paragraphs[j]
        out.append(_narrowed(whole(p, q, exact=p.folded == q.folded), sa, sb))
    return out


def _parts(seg: Segment, doc: Segmented) -> list[tuple[int, int]]:
    """The folded stretches of ``seg``'s items a blank line apart; none when it has one."""
    cuts = list(BLANK_LINE.finditer(seg.text))
    if not cuts:
        return []
    at = seg.span.start
    bounds = [0, *(x for m in cuts for x in (m.start(), m.end())), len(seg.text)]
    f0, f1 = seg.folded_start, seg.folded_start + len(seg.folded)
    starts = doc.folded.starts[f0:f1]
    out = []
    for lo, hi in zip(bounds[::2], bounds[1::2], strict=True):
        i, j = (f0 + int(x) for x in np.searchsorted(starts, [at + lo, at + hi]))
        if j > i:
            out.append((i, j))
    return out


def _narrowed(c: Candidate, sa: Segmented, sb: Segmented) -> Candidate:
    """A whole-paragraph pair cut down to the item of a glued paragraph that matches the
    other side, when one side's paragraph holds several blank-line-separated items and the
    other side one: the rest of the glued paragraph is not this pair's text."""
    p, q = sa.paragraphs[c.a_paragraph], sb.paragraphs[c.b_paragraph]
    parts_a, parts_b = _parts(p, sa), _parts(q, sb)
    if bool(parts_a) == bool(parts_b):
        return c
    one, parts, key = (p, parts_b, sb.folded.text) if parts_b else (q, parts_a, sa.folded.text)
    whole_score = Indel.normalized_similarity(p.folded, q.folded)
    score, lo, hi = max((Indel.normalized_similarity(one.folded, key[i:j]), i, j) for i, j in parts)
    if score <= whole_score:
        return c
    if parts_b:
        return replace(c, b_lo=lo, b_hi=hi, b_core=(lo, hi))
    return replace(c, a_lo=lo, a_hi=hi, core=(lo, hi))
