"""A corpus's shared stretches against itself, as arrays: the runs of repeated k-grams and
their chains, for passage granularity.

``_reference.find_runs`` and ``anchors.chain_runs`` give the same runs and chains as objects:
there every pair of occurrences of every k-gram is made at once (its square, both ways), and
each run and chain is an object, so memory grew with the corpus's repetition (a megabyte of
manual pages held 100 MB of pairs) and chaining looked at 63 chains for every run. Here the
pairs are made a part at a time, only where a run starts or ends is kept, and a run looks
only at chains it could still join.
"""

from __future__ import annotations

from array import array
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt

from ..anchors import kgram_hashes
from ..codepoints import view_codepoints

I64 = npt.NDArray[np.int64]

PAIRS_PER_PART: Final = 1 << 19
"""Pairs of occurrences made at once: their arrays take about 40 MB together."""
WINDOW: Final = 63
"""A run joins one of the chains made last (``anchors.chain_runs``'s window)."""
BEHIND: Final = 8
"""How far a run may start before a chain's end on either side and still join it."""


class Runs(NamedTuple):
    """``text[a : a + length]`` equals ``text[b : b + length]``, ``b >= a + length``; in
    order of ``a``, then ``b``."""

    a: I64
    b: I64
    length: I64


class Chains(NamedTuple):
    """Chained runs in the order they were made: where each starts and ends on both sides,
    and the characters of its first side inside its runs, each counted once."""

    a_start: I64
    a_end: I64
    b_start: I64
    b_end: I64
    matched: I64


def self_runs(text: str, *, k: int, max_occurrences: int = 64) -> Runs:
    """Maximal runs of ``text`` found again later in ``text``, at least ``k`` long, from
    k-grams found at most ``max_occurrences`` times (``_reference.find_runs(text, None)``)."""
    h = kgram_hashes(view_codepoints(text), k)
    n = len(h)
    if n < 2:
        return Runs(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64))
    order = np.argsort(h, kind="stable")
    sorted_h = h[order]
    bounds = np.flatnonzero(sorted_h[1:] != sorted_h[:-1]) + 1
    first = np.concatenate(([0], bounds)).astype(np.int64)
    size = np.diff(np.concatenate((first, [n])))
    usable_group = (size <= max_occurrences) & (sorted_h[first] < np.uint64(1 << 63))
    del sorted_h
    usable = np.zeros(n, dtype=np.bool_)  # a position's k-gram may anchor
    usable[order] = np.repeat(usable_group, size)
    groups = np.flatnonzero(usable_group & (size > 1))
    # Each usable occurrence pairs with the later ones of its k-gram (order is stable).
    ends_at = np.repeat(first[groups] + size[groups], size[groups])
    at = (np.repeat(first[groups], size[groups]) + _ranks(size[groups])).astype(np.int64)
    later = ends_at - at - 1
    del ends_at
    starts: list[tuple[I64, I64]] = []
    stops: list[tuple[I64, I64]] = []
    for lo, hi in _parts(later, PAIRS_PER_PART):
        a, b = _pairs(order, at[lo:hi], later[lo:hi])
        # A pair starts a run unless the pair one back on its diagonal is a pair too, and
        # ends one unless the pair one on is.
        back = a >= 1
        back[back] = (h[a[back] - 1] == h[b[back] - 1]) & usable[a[back] - 1]
        on = b + 1 < n
        on[on] = (h[a[on] + 1] == h[b[on] + 1]) & usable[a[on] + 1]
        starts.append((a[~back], b[~back]))
        stops.append((a[~on], b[~on]))
    del h, order, usable, at, later
    run_a, run_b = _joined(starts)
    end_a, end_b = _joined(stops)
    # Runs on one diagonal do not overlap: its i-th start and i-th end bound one run.
    by_start = np.lexsort((run_a, run_a - run_b))
    by_end = np.lexsort((end_a, end_a - end_b))
    run_a, run_b = run_a[by_start], run_b[by_start]
    length = end_a[by_end] - run_a + k
    keep = run_b >= run_a + length  # a run overlapping its own copy is no second copy
    run_a, run_b, length = run_a[keep], run_b[keep], length[keep]
    by_place = np.lexsort((run_b, run_a))
    return Runs(run_a[by_place], run_b[by_place], length[by_place])


