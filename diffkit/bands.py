"""Banding of MinHash signatures: bands of ``rows`` bins hash to buckets, and units sharing
a bucket in any band are candidates (``candidate_pairs``); the 64-bit mix both signing and
banding hash with.
"""

from __future__ import annotations

from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt

from . import executor

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

BINS: Final = 126
ROWS: Final = 3
"""42 bands of 3: a pair with bigram Jaccard 0.5 is proposed with probability 0.995, one with
0.4 with 0.94, one with 0.1 with 0.04."""
_EMPTY: Final = np.uint64(0xFFFFFFFF)
_MIX: Final = np.uint64(0x9E3779B97F4A7C15)
_MIX2: Final = np.uint64(0xBF58476D1CE4E5B9)


def _mix(x: U64, *, own: bool = False) -> U64:
    """A 64-bit mix of each value; with ``own``, ``x`` is the caller's to overwrite, which
    spares a copy of a large array at every step."""
    with np.errstate(over="ignore"):
        if own:
            np.multiply(x, _MIX, out=x)
        else:
            x = x * _MIX
        x ^= x >> np.uint64(31)
        np.multiply(x, _MIX2, out=x)
        x ^= x >> np.uint64(29)
    return x


def candidate_pairs(
    sig: npt.NDArray[np.uint32], *, rows: int = ROWS, max_bucket: int = 64, processes: int = 1
) -> I64:
    """Pairs ``(i, j)``, ``i < j``, that share a bucket in at least one band, as an ``(m, 2)``
    array. Buckets larger than ``max_bucket`` (boilerplate) only link neighbours in a sorted
    order, which still connects a large group of copies without quadratic blow-up. With
    ``processes`` > 1, the bands of a large corpus are shared out among forked processes (on
    Linux; elsewhere, and for fewer units, one process does them all)."""
    n, bins = sig.shape
    bands = bins // rows
    # Each band reads a few whole columns: in a row-major matrix, that is a cache line
    # fetched for every four bytes used.
    sig = np.asfortranarray(sig)
    run = executor.choose(processes, n, executor.FORK_MIN_KEYS)
    procs = run.processes
    ranges = [(bands * i // procs, bands * (i + 1) // procs, i) for i in range(max(procs, 1))]
    blank_ones = blank(sig)
    with run.map(_band_pairs, ranges, _Bands(sig, rows, max_bucket, blank_ones)) as found:
        parts = list(found)
    code = distinct(np.concatenate(parts))
    return np.stack((code // n, code % n), axis=1) if len(code) else np.zeros((0, 2), np.int64)


class _Bands(NamedTuple):
    """What the ranges of bands of ``candidate_pairs`` share."""

    sig: npt.NDArray[np.uint32]
    rows: int
    """Rows a band."""
    max_bucket: int
    """The largest bucket paired in full."""
    empty: npt.NDArray[np.bool_]
    """Which units have an empty signature."""


def _band_pairs(bands: _Bands, r: tuple[int, int, int]) -> I64:
    """The pairs that share a bucket in bands ``lo..hi``, each coded ``i * n + j``, sorted."""
    sig, rows, max_bucket, empty = bands
    lo, hi, _ = r
    n = len(sig)
    # A unit with an empty signature is left out: it must not match every other.
    live = np.flatnonzero(~empty) if empty.any() else None
    m = n if live is None else len(live)
    if m < 2:
        return np.zeros(0, dtype=np.int64)
    ids = np.arange(n, dtype=np.int64) if live is None else live
    found = []
    for b in range(lo, hi):
        key = band_hashes(sig, b, rows)
        found.append(bucket_pairs(key if live is None else key[live], ids, max_bucket))
    pairs = np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)
    pairs.sort(axis=1)
    return distinct(pairs[:, 0] * n + pairs[:, 1])


def band_hashes(sig: npt.NDArray[np.uint32], band: int, rows: int = ROWS) -> U64:
    """Each signature's hash in band ``band``: two units share that band's bucket when
    their hashes are equal."""
    return _row_hash(sig[:, band * rows : (band + 1) * rows])


def bucket_pairs(key: U64, ids: I64, max_bucket: int = 64) -> I64:
    """The pairs ``(i, j)``, ``i < j``, of ``ids`` (ascending) that share a bucket in one
    band, ``key`` being their ``band_hashes``, as an ``(m, 2)`` array of ids: a bucket of at
    most ``max_bucket`` units in full, a larger one (boilerplate) only neighbours in id
    order, which still connects a large group of copies without quadratic blow-up."""
    m = len(key)
    none = np.zeros((0, 2), dtype=np.int64)
    if m < 2:
        return none
    bits = max(int(m - 1).bit_length(), 1)
    low = np.arange(m, dtype=np.uint64)
    # The bucket's hash above each unit's own position, sorted as plain numbers: a sort
    # several times faster than an argsort, and each bucket comes out in index order.
    packed = key >> np.uint64(bits) << np.uint64(bits) | low
    packed.sort()
    pos = (packed & np.uint64((1 << bits) - 1)).astype(np.int64)
    top = packed >> np.uint64(bits)
    near = np.flatnonzero(top[1:] == top[:-1])
    if not len(near):
        return none
    # Sorted by the top bits of their hash; a bucket is the units of one whole hash.
    equal = key[pos[near]] == key[pos[near + 1]]
    if not equal.all():
        _separate(pos, top, near[~equal], key)
        equal = key[pos[near]] == key[pos[near + 1]]
    same = np.zeros(m - 1, dtype=np.bool_)
    same[near[equal]] = True
    if not same.any():
        return none
    order = ids[pos]
    starts = np.flatnonzero(np.concatenate(([True], ~same)))
    sizes = np.diff(np.append(starts, m))
    # Only shared buckets produce pairs; each round d pairs members d apart in a bucket
    # and touches only the buckets still larger than d, not every unit again.
    shared = sizes >= 2
    starts, sizes = starts[shared], sizes[shared]
    small = sizes <= max_bucket
    found: list[I64] = []
    for d in range(1, int(min(sizes.max(), max_bucket))):
        keep = (sizes > d) & (small | (d == 1))
        if not keep.any():
            break
        starts, sizes, small = starts[keep], sizes[keep], small[keep]
        counts = sizes - d
        left = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(
            int(counts.sum())
        )
        found.append(np.stack((order[left], order[left + d]), axis=1))
    return np.concatenate(found) if found else none


def _row_hash(block: npt.NDArray[np.uint32]) -> U64:
    """A 64-bit hash of each row of a band, two values a round."""
    h = np.zeros(len(block), dtype=np.uint64)
    for j in range(0, block.shape[1], 2):
        part = block[:, j].astype(np.uint64)
        if j + 1 < block.shape[1]:
            part |= block[:, j + 1].astype(np.uint64) << np.uint64(32)
        h = _mix(h ^ part, own=True)
    return h


def _separate(pos: I64, top: U64, unequal: I64, key: U64) -> None:
    """Where units of different hashes share its top bits (seldom), order that stretch of
    ``pos`` by hash, then position, so that each bucket is one run again."""
    for t in np.unique(top[unequal]).tolist():
        a, z = int(np.searchsorted(top, t, side="left")), int(np.searchsorted(top, t, side="right"))
        stretch = pos[a:z]
        pos[a:z] = stretch[np.lexsort((stretch, key[stretch]))]


def blank(sig: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    """Which signatures are empty (keys of fewer than two characters): they match nothing."""
    out: npt.NDArray[np.bool_] = np.all(sig == np.uint32(_EMPTY), axis=1)
    return out


def distinct(code: I64) -> I64:
    """The distinct values, sorted: what np.unique gives, twenty times faster on millions."""
    code.sort()
    return code[np.concatenate(([True], code[1:] != code[:-1]))] if len(code) else code


def probability(jaccard: float, *, bins: int = BINS, rows: int = ROWS) -> float:
    """The chance that a pair with this bigram Jaccard similarity becomes a candidate."""
    return float(1.0 - (1.0 - jaccard**rows) ** (bins // rows))
