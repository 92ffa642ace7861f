"""Near-duplicate candidates at scale: one-permutation MinHash over character bigrams, banded.

Character bigrams are the unit: on edited Chinese copies, 2-grams keep most of their overlap
where 5-grams keep little. Each bigram is hashed once and falls into one of ``bins`` bins whose
minimum is kept (one-permutation hashing), so a signature costs one pass over the text, not
one per permutation; empty bins borrow from the next full bin (densification). Bands of
``rows`` bins hash to buckets, and units sharing a bucket in any band are candidates. Every
candidate is then verified with a real similarity: LSH only proposes.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
import threading
from functools import cache
from typing import Any, Final, NamedTuple

import numpy as np
import numpy.typing as npt

from . import executor
from .bands import (
    _EMPTY,
    BINS as BINS,
    I64,
    ROWS as ROWS,
    U64,
    _mix,
    band_hashes as band_hashes,
    blank as blank,
    bucket_pairs as bucket_pairs,
    candidate_pairs as candidate_pairs,
    distinct as distinct,
    probability as probability,
)
from .codepoints import view_codepoints
from .executor import shared_array

_PROBES: Final = 12
_EMPTY32: Final = np.uint32(_EMPTY)
COMMON_MIN_UNITS: Final = 1000
_COMMON_FLOOR: Final = 64
_COMMON_SHARE: Final = 0.01
"""A bigram seen more often than in 1% of the units (and at least 64 times) is common: it is
hashed only into the signatures of units that have too few others."""
RAREST: Final = 32
"""A unit whose bigrams are mostly common (a boilerplate notice) is signed from its
``RAREST`` rarest bigrams at least, the common ones ranked by how common they are: so it has
a signature at any corpus size, and near copies pick nearly the same bigrams."""
_LEVELS_PER_DOUBLING: Final = 4


def _bigram_hashes(keys: list[str]) -> tuple[U64, I64]:
    """The hash of every bigram of the keys, and which key it belongs to (local index)."""
    cps, sep, keep = _bigram_codes(keys)
    unit = np.cumsum(sep, dtype=np.int64) if len(cps) else np.zeros(0, dtype=np.int64)
    return _hashed(cps, keep), unit[:-1][keep]


def _bigram_hashes_only(keys: list[str]) -> U64:
    """``_bigram_hashes(keys)[0]``, without the owners: counting reads only the hashes."""
    cps, _, keep = _bigram_codes(keys)
    return _hashed(cps, keep)


def _bigram_codes(
    keys: list[str],
) -> tuple[U64, npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """The keys' code points joined by U+2029, where the separators are, and which bigrams
    lie inside one key."""
    cps = view_codepoints("\u2029".join(keys)).astype(np.uint64)
    sep = cps == 0x2029
    return cps, sep, ~(sep[:-1] | sep[1:])


def _hashed(cps: U64, keep: npt.NDArray[np.bool_]) -> U64:
    codes = cps[:-1] << np.uint64(21)
    codes |= cps[1:]
    return _mix(codes[keep], own=True)


CHUNK: Final = 2048
"""Keys hashed, counted and signed at a time: the work arrays of 2,048 paragraphs stay in
the processor's cache, and 20,000 at a time took a third more CPU."""


