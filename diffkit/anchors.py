"""Seed-and-extend: shared k-grams as anchors, merged into runs, chained into passages.

This is how passages that ignore paragraph boundaries are found (the lesson of passim and
TextPAIR), with two changes: anchors may repeat inside a document, so repeats and self-matches
are found; and chains may go in any order, so moved passages are found too. Hashing is
vectorised over code-point arrays; a k-gram that occurs too often (boilerplate) is not used as
an anchor. Between two documents, compare draws its runs from seeds.py instead, whose anchors
stay few however much the documents repeat themselves; a corpus's runs against itself are found
as arrays by deduplication/self_runs.py (its plain object version, the tests' reference, is
deduplication/_reference.find_runs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
_SEP: Final = 0x2029
_BASE: Final = np.uint64(1_000_003)


@dataclass(frozen=True, slots=True)
class Run:
    """``x[a : a + length]`` equals ``y[b : b + length]``."""

    a: int
    b: int
    length: int
    anchored: bool = True
    """Whether the run holds a rare k-gram found once in one of the documents: its copies on
    the other side are all counterparts, where copies on both sides pair only in order."""

    @property
    def a_end(self) -> int:
        return self.a + self.length

    @property
    def b_end(self) -> int:
        return self.b + self.length


@dataclass(frozen=True, slots=True)
class Chain:
    """Runs in increasing order on both sides, with small gaps: one aligned passage."""

    runs: tuple[Run, ...]
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int
    """Characters of A inside the chain's runs, each counted once."""

    @property
    def anchored(self) -> bool:
        return any(r.anchored for r in self.runs)

    @classmethod
    def of(cls, runs: tuple[Run, ...]) -> Chain:
        total = 0
        reach = -1
        for r in sorted(runs, key=lambda r: r.a):
            start = max(r.a, reach)
            if r.a_end > start:
                total += r.a_end - start
            reach = max(reach, r.a_end)
        return cls(
            runs,
            runs[0].a,
            max(r.a_end for r in runs),
            runs[0].b,
            max(r.b_end for r in runs),
            total,
        )


def kgram_hashes(cps: npt.NDArray[np.uint32], k: int) -> npt.NDArray[np.uint64]:
    """Polynomial hashes of every k-gram; k-grams holding a separator get unique values
    above any real hash so they never match."""
    n = len(cps) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    values = cps.astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * _BASE + values[j : j + n]
    h >>= np.uint64(1)
    seps = np.concatenate(([0], np.cumsum(cps == _SEP)))
    crossing = seps[k : k + n] != seps[:n]
    if crossing.any():
        h[crossing] = np.uint64(1 << 63) + np.flatnonzero(crossing).astype(np.uint64)
    return h


def chain_runs(
    runs: list[Run], *, max_gap: int = 40, gap_ratio: float = 0.3, self_join: bool = False
) -> list[Chain]:
    """Greedy chaining of runs into passages: a run joins the chain whose end it follows on
    both sides within a gap that may grow with the chain's length (edits between anchors).
    In a self-join a chain never runs into its own copy, so periodic text yields each repeat
    once instead of one long overlapping alignment."""
    chains: list[list[Run]] = []
    # Per chain: where it ends in A and B, how far a next run may start past that, the
    # matched length behind that allowance, and (self-joins) where its copy starts.
    a_ends: list[int] = []
    b_ends: list[int] = []
    allowed: list[int] = []
    matched: list[int] = []
    copy_at: list[int] = []
    for run in sorted(runs, key=lambda r: (r.a, r.b)):
        ra, rb = run.a, run.b
        best = -1
        best_cost = 0
        for idx in range(len(chains) - 1, max(-1, len(chains) - 64), -1):
            da = ra - a_ends[idx]
            if da < -8 or da > allowed[idx]:
                continue
            db = rb - b_ends[idx]
            if db < -8 or db > allowed[idx]:
                continue
            if self_join and run.a_end > copy_at[idx]:
                continue
            cost = abs(da - db) + da + db
            if best < 0 or cost < best_cost:
                best, best_cost = idx, cost
        if best >= 0:
            chains[best].append(run)
            a_ends[best] = max(a_ends[best], run.a_end)
            b_ends[best] = max(b_ends[best], run.b_end)
            matched[best] += run.length
            allowed[best] = max(max_gap, int(gap_ratio * matched[best]))
        else:
            chains.append([run])
            a_ends.append(run.a_end)
            b_ends.append(run.b_end)
            matched.append(run.length)
            allowed.append(max(max_gap, int(gap_ratio * run.length)))
            copy_at.append(run.b)
    return [Chain.of(tuple(c)) for c in chains]
