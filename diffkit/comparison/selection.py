"""Choosing among candidates: best evidence first, each stretch used once.

What is chosen is then held to the order of the anchored pairs where it rests on repeats
alone, and pairs that overlap on a side after widening are cut apart between what each matched.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from itertools import groupby, pairwise
from typing import Any, Final

import numpy as np

from ..codepoints import PARAGRAPH_SEPARATOR
from ..leftovers import placeholders, without_names
from ..neighbours import increasing
from ..pieces import indel_similarity
from ..progress import QUIET, Tick
from .candidates import Candidate, Side


def trimmed(chosen: list[Candidate], sa: Side, sb: Side) -> list[Candidate]:
    """Pairs whose widened stretches overlap on a side, where what they matched does not,
    cut apart between what each matched (at a sentence's start if one lies there): text the
    next pair matched is no edit of this one (a paragraph cut in other places on each side)."""
    out = list(chosen)
    for side in ("a", "b"):
        order = sorted(range(len(out)), key=lambda n: _range(out[n], side))
        for m, n in pairwise(order):
            first, second = out[m], out[n]
            hi1, lo2 = _range(first, side)[1], _range(second, side)[0]
            core1, core2 = _core(first, side), _core(second, side)
            if lo2 >= hi1 or core1[1] > core2[0] or core1[0] >= lo2 or core2[1] <= hi1:
                continue
            edges = (sa if side == "a" else sb).sentence_starts
            at = bisect.bisect_left(edges, core1[1])
            cut = edges[at] if at < len(edges) and edges[at] <= core2[0] else core2[0]
            cut = min(max(cut, lo2), hi1)
            if side == "a":
                out[m], out[n] = replace(first, a_hi=cut), replace(second, a_lo=cut)
            else:
                out[m], out[n] = replace(first, b_hi=cut), replace(second, b_lo=cut)
    return out


def _range(c: Candidate, side: str) -> tuple[int, int]:
    return (c.a_lo, c.a_hi) if side == "a" else (c.b_lo, c.b_hi)


def _core(c: Candidate, side: str) -> tuple[int, int]:
    return c.core if side == "a" else c.b_core


def in_order(chosen: list[Candidate]) -> list[Candidate]:
    """The pairs, less those resting on repeated k-grams alone that break the order of the
    anchored ones: which copy of a repeat pairs is for the neighbours to say."""
    anchored = sorted((c for c in chosen if c.anchored), key=lambda c: (c.a_lo, c.b_lo))
    chain = [anchored[n] for n in increasing([c.b_lo for c in anchored])]
    return _in_chain_order(chosen, chain, lambda c: not c.anchored)


def _in_chain_order(
    chosen: list[Candidate], chain: list[Candidate], judged: Callable[[Candidate], bool]
) -> list[Candidate]:
    """``chosen``, less the candidates ``judged`` picks that fall out of ``chain``'s order
    (a candidate of ``chain`` before it in A lies after it in B, or one after it before)."""
    a_at = [c.a_lo for c in chain]
    out: list[Candidate] = []
    for c in chosen:
        at = bisect.bisect_right(a_at, c.a_lo)
        if (
            (at and chain[at - 1].b_lo > c.b_lo) or (at < len(chain) and chain[at].b_lo < c.b_lo)
        ) and judged(c):
            continue
        out.append(c)
    return out


SHORT_EXACT: Final = 20
"""Equal paragraphs whose folded key is shorter than this (a heading, a button label) pair by
equality alone only where they keep the order of the longer pairs."""
_ORDERED_SHARE: Final = 0.5


def short_equal_in_order(chosen: list[Candidate]) -> list[Candidate]:
    """The pairs, less the equal short paragraphs that break the order of the others where
    the documents keep one order: there, two equal labels far apart are more often two
    messages that read alike (the counterpart of each worded otherwise) than a moved one.
    Where the order is not kept (a shuffled catalog), every pair stands."""

    def short(c: Candidate) -> bool:
        return c.a_hi - c.a_lo < SHORT_EXACT and c.b_hi - c.b_lo < SHORT_EXACT

    every = sorted(chosen, key=lambda c: (c.a_lo, c.b_lo))
    if len(increasing([c.b_lo for c in every])) < _ORDERED_SHARE * len(every):
        return chosen
    longer = [c for c in every if not short(c)]
    chain = [longer[n] for n in increasing([c.b_lo for c in longer])]
    if not chain:
        return chosen
    return _in_chain_order(chosen, chain, short)


NAMED_ALIKE: Final = 0.5
"""How alike two texts that hold untranslated names must be without them, for their pair to
stand out of the documents' order."""


def alike_beyond_names(chosen: list[Candidate], sa: Side, sb: Side) -> list[Candidate]:
    """The pairs, less those out of the anchored order, where the documents keep one, that
    hold different placeholders or are alike only in their untranslated names: a product
    name or a placeholder shared by two messages of another meaning (主页 beside 主要用于什么环境) is no evidence of a move."""
    anchored = sorted((c for c in chosen if c.anchored), key=lambda c: (c.a_lo, c.b_lo))
    chain = [anchored[n] for n in increasing([c.b_lo for c in anchored])]
    if len(chain) < _ORDERED_SHARE * len(anchored) or not chain:
        return chosen

    def named_alone(c: Candidate) -> bool:
        x = sa.text[c.a_lo : c.a_hi].replace(PARAGRAPH_SEPARATOR, "").lower()
        y = sb.text[c.b_lo : c.b_hi].replace(PARAGRAPH_SEPARATOR, "").lower()
        held_x, held_y = placeholders((x, y))
        if set(held_x) != set(held_y):
            # A message and its translation hold the same placeholders; a stretch that
            # holds others is another message, however much catalog syntax they share.
            return True
        bare_x, bare_y = without_names(x), without_names(y)
        if bare_x == x and bare_y == y:
            return False
        return indel_similarity(bare_x, bare_y) < NAMED_ALIKE

    return _in_chain_order(chosen, chain, named_alone)


_REPEAT_CHARS: Final = 40
_MAX_COPIES: Final = 8
Written = Callable[[int, int], str]
"""A document's folded stretch as its original text."""
_SPACE: Final = re.compile(r"\s+")


def _bare(text: str) -> str:
    """Text without its white space: a repeat wrapped at other places is the same words."""
    return _SPACE.sub("", text)


def select(
    candidates: list[Candidate],
    len_a: int,
    len_b: int,
    tick: Tick = QUIET,
    *,
    written: tuple[Written, Written] | None = None,
) -> list[Candidate]:
    """Best evidence first, each stretch of A and of B used once. Then, for what is still
    unmatched on one side, a long copy as strong as the best match of the stretch it reuses:
    a passage repeated word for word in one document (``written`` gives each side's folded
    stretch as written); never a short shared phrase (boilerplate), nor two stretches that only
    fold alike (a catalog's Cannot/cannot messages are two messages, and the other
    catalog's one message is the counterpart of one of them, not of both)."""
    used_a = np.zeros(len_a + 1, dtype=np.bool_)
    used_b = np.zeros(len_b + 1, dtype=np.bool_)
    best_a: dict[int, Candidate] = {}
    best_b: dict[int, Candidate] = {}
    chosen: list[Candidate] = []
    ordered = sorted(candidates, key=lambda c: (-c.matched, not c.exact, c.a_lo, c.b_lo))
    if written is not None:
        ordered = _rivals_as_written(ordered, written)

    def fresh(used: np.ndarray[Any, np.dtype[np.bool_]], lo: int, hi: int) -> bool:
        return hi > lo and float(used[lo:hi].mean()) <= 0.5

    def take(c: Candidate) -> None:
        chosen.append(c)
        used_a[c.a_lo : c.a_hi] = True
        used_b[c.b_lo : c.b_hi] = True
        if c.a_paragraph not in best_a or c.matched > best_a[c.a_paragraph].matched:
            best_a[c.a_paragraph] = c
        if c.b_paragraph not in best_b or c.matched > best_b[c.b_paragraph].matched:
            best_b[c.b_paragraph] = c

    def copy_of(side: int, lo: int, hi: int, first: Candidate) -> bool:
        if written is None:
            return True
        other = (first.a_lo, first.a_hi) if side == 0 else (first.b_lo, first.b_hi)
        return _bare(written[side](lo, hi)) == _bare(written[side](*other))

    rest: list[Candidate] = []
    for n, c in enumerate(ordered):
        if n >= tick.next_at:
            tick(n / len(ordered))
        if fresh(used_a, c.a_lo, c.a_hi) and fresh(used_b, c.b_lo, c.b_hi):
            take(c)
        else:
            rest.append(c)
    copies: dict[tuple[str, int], int] = defaultdict(int)
    for c in rest:
        on_a, on_b = best_a.get(c.a_paragraph), best_b.get(c.b_paragraph)
        if (
            on_a is not None
            and fresh(used_b, c.b_lo, c.b_hi)
            and _is_repeat(c, on_a.matched)
            and copy_of(1, c.b_lo, c.b_hi, on_a)
        ):
            key = ("a", c.a_paragraph)
        elif (
            on_b is not None
            and fresh(used_a, c.a_lo, c.a_hi)
            and _is_repeat(c, on_b.matched)
            and copy_of(0, c.a_lo, c.a_hi, on_b)
        ):
            key = ("b", c.b_paragraph)
        else:
            continue
        if copies[key] < _MAX_COPIES:
            copies[key] += 1
            take(c)
    chosen.sort(key=lambda c: (c.a_lo, c.b_lo))
    return chosen


def _rivals_as_written(
    ordered: list[Candidate], written: tuple[Written, Written]
) -> list[Candidate]:
    """``ordered``, where rivals of equal evidence hold the same stretch of one side, with
    the rival whose text as written is nearer that stretch's first: two messages of a
    catalog that fold alike (Cannot/cannot) beside the other catalog's one message, which
    is written as one of them is. Rivals written alike keep their order."""
    out = list(ordered)
    start = 0
    for _, run in groupby(ordered, key=lambda c: (c.matched, c.exact)):
        size = len(list(run))
        for held in (_b_stretch, _a_stretch):
            places: dict[tuple[int, int], list[int]] = defaultdict(list)
            for n in range(start, start + size):
                places[held(out[n])].append(n)
            for at in places.values():
                if len(at) > 1:
                    near = sorted((out[n] for n in at), key=lambda c: -_as_written(c, written))
                    for n, c in zip(at, near, strict=True):
                        out[n] = c
        start += size
    return out


def _as_written(c: Candidate, written: tuple[Written, Written]) -> float:
    a, b = written[0](c.a_lo, c.a_hi), written[1](c.b_lo, c.b_hi)
    return indel_similarity(_bare(a), _bare(b))


def _a_stretch(c: Candidate) -> tuple[int, int]:
    return c.a_lo, c.a_hi


def _b_stretch(c: Candidate) -> tuple[int, int]:
    return c.b_lo, c.b_hi


def _is_repeat(c: Candidate, best: int) -> bool:
    return c.matched >= _REPEAT_CHARS and c.matched >= 0.8 * best