def signatures(
    keys: list[str], *, bins: int = BINS, chunk: int = CHUNK, processes: int = 1
) -> npt.NDArray[np.uint32]:
    """An ``(len(keys), bins)`` matrix of one-permutation MinHash values over the bigrams of
    each key, computed ``chunk`` keys at a time so memory stays bounded on large corpora.
    Keys shorter than two characters get an empty signature, which matches nothing. With
    ``processes`` > 1, a large set of keys is shared out among forked processes that write
    into shared memory (on Linux; elsewhere, and for fewer keys, one process does it all).
    The matrix is column-major, as ``candidate_pairs`` reads it."""
    n = len(keys)
    run = executor.choose(processes, n, executor.FORK_MIN_KEYS)
    procs = run.processes
    ranges = [(n * i // procs, n * (i + 1) // procs, i) for i in range(max(procs, 1))]
    # Stored a bin at a time (column-major): the bands are read a few bins at a time.
    out = _array((bins, n), np.uint32, shared=procs > 1).T
    tables = None
    # Only a large corpus says what is common; in a few units every bigram counts.
    if n >= COMMON_MIN_UNITS:
        # Zeros either way: fresh shared memory is zero-filled, and is left to the workers to
        # touch, so its pages count in their memory, not also in this process's.
        shape = (len(ranges), _SLOTS)
        tables = shared_array(shape, np.int64) if procs > 1 else np.zeros(shape, np.int64)
    limit = _common_limit(n)
    barrier = mp.get_context("fork").Barrier(procs) if procs > 1 and tables is not None else None
    # A range a process: each waits at the barrier for the others' counts.
    with run.map(_sign_range, ranges, _Task(keys, chunk, tables, limit, barrier, out)) as done:
        list(done)
    return out


class _Task(NamedTuple):
    """What the ranges of ``signatures`` share."""

    keys: list[str]
    chunk: int
    tables: npt.NDArray[np.int64] | None
    """Each range's bigram counts (by the hash's top 22 bits), or None: nothing is common."""
    limit: float
    """A bigram counted more often than this is common (``common_bigrams``)."""
    barrier: Any
    """Where each range waits for the others' counts; None in one process."""
    out: npt.NDArray[np.uint32]


_KEPT_BIGRAMS: Final = 1 << 24
"""The most bigram hashes a range (a worker) keeps from counting to signing, 128 MB each;
past them, a chunk is hashed again."""


def _array(shape: tuple[int, int], dtype: Any, *, shared: bool) -> npt.NDArray[Any]:
    """An uninitialised array, in memory that forked processes share when ``shared``."""
    return shared_array(shape, dtype) if shared else np.empty(shape, dtype=dtype)


def _sign_range(task: _Task, r: tuple[int, int, int]) -> None:
    """Write the signatures of keys ``lo..hi`` into the output: count the range's bigrams,
    wait for the other ranges' counts, then sign, with the hashes of counting kept for
    signing as far as memory allows."""
    keys, chunk, tables, limit, barrier, out = task
    lo, hi, slot = r
    starts = range(lo, hi, chunk)
    kept: dict[int, U64] = {}
    common = None
    if tables is not None:
        try:
            room = _KEPT_BIGRAMS
            for a in starts:
                h = _bigram_hashes_only(keys[a : min(a + chunk, hi)])
                _count(tables[slot], h)
                if len(h) <= room:
                    kept[a], room = h, room - len(h)
            if barrier is not None:
                barrier.wait()
        except threading.BrokenBarrierError:
            return  # another range failed: its own error is the one the parent gets
        except BaseException:
            if barrier is not None:
                barrier.abort()  # the other ranges stop waiting
            raise
        common = _levels(tables.sum(axis=0), limit)
    bins = out.shape[1]
    for a in starts:
        part = keys[a : min(a + chunk, hi)]
        out[a : a + len(part)] = sign(part, common, bins=bins, hashes=kept.pop(a, None))


def sign(
    keys: list[str],
    common: npt.NDArray[np.uint8] | None,
    *,
    bins: int = BINS,
    hashes: U64 | None = None,
) -> npt.NDArray[np.uint32]:
    """The ``(len(keys), bins)`` signatures of a batch of keys over their rare bigrams, those
    ``common`` (``common_bigrams`` of the whole corpus) does not mark, and as many of their
    rarest common ones as bring them to ``RAREST``; ``hashes`` are the batch's
    ``_bigram_hashes`` when the caller kept them from counting. Signed ``CHUNK`` keys at a
    time: each key's signature is its own bigrams' alone."""
    if len(keys) <= CHUNK:
        h, owner = _bigram_hashes(keys) if hashes is None else (hashes, _owners(keys))
        return _signed_block(h, owner, common, len(keys), bins)
    out = np.empty((len(keys), bins), dtype=np.uint32)
    starts = range(0, len(keys), CHUNK)
    cuts = None if hashes is None else np.searchsorted(_owners(keys), [*starts, len(keys)])
    for n, a in enumerate(starts):
        part = keys[a : a + CHUNK]
        kept = None if hashes is None or cuts is None else hashes[cuts[n] : cuts[n + 1]]
        out[a : a + len(part)] = sign(part, common, bins=bins, hashes=kept)
    return out


def _signed_block(
    h: U64, owner: I64, common: npt.NDArray[np.uint8] | None, n: int, bins: int
) -> npt.NDArray[np.uint32]:
    """The signatures of ``n`` keys whose bigrams' hashes are ``h``, of key ``owner``."""
    if common is not None:
        # The top 22 bits fit in int64 as they are: a view, not a copy, indexes the table.
        signed = _signed(h, owner, common[(h >> np.uint64(42)).view(np.int64)], n)
        h, owner = h[signed], owner[signed]
    slot = owner * bins
    slot += (h % np.uint64(bins)).view(np.int64)
    # A bin holds the top half of a hash: 32 bits, so the signature is made in uint32 from
    # the start (half the memory traffic of uint64, and no copy to narrow it at the end).
    flat = np.full(n * bins, _EMPTY32, dtype=np.uint32)
    np.minimum.at(flat, slot, _top_halves(h))
    return _densify(flat.reshape(n, bins))


def _top_halves(h: U64) -> npt.NDArray[np.uint32]:
    """The top 32 bits of each hash: on a little-endian machine a view of every second half
    of the array's memory, no copy."""
    if sys.byteorder == "little":
        halves: npt.NDArray[np.uint32] = h.view(np.uint32)[1::2]
        return halves
    return (h >> np.uint64(32)).astype(np.uint32)


_SLOTS: Final = 1 << 22
"""Bigrams are counted by the top 22 bits of their hash."""


def bigram_counts(keys: list[str], *, chunk: int = CHUNK) -> I64:
    """How many bigrams of the keys fall in each of the ``_SLOTS`` slots: the counts of
    parts of a corpus add up to the corpus's, which ``common_bigrams`` reads."""
    table = np.zeros(_SLOTS, dtype=np.int64)
    for a in range(0, len(keys), chunk):
        _count(table, _bigram_hashes_only(keys[a : a + chunk]))
    return table


def _count(table: I64, h: U64) -> None:
    """Add the bigrams of hashes ``h`` to their slots' counts: in place, where a bincount
    would make a table of every slot for each chunk."""
    np.add.at(table, (h >> np.uint64(42)).view(np.int64), 1)


def _signed(h: U64, owner: I64, level: npt.NDArray[np.uint8], n: int) -> npt.NDArray[np.bool_]:
    """Which bigrams sign their unit: the rare ones (level 0), and for a unit with fewer than
    ``RAREST`` of those, its rarest common ones (lowest level, then hash; a bigram once)
    up to ``RAREST`` in all."""
    signed: npt.NDArray[np.bool_] = level == 0
    rare = np.bincount(owner[signed], minlength=n)
    at = np.flatnonzero(~signed & (rare < RAREST)[owner])
    if not len(at):
        return signed
    # Unit, level and the hash's top bits in one number: a stable sort of it is ten times
    # faster than a lexsort of the three, and keeps each unit's ties in text order.
    shift = max(int(n - 1).bit_length(), 1)
    packed = owner[at].astype(np.uint64) << np.uint64(64 - shift)
    packed |= level[at].astype(np.uint64) << np.uint64(56 - shift)
    packed |= h[at] >> np.uint64(shift + 8)
    order = np.argsort(packed, kind="stable")
    at, packed = at[order], packed[order]
    at = at[np.concatenate(([True], packed[1:] != packed[:-1]))]
    who = owner[at]
    starts = np.concatenate(([True], who[1:] != who[:-1]))
    run_start = np.maximum.accumulate(np.where(starts, np.arange(len(at)), 0))
    signed[at[np.arange(len(at)) - run_start < (RAREST - rare)[who]]] = True
    return signed


def common_bigrams(counts: I64, units: int) -> npt.NDArray[np.uint8] | None:
    """How common each bigram slot is in a corpus of ``units`` keys whose ``bigram_counts``
    (summed over the WHOLE corpus: a part's own counts would mark other bigrams) are
    ``counts``: 0 for a rare one, else a level that grows with its count (4 a doubling);
    None when the corpus is too small to say what is common."""
    if units < COMMON_MIN_UNITS:
        return None
    return _levels(counts, _common_limit(units))


def _levels(counts: I64, limit: float) -> npt.NDArray[np.uint8]:
    over = counts > limit
    level = np.zeros(len(counts), dtype=np.uint8)
    steps = np.log2(counts[over] / limit) * _LEVELS_PER_DOUBLING
    level[over] = np.minimum(1 + steps.astype(np.int64), 255)
    return level


def _common_limit(units: int) -> float:
    return max(_COMMON_FLOOR, _COMMON_SHARE * units)


def _owners(keys: list[str]) -> I64:
    """Which key each bigram of ``_bigram_hashes(keys)`` belongs to, from the keys' lengths
    alone; a key holding U+2029 is cut there, as ``_bigram_hashes`` cuts it."""
    if any("\u2029" in k for k in keys):
        return _bigram_hashes(keys)[1]
    counts = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys)) - 1
    return np.repeat(np.arange(len(keys), dtype=np.int64), np.maximum(counts, 0))


