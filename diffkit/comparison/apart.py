"""Pairs never share text: where two overlap on a side, the overlap is cut between them.

A chain of shared runs can reach past its paragraph's end into the next one (a catalog message
whose closing quote and the next message's opening are alike on both sides), and widening
takes in whole sentences; the next paragraph may have a pair of its own. Text held by two
pairs would be reported twice: as matched by one pair and as an insertion in the other. The
cut falls on the paragraph boundary in the overlap when there is one, else where the second
pair's own evidence starts (at a sentence's start if one lies before it in the overlap).
Pairs that hold the very same stretch of one side (a passage repeated in the other
document, each copy paired with it) stand as they are: each copy is that stretch's pair,
and a pair reaching into that stretch is cut against all of them alike.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

import numpy as np

from .candidates import Candidate, Side


def apart(chosen: list[Candidate], sa: Side, sb: Side) -> list[Candidate]:
    """``chosen`` with no two pairs sharing part of a stretch of A or of B: each overlap
    cut between the two pairs, and a pair left with nothing of its own on a side dropped."""
    out = list(chosen)
    for side, s in (("a", sa), ("b", sb)):
        out = _apart_on(out, side, s)
    return out


def _apart_on(chosen: list[Candidate], side: str, s: Side) -> list[Candidate]:
    out = chosen
    # A cut can move a pair past others in the order (one cut to what follows one inside
    # it): sweep again until a sweep finds nothing to cut. Each cut shrinks a range or drops
    # a pair, so this ends; the bound only keeps a pathological input from sweeping long.
    for _ in range(_SWEEPS):
        out, changed = _sweep(out, side, s)
        if not changed:
            return out
    return _disjoint(out, side)


_SWEEPS = 32


def _sweep(chosen: list[Candidate], side: str, s: Side) -> tuple[list[Candidate], bool]:
    out: list[Candidate | None] = list(chosen)
    order = sorted(range(len(out)), key=lambda n: (_lo(chosen[n], side), -_hi(chosen[n], side)))
    # The pairs that reach furthest so far; more than one when they hold the very same
    # stretch, and then each is cut alike, so they go on holding one stretch.
    held: list[int] = []
    changed = False
    for n in order:
        second = out[n]
        assert second is not None
        first = out[held[0]] if held else None
        if first is None or _lo(second, side) >= _hi(first, side):
            held = [n] if first is None or _hi(second, side) >= _hi(first, side) else held
            continue
        if _same(first, second, side):
            held.append(n)
            continue
        changed = True
        cut = _cut(first, second, side, s)
        if cut is None:
            outer = _outside(first, second, side, s)
            if outer is not None:
                _hold(out, held, side, _lo(outer, side), _hi(outer, side), s)
                held = [n]
            elif second.matched > max(_matched(out[h]) for h in held):
                _hold(out, held, side, 0, 0, s)
                held = [n]
            else:
                out[n] = None
            continue
        end, start = cut
        _hold(out, held, side, _lo(first, side), end, s)
        out[n] = _with(second, side, start, _hi(second, side), s)
        if out[held[0]] is None or out[n] is not None:
            held = [n]
    return [c for c in out if c is not None], changed


def _hold(
    out: list[Candidate | None], held: list[int], side: str, lo: int, hi: int, s: Side
) -> None:
    """Each of the pairs ``held`` held to ``lo``-``hi`` on ``side`` (dropped when empty)."""
    for h in held:
        c = out[h]
        out[h] = None if c is None else _with(c, side, lo, hi, s)


def _matched(c: Candidate | None) -> int:
    return -1 if c is None else c.matched


def _disjoint(chosen: list[Candidate], side: str) -> list[Candidate]:
    """``chosen`` without any pair that still shares text on ``side`` with one before it
    (other than the very same stretch): the bound on sweeps was reached."""
    kept: list[Candidate] = []
    reach = -1
    for c in sorted(chosen, key=lambda c: (_lo(c, side), -_hi(c, side), -c.matched)):
        if _lo(c, side) >= reach or (_same(kept[-1], c, side) and _hi(c, side) == reach):
            kept.append(c)
            reach = max(reach, _hi(c, side))
    return kept


def _outside(outer: Candidate, inner: Candidate, side: str, s: Side) -> Candidate | None:
    """``outer`` held to its part before or after ``inner``, which lies inside it: the part
    that holds more of its own evidence, if it holds any."""
    lo1, hi1, lo2, hi2 = _lo(outer, side), _hi(outer, side), _lo(inner, side), _hi(inner, side)
    core = _core(outer, side)
    before = max(0, min(core[1], lo2) - core[0])
    after = max(0, core[1] - max(core[0], hi2))
    if before == 0 and after == 0:
        return None
    if before >= after:
        at = int(np.searchsorted(s.starts, lo2, side="left"))
        end = int(s.ends[at - 1]) if at > 0 and lo1 < s.ends[at - 1] <= lo2 else lo2
        return _with(outer, side, lo1, end, s)
    at = int(np.searchsorted(s.starts, hi2, side="left"))
    start = int(s.starts[at]) if at < len(s.starts) and s.starts[at] < hi1 else hi2
    return _with(outer, side, start, hi1, s)


def _lo(c: Candidate, side: str) -> int:
    return c.a_lo if side == "a" else c.b_lo


def _hi(c: Candidate, side: str) -> int:
    return c.a_hi if side == "a" else c.b_hi


def _core(c: Candidate, side: str) -> tuple[int, int]:
    return c.core if side == "a" else c.b_core


def _same(first: Candidate, second: Candidate, side: str) -> bool:
    return (_lo(first, side), _hi(first, side)) == (_lo(second, side), _hi(second, side))


def _cut(first: Candidate, second: Candidate, side: str, s: Side) -> tuple[int, int] | None:
    """Where ``first`` ends and ``second`` starts, both inside their overlap; None when one
    lies inside the other."""
    lo1, hi1, lo2, hi2 = _lo(first, side), _hi(first, side), _lo(second, side), _hi(second, side)
    if hi2 <= hi1 or lo2 <= lo1:
        return None
    # A paragraph boundary in the overlap: its separator ends the first, what follows starts
    # the second.
    at = int(np.searchsorted(s.starts, lo2, side="left"))
    if 0 < at < len(s.starts) and lo1 < s.ends[at - 1] <= hi1 and s.starts[at] < hi2:
        return int(s.ends[at - 1]), int(s.starts[at])
    core1, core2 = _core(first, side), _core(second, side)
    ideal = min(max(core2[0], lo2), hi1)
    edges = s.sentence_starts
    before = bisect.bisect_right(edges, ideal) - 1
    if before >= 0 and max(lo2, core1[1]) <= edges[before] < hi1:
        ideal = edges[before]
    ideal = min(max(ideal, lo1 + 1), hi2 - 1)
    return ideal, ideal


def _with(c: Candidate, side: str, lo: int, hi: int, s: Side) -> Candidate | None:
    """``c`` held to ``lo``-``hi`` on ``side``, its paragraphs read from the new range."""
    if hi <= lo:
        return None
    first = max(int(np.searchsorted(s.starts, lo, side="right")) - 1, 0)
    if side == "a":
        return replace(c, a_lo=lo, a_hi=hi, a_paragraph=first)
    last = int(np.searchsorted(s.starts, hi - 1, side="right")) - 1
    return replace(c, b_lo=lo, b_hi=hi, b_paragraph=first, b_last=max(last, 0))
