"""Anchors between two documents whose number grows with the input, not with its repetition.

Pairing every occurrence of a shared k-gram in A with every occurrence in B costs the product
of their counts: in a document of repeated sentences, markup lines or table borders, that is
tens of pairs at every position, and every paragraph then chains all of them. So occurrences
are paired in two ways (the idea behind patience and histogram diff): a k-gram rare in both
documents pairs all its occurrences (they are few, and they are the trustworthy anchors); a
k-gram repeated on either side pairs each occurrence only with the copy the context points to,
on the diagonal of the nearest rare anchor before and after it, and with the copy at the same
rank among its copies (repeats taken in order). Both documents are read this way, so each copy
on the side with more of them gets its counterpart. At most six pairs come from any position.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import numpy.typing as npt

from .anchors import Run, kgram_hashes
from .codepoints import to_codepoints
from .progress import QUIET, Tick

IntArray = npt.NDArray[np.signedinteger[Any]]
"""Positions and counts: int32 where they fit, to halve the arrays; int64 for the keys."""
RARE: Final = 16
"""A k-gram whose count in A times its count in B is at most this pairs all its copies."""
_REAL: Final = np.uint64(1 << 63)
_RANKED, _GUIDED, _ONCE = 0, 1, 2
"""How a pair of copies was chosen: by rank alone, by a neighbouring anchor or by being a
rare k-gram, or as a rare k-gram with one copy on a side (an anchor of its run)."""


def _guided(
    src_ids: IntArray,
    src_pos: IntArray,
    src_rank: IntArray,
    anchor_src: IntArray,
    anchor_diag: IntArray,
    dst_key: IntArray,
    dst_sorted: IntArray,
    dst_start: IntArray,
    dst_count: IntArray,
    src_count: IntArray,
    span: int,
) -> tuple[IntArray, IntArray, npt.NDArray[np.int8]]:
    """For repeated k-grams at ``src_pos`` (ids ``src_ids``): the copy in the other document
    nearest to where each neighbouring anchor's diagonal points, and the copy of equal rank.
    ``anchor_diag`` is ``dst - src`` of each anchor, anchors sorted by ``anchor_src``;
    ``dst_key`` is ``id * span + position`` of the other document's k-grams, sorted."""
    starts = dst_start[src_ids]
    counts = dst_count[src_ids]
    found_src: list[IntArray] = []
    found_dst: list[IntArray] = []
    if len(anchor_src):
        at = np.searchsorted(anchor_src, src_pos)
        before = np.maximum(at - 1, 0)
        after = np.minimum(at, len(anchor_src) - 1)
        same = anchor_diag[before] == anchor_diag[after]
        for neighbour, ok in (
            (at - 1, at >= 1),
            (at, (at < len(anchor_src)) & ~(same & (at >= 1))),
        ):
            target = np.clip(src_pos[ok] + anchor_diag[neighbour[ok]], 0, span - 1)
            s, c = starts[ok], counts[ok]
            lo = np.searchsorted(dst_key, src_ids[ok].astype(np.int64) * span + target) - s
            pa = dst_sorted[s + np.minimum(lo, c - 1)]
            pb = dst_sorted[s + np.maximum(lo - 1, 0)]
            found_src.append(src_pos[ok])
            found_dst.append(np.where(np.abs(pa - target) <= np.abs(pb - target), pa, pb))
    src_n = src_count[src_ids]
    rank = (src_rank.astype(np.int64) * (counts - 1) + (src_n - 1) // 2) // np.maximum(src_n - 1, 1)
    guided = sum(map(len, found_src))
    found_src.append(src_pos)
    found_dst.append(dst_sorted[starts + np.minimum(rank, counts - 1)])
    strength = np.zeros(guided + len(src_pos), dtype=np.int8)
    strength[:guided] = _GUIDED
    return np.concatenate(found_src), np.concatenate(found_dst), strength


def seed_runs(x: str, y: str, *, k: int = 8, rare: int = RARE, tick: Tick = QUIET) -> list[Run]:
    """Maximal runs of ``x`` found again in ``y``, at least ``k`` characters long, from
    anchors whose number is bounded by a small multiple of the input's length."""
    numbered = _numbered(x, y, k, tick)
    if numbered is None:
        return []
    ix, iy, ca, cb, x_order, y_order, values = numbered
    del numbered
    nx, ny = len(ix), len(iy)
    # A k-gram holding a paragraph separator has a value of its own: it is never shared.
    shared = (ca > 0) & (cb > 0) & (values < _REAL)
    is_rare = shared & (ca.astype(np.int64) * cb <= rare)
    # Each copy on the side with more copies is read once, so every copy gets a counterpart.
    from_a = shared & ~is_rare & (ca >= cb)
    from_b = shared & ~is_rare & (cb > ca)
    del values, shared

    tick(0.35)
    x_blocks = _blocks(ix, ca, x_order)
    y_blocks = _blocks(iy, cb, y_order)
    a_pos, b_pos = _rare_pairs(ix, is_rare, cb, y_blocks)
    tick(0.5)
    a_src, b_dst, a_strength = _guided_from(
        from_a, ix, x_blocks, a_pos, b_pos - a_pos, y_blocks, cb, ca
    )
    tick(0.6)
    by_b = np.argsort(b_pos, kind="stable")
    b_src, a_dst, b_strength = _guided_from(
        from_b, iy, y_blocks, b_pos[by_b], (a_pos - b_pos)[by_b], x_blocks, ca, cb
    )
    del by_b, x_blocks, y_blocks
    tick(0.7)
    # Copies on both sides pair in order; one copy facing several pairs with each of them.
    once = np.minimum(ca[ix[a_pos]], cb[ix[a_pos]]) == 1
    return _runs(
        np.concatenate((a_pos, a_src, a_dst)),
        np.concatenate((b_pos, b_dst, b_src)),
        np.concatenate((np.where(once, _ONCE, _GUIDED).astype(np.int8), a_strength, b_strength)),
        k,
        nx,
        ny,
    )


def _numbered(
    x: str, y: str, k: int, tick: Tick
) -> (
    tuple[IntArray, IntArray, IntArray, IntArray, IntArray, IntArray, npt.NDArray[np.uint64]] | None
):
    """The k-grams of both texts numbered: each position's k-gram id in ``x`` and in ``y``,
    each id's count in each, each text's positions grouped by id (in order within a group),
    and each id's hash; None when either text is shorter than ``k``."""
    hx = kgram_hashes(to_codepoints(x), k)
    hy = kgram_hashes(to_codepoints(y), k)
    nx = len(hx)
    if not nx or not len(hy):
        return None
    tick(0.2)
    # One stable sort of both documents' hashes numbers the k-grams and, split by side,
    # lists each document's positions grouped by k-gram, in order within a group.
    both = np.concatenate((hx, hy))
    del hx, hy
    perm = np.argsort(both, kind="stable")
    ordered = both[perm]
    first = np.ones(len(both), dtype=np.bool_)
    first[1:] = ordered[1:] != ordered[:-1]
    values = ordered[first]
    ids = np.empty(len(both), dtype=np.int32)
    ids[perm] = np.cumsum(first, dtype=np.int32) - 1
    del both, ordered, first
    ix, iy = ids[:nx], ids[nx:]
    ca = np.bincount(ix, minlength=len(values)).astype(np.int32)
    cb = np.bincount(iy, minlength=len(values)).astype(np.int32)
    in_x = perm < nx
    x_order = perm[in_x].astype(np.int32)
    y_order = (perm[~in_x] - nx).astype(np.int32)
    return ix, iy, ca, cb, x_order, y_order, values


def _guided_from(
    wanted: npt.NDArray[np.bool_],
    ids: IntArray,
    src: tuple[IntArray, IntArray, IntArray, IntArray],
    anchor_src: IntArray,
    anchor_diag: IntArray,
    dst: tuple[IntArray, IntArray, IntArray, IntArray],
    dst_count: IntArray,
    src_count: IntArray,
) -> tuple[IntArray, IntArray, npt.NDArray[np.int8]]:
    """``_guided`` for the positions of one document whose k-gram is ``wanted`` (repeated,
    and read from this side), from its ``_blocks`` (``src``) to the other's (``dst``)."""
    rep = np.flatnonzero(wanted[ids]).astype(np.int32)
    rank = src[3]
    dst_key, dst_sorted, dst_start, _ = dst
    return _guided(
        ids[rep],
        rep,
        rank[rep],
        anchor_src,
        anchor_diag,
        dst_key,
        dst_sorted,
        dst_start,
        dst_count,
        src_count,
        len(dst_sorted) + 1,
    )


def _rare_pairs(
    ix: IntArray,
    is_rare: npt.NDArray[np.bool_],
    cb: IntArray,
    y_blocks: tuple[IntArray, IntArray, IntArray, IntArray],
) -> tuple[IntArray, IntArray]:
    """Rare k-grams: every copy in A with every copy in B (at most ``rare`` pairs each)."""
    _, y_sorted, y_start, _ = y_blocks
    a_rare = np.flatnonzero(is_rare[ix]).astype(np.int32)
    reps = cb[ix[a_rare]]
    a_pos = np.repeat(a_rare, reps)
    within = np.arange(len(a_pos), dtype=np.int32) - np.repeat(np.cumsum(reps) - reps, reps)
    b_pos = y_sorted[np.repeat(y_start[ix[a_rare]], reps) + within]
    return a_pos, b_pos


def _blocks(
    ids: IntArray, counts: IntArray, order: IntArray
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """One document's k-grams grouped by id (``order``: its positions sorted by id, then
    position): ``id * (n + 1) + position`` sorted, where each id's block starts, and each
    position's rank in its block."""
    n = len(ids)
    key = ids[order].astype(np.int64) * (n + 1) + order
    start = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int32)
    rank = np.empty(n, dtype=np.int32)
    rank[order] = np.arange(n, dtype=np.int32) - start[ids[order]]
    return key, order, start, rank


def _runs(
    a_pos: IntArray, b_pos: IntArray, strength: npt.NDArray[np.int8], k: int, nx: int, ny: int
) -> list[Run]:
    """Anchor pairs merged along their diagonals into maximal runs; a run is ``anchored``
    when one of its pairs is of a rare k-gram found once in one of the documents (its
    ``strength`` is _ONCE)."""
    if not len(a_pos):
        return []
    a_pos = a_pos.astype(np.int64)
    key = (a_pos - b_pos + ny) * (nx + 1) + a_pos
    del a_pos, b_pos
    order = np.argsort(key)
    key = key[order]
    rare = strength[order]
    del order
    keep = np.ones(len(key), dtype=np.bool_)
    keep[1:] = key[1:] != key[:-1]
    rare = np.maximum.reduceat(rare, np.flatnonzero(keep))
    key = key[keep]
    diag = key // (nx + 1) - ny
    a = key - (diag + ny) * (nx + 1)
    new_run = np.ones(len(a), dtype=np.bool_)
    new_run[1:] = (diag[1:] != diag[:-1]) | (a[1:] != a[:-1] + 1)
    run_ids = np.cumsum(new_run) - 1
    starts = a[new_run]
    lengths = np.bincount(run_ids) + (k - 1)
    diags = diag[new_run]
    best = np.maximum.reduceat(rare, np.flatnonzero(new_run))
    anchored = best == _ONCE
    # One repeated k-gram alone on its diagonal, its copy picked by rank, did not line up.
    kept = (best > _RANKED) | (lengths > k)
    starts, diags, lengths, anchored = starts[kept], diags[kept], lengths[kept], anchored[kept]
    order = np.lexsort((starts - diags, starts))
    return [
        Run(s, s - d, n, f)
        for s, d, n, f in zip(
            starts[order].tolist(),
            diags[order].tolist(),
            lengths[order].tolist(),
            anchored[order].tolist(),
            strict=True,
        )
    ]
