"""Slow, plainly correct versions of deduplication's fast paths; the tests check that the two
agree."""

from __future__ import annotations

import numpy as np

from ..anchors import Run, kgram_hashes
from ..codepoints import to_codepoints
from .similarity import pair_similarity_of_keys


def similar_pairs_reference(keys: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """Every pair of distinct keys scored, those reaching ``threshold`` kept: what
    ``similar_pairs`` finds by MinHash candidates and batched verification."""
    out: list[tuple[int, int, float]] = []
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if keys[i] == keys[j]:
                continue
            score = pair_similarity_of_keys(keys[i], keys[j])
            if score >= threshold:
                out.append((i, j, score))
    return out


def find_runs(
    x: str, y: str | None = None, *, k: int = 8, max_occurrences: int = 64, min_length: int = 0
) -> list[Run]:
    """Maximal runs of ``x`` found again in ``y`` (in ``x`` itself, off the diagonal, when ``y``
    is None), each at least ``max(k, min_length)`` characters long."""
    cx = to_codepoints(x)
    hx = kgram_hashes(cx, k)
    self_join = y is None
    hy = hx if self_join else kgram_hashes(to_codepoints(y or ""), k)
    if not len(hx) or not len(hy):
        return []
    order = np.argsort(hy, kind="stable")
    sorted_h = hy[order]
    lo = np.searchsorted(sorted_h, hx, side="left")
    hi = np.searchsorted(sorted_h, hx, side="right")
    counts = hi - lo
    usable = (counts > 0) & (counts <= max_occurrences) & (hx < np.uint64(1 << 63))
    a_idx = np.flatnonzero(usable)
    if not len(a_idx):
        return []
    reps = counts[a_idx]
    a_pos = np.repeat(a_idx, reps)
    starts = np.repeat(lo[a_idx], reps)
    within = np.arange(len(a_pos)) - np.repeat(np.cumsum(reps) - reps, reps)
    b_pos = order[starts + within].astype(np.int64)
    if self_join:
        keep = b_pos > a_pos
        a_pos, b_pos = a_pos[keep], b_pos[keep]
    if not len(a_pos):
        return []
    diag = a_pos - b_pos
    idx = np.lexsort((a_pos, diag))
    a_pos, diag = a_pos[idx], diag[idx]
    new_run = np.ones(len(a_pos), dtype=np.bool_)
    new_run[1:] = (diag[1:] != diag[:-1]) | (a_pos[1:] != a_pos[:-1] + 1)
    run_ids = np.cumsum(new_run) - 1
    run_start = a_pos[new_run]
    run_len = np.bincount(run_ids) + (k - 1)
    run_diag = diag[new_run]
    floor = max(k, min_length)
    runs = [
        Run(a, a - d, n)
        for a, d, n in zip(run_start.tolist(), run_diag.tolist(), run_len.tolist(), strict=True)
        if n >= floor
    ]
    if self_join:
        # A run overlapping its own copy (a period inside one repeat) is not a second copy.
        runs = [r for r in runs if r.b >= r.a_end]
    runs.sort(key=lambda r: (r.a, r.b))
    return runs
