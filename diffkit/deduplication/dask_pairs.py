"""The similar pairs of dedupe's keys on a Dask cluster, partition by partition.

The local path's kernels (``minhash``'s bigram counts, signing, band hashes and bucket
pairs, ``candidates.verify_pairs``) run on contiguous partitions of the distinct keys, so a
key's id is the one the local path gives it; between stages each task returns one piece for
every partition of the next stage, routed by hash or by owner. The stages are listed in
:mod:`.on_dask`'s docstring.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import getitem
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from .. import minhash
from .candidates import verify_pairs

PARTITION_KEYS: Final = 200_000
"""Keys a partition holds at most when no number of partitions is given."""
ROUND_KEYS: Final = 2_000_000
"""Keys whose band hashes (714 bytes a key for all bands) one exchange round moves at most."""
_SIGN_CHUNK: Final = 20_000


I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]
Scored = list[tuple[int, int, float]]


def verified_parts(
    client: Any,
    keys: list[str],
    threshold: float,
    partitions: int | None,
    rounds: int | None,
) -> list[Any]:
    """The futures of each partition's verified pairs (the pipeline of this module)."""
    n = len(keys)
    if n < 2:
        return []
    p = partitions or max(len(client.nthreads()), -(-n // PARTITION_KEYS))
    p = max(1, min(p, n))
    bounds = np.array([n * i // p for i in range(p + 1)], dtype=np.int64)
    parts = client.scatter([keys[bounds[i] : bounds[i + 1]] for i in range(p)])
    common: Any = None
    if n >= minhash.COMMON_MIN_UNITS:
        counts = [client.submit(minhash.bigram_counts, part) for part in parts]
        while len(counts) > 1:
            counts = [client.submit(_add, *counts[a : a + 8]) for a in range(0, len(counts), 8)]
        common = client.submit(minhash.common_bigrams, counts[0], n)
    firsts = bounds[:-1].tolist()
    signed = [
        client.submit(_sign_part, part, common, first)
        for part, first in zip(parts, firsts, strict=True)
    ]
    # Bands a round at a time: each round's exchange holds its share of the band hashes.
    bands = minhash.BINS // minhash.ROWS
    rounds = max(1, min(bands, rounds or 1 + n // ROUND_KEYS))
    buckets = []
    for r in range(rounds):
        lo, hi = bands * r // rounds, bands * (r + 1) // rounds
        routed = [client.submit(_route_bands, s, lo, hi, p) for s in signed]
        buckets += [
            client.submit(_bucket_part, n, bounds, *column(client, routed, q)) for q in range(p)
        ]
    lefts = [
        client.submit(_attach_left, parts[q], firsts[q], n, bounds, *column(client, buckets, q))
        for q in range(p)
    ]
    verified = [
        client.submit(_verify_part, parts[q], firsts[q], n, threshold, *column(client, lefts, q))
        for q in range(p)
    ]
    return verified


def column(client: Any, routed: Sequence[Any], q: int) -> list[Any]:
    """The pieces for partition ``q`` of each routed result."""
    return [client.submit(getitem, r, q) for r in routed]


def _add(*tables: I64) -> I64:
    total = tables[0].copy()
    for t in tables[1:]:
        total += t
    return total


def _owner(bounds: I64, ids: I64) -> I64:
    return np.searchsorted(bounds, ids, side="right") - 1


def _sign_part(
    keys: list[str], common: npt.NDArray[np.uint8] | None, first: int
) -> tuple[npt.NDArray[np.uint32], I64]:
    """The signatures of the partition's keys that have one, and their ids."""
    sigs, ids = [], []
    for a in range(0, len(keys), _SIGN_CHUNK):
        sig = minhash.sign(keys[a : a + _SIGN_CHUNK], common)
        live = np.flatnonzero(~minhash.blank(sig))
        sigs.append(sig[live])
        ids.append(live + first + a)
    if not sigs:
        return np.zeros((0, minhash.BINS), dtype=np.uint32), np.zeros(0, dtype=np.int64)
    return np.concatenate(sigs), np.concatenate(ids)


def _route_bands(
    signed: tuple[npt.NDArray[np.uint32], I64], lo: int, hi: int, dests: int
) -> list[tuple[npt.NDArray[np.int8], U64, I64]]:
    """Every (band, bucket hash, id) of bands ``lo..hi``, routed by the hash to ``dests``
    pieces, each piece by band, then id."""
    sig, ids = signed
    hashes = [minhash.band_hashes(sig, b) for b in range(lo, hi)]
    out = []
    for q in range(dests):
        band, key, at = [], [], []
        for b, h in zip(range(lo, hi), hashes, strict=True):
            here = h % np.uint64(dests) == q
            key.append(h[here])
            at.append(ids[here])
            band.append(np.full(int(here.sum()), b, dtype=np.int8))
        out.append((np.concatenate(band), np.concatenate(key), np.concatenate(at)))
    return out


def _bucket_part(n: int, bounds: I64, *pieces: tuple[npt.NDArray[np.int8], U64, I64]) -> list[I64]:
    """The pairs of the buckets routed here, coded ``i * n + j``, routed by ``i``'s
    partition. Pieces come in partition order, so each band's ids ascend, as locally."""
    band = np.concatenate([x[0] for x in pieces])
    key = np.concatenate([x[1] for x in pieces])
    ids = np.concatenate([x[2] for x in pieces])
    found = []
    for b in np.unique(band).tolist():
        here = band == b
        found.append(minhash.bucket_pairs(key[here], ids[here]))
    pairs = np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)
    code = minhash.distinct(pairs[:, 0] * n + pairs[:, 1])
    owner = _owner(bounds, code // n)
    return [code[owner == q] for q in range(len(bounds) - 1)]


def _attach_left(
    keys: list[str], first: int, n: int, bounds: I64, *pieces: I64
) -> list[tuple[I64, list[str]]]:
    """The distinct pairs whose first key is here, with that key, routed by the second."""
    code = minhash.distinct(np.concatenate(pieces))
    owner = _owner(bounds, code % n)
    out = []
    for q in range(len(bounds) - 1):
        mine = code[owner == q]
        out.append((mine, [keys[i - first] for i in (mine // n).tolist()]))
    return out


def _verify_part(
    keys: list[str], first: int, n: int, threshold: float, *pieces: tuple[I64, list[str]]
) -> Scored:
    """The pairs whose second key is here, verified as the local path verifies them."""
    code = np.concatenate([c for c, _ in pieces])
    if not len(code):
        return []
    left = [k for _, ks in pieces for k in ks]
    right = [keys[j - first] for j in (code % n).tolist()]
    cands = np.stack((code // n, code % n), axis=1)
    return verify_pairs(cands, left, right, threshold, workers=1)
