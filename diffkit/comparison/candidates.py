"""Candidate pairs from shared runs: each A paragraph's chains, widened to sentences.

Runs of shared folded characters (seeds.py) are cut where A's paragraphs change, chained
(anchors.py) and widened to the whole paragraph when little is left out, else to the
sentences they touch; chains whose widened ranges overlap on both sides are one candidate, their
evidence added where they cover different parts of A. Paragraphs with equal keys, found once in
each document, are candidates too, whatever their length.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from ..anchors import Chain, Run, chain_runs
from ..codepoints import PARAGRAPH_SEPARATOR, to_codepoints
from ..model import Segment
from ..progress import QUIET, Tick
from ..segmentation import Segmented


def _paragraph_bounds(
    seg: Segmented,
) -> tuple[np.ndarray[Any, np.dtype[np.int64]], np.ndarray[Any, np.dtype[np.int64]]]:
    starts = np.array([p.folded_start for p in seg.paragraphs], dtype=np.int64)
    ends = np.array([p.folded_start + len(p.folded) for p in seg.paragraphs], dtype=np.int64)
    return starts, ends


def _widen(lo: int, hi: int, p_lo: int, p_hi: int, side: Side) -> tuple[int, int]:
    """Widen a matched range to its whole paragraph when little is left out, else to the
    sentences it touches, so a pair never starts or ends mid-sentence without need."""
    slack = max(8, (p_hi - p_lo) // 10)
    if lo - p_lo <= slack and p_hi - hi <= slack:
        return p_lo, p_hi
    edges = side.sentence_starts
    before_at = bisect.bisect_right(edges, lo) - 1
    before = edges[before_at] if before_at >= 0 else -1
    after_at = bisect.bisect_left(edges, hi)
    after = edges[after_at] if after_at < len(edges) else p_hi
    start = before if p_lo <= before <= lo else p_lo
    end = after if hi <= after < p_hi else p_hi
    if lo - start > 2 * slack:
        start = lo
    if end - hi > 2 * slack:
        end = hi
    return start, end


@dataclass(frozen=True, slots=True)
class Candidate:
    a_paragraph: int
    b_paragraph: int
    a_lo: int
    a_hi: int
    b_lo: int
    b_hi: int
    matched: int
    """Folded characters inside shared runs: the evidence for this pair."""
    b_last: int = -1
    """The last B paragraph the pair reaches into (re-wrapping can cut B's paragraphs)."""
    core: tuple[int, int] = (0, 0)
    """The stretch of A the chains themselves cover, before widening."""
    exact: bool = False
    """Two paragraphs with equal folded keys: preferred over any chain of the same length."""
    anchored: bool = True
    """Whether the evidence holds a rare k-gram found once in a document (else it is repeats,
    and the pair stands only where it keeps the order of the anchored ones)."""
    b_core: tuple[int, int] = (0, 0)
    """The stretch of B the chains themselves cover, before widening."""


@dataclass(frozen=True, eq=False)
class Side:
    """One document's folded text without paragraph separators, so anchors run across
    paragraph boundaries (re-wrapping moves them), with maps back to the folded text."""

    text: str
    """The folded text, separators included: positions here are folded positions."""
    plain: str
    to_folded: np.ndarray[Any, np.dtype[np.int64]]
    paragraph_at: np.ndarray[Any, np.dtype[np.int64]]
    starts: np.ndarray[Any, np.dtype[np.int64]]
    ends: np.ndarray[Any, np.dtype[np.int64]]
    sentence_starts: list[int]
    """Folded positions just after a sentence's end mark, where the next may start."""
    plain_starts: list[int]
    """Where each paragraph starts in ``plain``: per-run look-ups bisect this list."""
    separators: np.ndarray[Any, np.dtype[np.bool_]]
    """Where ``text`` holds a paragraph separator."""

    @classmethod
    def of(cls, seg: Segmented) -> Side:
        text = seg.folded.text
        cps = to_codepoints(text)
        separators = cps == 0x2029
        to_folded = np.flatnonzero(~separators).astype(np.int64)
        starts, ends = _paragraph_bounds(seg)
        paragraph_at = np.searchsorted(starts, to_folded, side="right") - 1
        marks = np.flatnonzero(np.isin(cps, [ord(c) for c in "。!?;"])).astype(np.int64) + 1
        plain_starts = np.searchsorted(to_folded, starts).tolist()
        return cls(
            text,
            text.replace(PARAGRAPH_SEPARATOR, ""),
            to_folded,
            paragraph_at,
            starts,
            ends,
            marks.tolist(),
            plain_starts,
            separators,
        )

    def start(self, p: int) -> int:
        return int(self.starts[p])

    def end(self, p: int) -> int:
        return int(self.ends[p])

    def split(self, run: Run) -> list[Run]:
        """A run cut where A's paragraphs change: a pair never spans two A paragraphs."""
        first = bisect.bisect_right(self.plain_starts, run.a) - 1
        last = bisect.bisect_right(self.plain_starts, run.a_end - 1) - 1
        if first == last:
            return [run]
        bounds = [
            0,
            *(self.plain_starts[p] - run.a for p in range(first + 1, last + 1)),
            run.length,
        ]
        return [
            Run(run.a + x, run.b + x, y - x, run.anchored) for x, y in pairwise(bounds) if y > x
        ]

    def split_chain(self, chain: Chain) -> list[Chain]:
        """A chain cut where it jumps to another of B's paragraphs across a gap: it may run on
        into the next paragraph only where the text itself runs on (a wrapped title)."""
        if len(chain.runs) == 1:
            return [chain]
        pieces: list[list[Run]] = [[chain.runs[0]]]
        starts = self.plain_starts
        for prev, run in pairwise(chain.runs):
            jumps = bisect.bisect_right(starts, run.b) != bisect.bisect_right(
                starts, prev.b_end - 1
            )
            if jumps and run.b != prev.b_end:
                pieces.append([run])
            else:
                pieces[-1].append(run)
        if len(pieces) == 1:
            return [chain]
        return [Chain.of(tuple(p)) for p in pieces]

    def folded(self, lo: int, hi: int) -> tuple[int, int]:
        return int(self.to_folded[lo]), int(self.to_folded[hi - 1]) + 1


# One loop: chains merge into the candidates found so far for the same paragraph of A.
def chained(
    grouped: dict[int, list[Run]], sa: Side, sb: Side, min_chars: int, tick: Tick = QUIET
) -> list[Candidate]:
    """Chains of runs from each paragraph of A, widened to sentences or paragraphs; chains
    whose widened ranges overlap on both sides are one candidate."""
    out: list[Candidate] = []
    runs_done, runs_total = 0, max(sum(map(len, grouped.values())), 1)
    for i, group in grouped.items():
        if runs_done >= tick.next_at:
            tick(runs_done / runs_total)
        runs_done += len(group)
        pa_lo, pa_hi = sa.start(i), sa.end(i)
        found: list[Candidate] = []
        chains = [piece for chain in chain_runs(group) for piece in sb.split_chain(chain)]
        for chain in sorted(chains, key=lambda c: (c.a_start, c.b_start)):
            a_lo, a_hi = _widen(*sa.folded(chain.a_start, chain.a_end), pa_lo, pa_hi, sa)
            b0, b1 = sb.folded(chain.b_start, chain.b_end)
            j, j_last = int(sb.paragraph_at[chain.b_start]), int(sb.paragraph_at[chain.b_end - 1])
            if j == j_last:
                b_lo, b_hi = _widen(b0, b1, sb.start(j), sb.end(j), sb)
            else:
                b_lo = _widen(b0, sb.end(j), sb.start(j), sb.end(j), sb)[0]
                b_hi = _widen(sb.start(j_last), b1, sb.start(j_last), sb.end(j_last), sb)[1]
            core = sa.folded(chain.a_start, chain.a_end)
            for n, c in enumerate(found):
                if a_lo <= c.a_hi and c.a_lo <= a_hi and b_lo <= c.b_hi and c.b_lo <= b_hi:
                    # Evidence adds up only where the chains cover different parts of A.
                    apart = core[1] <= c.core[0] or core[0] >= c.core[1]
                    # Nor where they cover the same part of B: a message repeated in A (its
                    # untranslated msgstr) matches B's one copy twice, which is one match.
                    b_apart = b1 <= c.b_core[0] or b0 >= c.b_core[1]
                    if not apart and (j < c.b_paragraph or j_last > c.b_last):
                        # The same stretch of A matched again beyond this pair's paragraphs
                        # of B (a run reaching a few characters past B's paragraph end) is a
                        # rival alignment, not more of this one: it must not claim them.
                        continue
                    found[n] = Candidate(
                        i,
                        min(j, c.b_paragraph),
                        min(a_lo, c.a_lo),
                        max(a_hi, c.a_hi),
                        min(b_lo, c.b_lo),
                        max(b_hi, c.b_hi),
                        c.matched + chain.matched
                        if apart and b_apart
                        else max(c.matched, chain.matched),
                        max(j_last, c.b_last),
                        (min(core[0], c.core[0]), max(core[1], c.core[1])),
                        anchored=c.anchored or chain.anchored,
                        b_core=(min(b0, c.b_core[0]), max(b1, c.b_core[1])),
                    )
                    break
            else:
                found.append(
                    Candidate(
                        i,
                        j,
                        a_lo,
                        a_hi,
                        b_lo,
                        b_hi,
                        chain.matched,
                        j_last,
                        core,
                        anchored=chain.anchored,
                        b_core=(b0, b1),
                    )
                )
        for c in found:
            # Short passages count when they match whole: a title cut in two by re-wrapping.
            shorter, longer = sorted((pa_hi - pa_lo, sb.end(c.b_last) - sb.start(c.b_paragraph)))
            whole = 0.95 * shorter if shorter >= 0.6 * longer else float("inf")
            if c.matched >= min_chars or c.matched >= whole:
                out.append(c)
    return out


def exact_paragraphs(sa: Segmented, sb: Segmented) -> list[Candidate]:
    """Paragraphs whose folded keys are equal, and found once in each document, pair whatever
    their length (titles, bylines); repeated ones pair by their neighbours (``by_neighbours``)."""
    count_a = Counter(p.folded for p in sa.paragraphs)
    by_key = {p.folded: p for p in sb.paragraphs if p.folded}
    count_b = Counter(p.folded for p in sb.paragraphs)
    out: list[Candidate] = []
    for p in sa.paragraphs:
        q = by_key.get(p.folded)
        if q is None or count_a[p.folded] != 1 or count_b[p.folded] != 1:
            continue
        out.append(whole(p, q, exact=True))
    return out


def whole(p: Segment, q: Segment, *, exact: bool) -> Candidate:
    n = len(p.folded)
    return Candidate(
        p.index,
        q.index,
        p.folded_start,
        p.folded_start + n,
        q.folded_start,
        q.folded_start + len(q.folded),
        n if exact else 0,
        q.index,
        (p.folded_start, p.folded_start + n),
        exact,
        b_core=(q.folded_start, q.folded_start + len(q.folded)),
    )
