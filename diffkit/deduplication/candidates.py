"""Similar pairs of distinct keys: MinHash LSH candidates, verified."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .similarity import _indel, _scored, sorted_sentences


def similar_pairs(
    keys: list[str], threshold: float, *, workers: int = -1, processes: int = 1
) -> list[tuple[int, int, float]]:
    """Pairs of distinct keys whose similarity reaches ``threshold``: LSH candidates verified
    with rapidfuzz (C++, ``workers`` threads, -1 for all cores); the signatures and
    candidates of many keys are computed by ``processes`` forked processes."""
    from ..minhash import candidate_pairs, signatures

    if len(keys) < 2:
        return []
    cands = candidate_pairs(signatures(keys, processes=processes), processes=processes)
    if not len(cands):
        return []
    left = [keys[i] for i in cands[:, 0].tolist()]
    right = [keys[j] for j in cands[:, 1].tolist()]
    return verify_pairs(cands, left, right, threshold, workers=workers)


def verify_pairs(
    cands: npt.NDArray[np.int64],
    left: list[str],
    right: list[str],
    threshold: float,
    *,
    workers: int = -1,
) -> list[tuple[int, int, float]]:
    """The candidate pairs ``cands`` (an ``(m, 2)`` array of ids) whose keys ``left[k]`` and
    ``right[k]`` reach ``threshold``, with their similarity: rapidfuzz's Indel similarity,
    and that of the sorted sentences where the first falls short by less than 0.35."""
    # Compared as float64, as Python compares a float32 score with the threshold.
    direct = _indel(left, right, workers=workers).astype(np.float64)
    hit = direct >= threshold
    out = _scored(cands[hit], direct[hit])
    again_at = np.flatnonzero(~hit & (direct >= threshold - 0.35))
    if len(again_at):
        at = again_at.tolist()
        sl = [sorted_sentences(left[k]) for k in at]
        sr = [sorted_sentences(right[k]) for k in at]
        again = _indel(sl, sr, workers=workers).astype(np.float64)
        ok = again >= threshold
        out += _scored(cands[again_at][ok], again[ok])
    return out
