"""Near-duplicate candidates at scale: one-permutation MinHash over character bigrams, banded.

Character bigrams are the unit: on edited Chinese copies, 2-grams keep most of their overlap
where 5-grams keep little. Each bigram is hashed once and falls into one of ``bins`` bins whose
minimum is kept (one-permutation hashing), so a signature costs one pass over the text, not
one per permutation; empty bins borrow from the next full bin (densification). Bands of
``rows`` bins hash to buckets, and units sharing a bucket in any band are candidates. Every
candidate is then verified with a real similarity: LSH only proposes.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from .normalize import to_codepoints

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

BINS: Final = 126
ROWS: Final = 3
"""42 bands of 3: a pair with bigram Jaccard 0.5 is proposed with probability 0.995, one with
0.4 with 0.94, one with 0.1 with 0.04."""
_EMPTY: Final = np.uint64(0xFFFFFFFF)
_MIX: Final = np.uint64(0x9E3779B97F4A7C15)
_MIX2: Final = np.uint64(0xBF58476D1CE4E5B9)


def _mix(x: U64) -> U64:
    with np.errstate(over="ignore"):
        x = x * _MIX
        x ^= x >> np.uint64(31)
        x = x * _MIX2
        x ^= x >> np.uint64(29)
    return x


def signatures(keys: list[str], *, bins: int = BINS) -> npt.NDArray[np.uint32]:
    """An ``(len(keys), bins)`` matrix of one-permutation MinHash values over the bigrams of
    each key. Keys shorter than two characters get a signature of their own characters."""
    n = len(keys)
    joined = "\u2029".join(keys)
    cps = to_codepoints(joined).astype(np.uint64)
    sep = cps == 0x2029
    unit = np.cumsum(sep) if len(cps) else np.zeros(0, dtype=np.int64)
    codes = (cps[:-1] << np.uint64(21)) | cps[1:]
    keep = ~(sep[:-1] | sep[1:])
    codes, owner = codes[keep], unit[:-1][keep].astype(np.int64)
    h = _mix(codes)
    bucket = (h % np.uint64(bins)).astype(np.int64)
    value = (h >> np.uint64(32)).astype(np.uint64)
    flat = np.full(n * bins, _EMPTY, dtype=np.uint64)
    np.minimum.at(flat, owner * bins + bucket, value)
    return _densify(flat.reshape(n, bins)).astype(np.uint32)


def _densify(sig: U64) -> U64:
    """Fill each empty bin from the next full bin to its right (wrapping), salted by the
    distance, so two units agree on a filled bin about as often as on a full one."""
    empty = sig == _EMPTY
    if not empty.any():
        return sig
    n, bins = sig.shape
    cols = np.arange(2 * bins)
    doubled = np.concatenate((sig, sig), axis=1)
    full_at = np.where(np.concatenate((~empty, ~empty), axis=1), cols, 4 * bins)
    nxt = np.minimum.accumulate(full_at[:, ::-1], axis=1)[:, ::-1][:, :bins]
    has = nxt < 2 * bins
    rows = np.arange(n)[:, None]
    borrowed = doubled[rows, np.minimum(nxt, 2 * bins - 1)]
    salt = (nxt - np.arange(bins)[None, :]).astype(np.uint64)
    filled = (_mix(borrowed ^ (salt * np.uint64(0x632BE59BD9B4E019))) >> np.uint64(32)) & _EMPTY
    out = np.where(empty & has, filled, sig)
    return np.asarray(out, dtype=np.uint64)


def candidate_pairs(sig: npt.NDArray[np.uint32], *, rows: int = ROWS, max_bucket: int = 64) -> I64:
    """Pairs ``(i, j)``, ``i < j``, that share a bucket in at least one band, as an ``(m, 2)``
    array. Buckets larger than ``max_bucket`` (boilerplate) only link neighbours in a sorted
    order, which still connects a large group of copies without quadratic blow-up."""
    n, bins = sig.shape
    bands = bins // rows
    found: list[I64] = []
    for b in range(bands):
        block = sig[:, b * rows : (b + 1) * rows].astype(np.uint64)
        key = np.full(n, np.uint64(b), dtype=np.uint64)
        for r in range(rows):
            key = _mix(key ^ block[:, r])
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        same = sorted_key[1:] == sorted_key[:-1]
        if not same.any():
            continue
        starts = np.flatnonzero(np.concatenate(([True], ~same)))
        sizes = np.diff(np.append(starts, n))
        group_of = np.repeat(np.arange(len(starts)), sizes)
        pos_in_group = np.arange(n) - np.repeat(starts, sizes)
        size_of = sizes[group_of]
        limit = int(min(sizes.max(), max_bucket))
        for d in range(1, limit):
            ok = (pos_in_group + d < size_of) & ((size_of <= max_bucket) | (d == 1))
            left = np.flatnonzero(ok)
            if not len(left):
                break
            found.append(np.stack((order[left], order[left + d]), axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    pairs.sort(axis=1)
    code = pairs[:, 0].astype(np.int64) * n + pairs[:, 1]
    code = np.unique(code)
    return np.stack((code // n, code % n), axis=1)


def probability(jaccard: float, *, bins: int = BINS, rows: int = ROWS) -> float:
    """The chance that a pair with this bigram Jaccard similarity becomes a candidate."""
    return float(1.0 - (1.0 - jaccard**rows) ** (bins // rows))