def _densify(sig: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """Fill each empty bin from a full bin picked by that bin's own random probe sequence,
    salted by bin and probe. Borrowing from the next bin instead would copy one shared bigram
    into a run of neighbouring bins, a whole band, and make unrelated units candidates."""
    empty = sig == _EMPTY32
    holes = np.flatnonzero(empty)
    if not len(holes):
        return sig
    bins = sig.shape[1]
    # Filled in place: a bin is borrowed from only if it was full from the start, which
    # ``empty`` says whatever has been filled since.
    flat, full = sig.reshape(-1), ~empty.reshape(-1)
    cols = holes % bins
    rows = holes - cols
    sources, salts = _probes(bins)
    for source, salt in zip(sources, salts, strict=True):
        at = rows + source[cols]
        ok = full[at]
        mixed = _mix(flat[at[ok]].astype(np.uint64) ^ salt[cols[ok]], own=True)
        flat[holes[ok]] = _top_halves(mixed)
        missing = ~ok
        holes, rows, cols = holes[missing], rows[missing], cols[missing]
        if not len(holes):
            break
    return sig


@cache
def _probes(bins: int) -> tuple[I64, U64]:
    """For each probe (a row), the bin each bin borrows from and the mixed salt of each bin."""
    rng = np.random.default_rng(0x5EED)
    sources = np.stack([rng.integers(0, bins, size=bins) for _ in range(_PROBES)])
    salt = np.arange(bins, dtype=np.uint64) * np.uint64(_PROBES + 1)
    probe = np.arange(1, _PROBES + 1, dtype=np.uint64)[:, None]
    return sources.astype(np.int64), _mix(salt + probe + np.uint64(0x632BE59BD9B4E019))