def _ranks(size: I64) -> I64:
    """``0 .. s-1`` for each ``s`` of ``size``, one after another."""
    total = int(size.sum())
    return np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(size) - size, size)


def _parts(count: I64, most: int) -> list[tuple[int, int]]:
    """Consecutive slices of ``count`` whose sums exceed ``most`` by less than one item."""
    part = (np.cumsum(count) - count) // most
    edges = np.concatenate(([0], np.flatnonzero(part[1:] != part[:-1]) + 1, [len(count)]))
    return list(zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True))


def _pairs(order: I64, at: I64, later: I64) -> tuple[I64, I64]:
    """The pairs of the occurrence at sorted place ``at`` with the ``later`` ones after it:
    positions ``a < b``."""
    a = np.repeat(at, later)
    b = a + 1 + _ranks(later)
    return order[a], order[b]


def _joined(parts: list[tuple[I64, I64]]) -> tuple[I64, I64]:
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def self_chains(runs: Runs, *, max_gap: int = 40, gap_ratio: float = 0.3) -> Chains:
    """``anchors.chain_runs(runs, self_join=True)``: each run joins the chain made last whose
    end it follows on both sides within the chain's allowance, where it costs least, or
    starts one. A chain whose allowance ends before a run's start can join no later run (runs
    come in order of their start), so runs look only at chains still within reach."""
    # Per chain, in arrays of machine integers (a corpus makes a chain of most runs): where
    # it starts and ends, its allowance, its runs' lengths summed (overlaps twice), where
    # its copy starts and its first run; the runs of chains of more than one.
    a_start, a_ends, b_ends, allowed, total, copy_at, first = (array("q") for _ in range(7))
    members: dict[int, list[int]] = {}
    reach: list[int] = []  # chains made last, by number, that some run may still join
    for r, (ra, rb, length) in enumerate(
        zip(runs.a.tolist(), runs.b.tolist(), runs.length.tolist(), strict=True)
    ):
        oldest = len(a_ends) - WINDOW
        best = -1
        best_cost = 0
        alive: list[int] = []
        for idx in reach:
            if idx < oldest or a_ends[idx] + allowed[idx] < ra:
                continue
            alive.append(idx)
            da = ra - a_ends[idx]
            if da < -BEHIND:
                continue
            db = rb - b_ends[idx]
            if db < -BEHIND or db > allowed[idx] or ra + length > copy_at[idx]:
                continue
            cost = abs(da - db) + da + db
            if best < 0 or cost <= best_cost:  # ties go to the chain made last
                best, best_cost = idx, cost
        if best >= 0:
            reach = alive
            members.setdefault(best, [first[best]]).append(r)
            a_ends[best] = max(a_ends[best], ra + length)
            b_ends[best] = max(b_ends[best], rb + length)
            total[best] += length
            allowed[best] = max(max_gap, int(gap_ratio * total[best]))
        else:
            alive.append(len(a_ends))
            reach = alive
            a_start.append(ra)
            a_ends.append(ra + length)
            b_ends.append(rb + length)
            total.append(length)
            allowed.append(max(max_gap, int(gap_ratio * length)))
            copy_at.append(rb)
            first.append(r)
    matched = runs.length[_numbers(first)]
    starts, lengths = runs.a.tolist(), runs.length.tolist()
    for idx, chained in members.items():
        matched[idx] = _covered(starts, lengths, chained)
    return Chains(_numbers(a_start), _numbers(a_ends), _numbers(copy_at), _numbers(b_ends), matched)


def _numbers(values: array[int]) -> I64:
    """``values`` copied into a numpy array."""
    return np.array(values, dtype=np.int64) if len(values) else np.zeros(0, dtype=np.int64)


def _covered(starts: list[int], lengths: list[int], members: list[int]) -> int:
    """Characters of the first side inside runs ``members`` (in order of start), each once."""
    count = 0
    reach = -1
    for r in members:
        a, end = starts[r], starts[r] + lengths[r]
        start = max(a, reach)
        if end > start:
            count += end - start
        reach = max(reach, end)
    return count
