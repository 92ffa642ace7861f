"""What the walk needs to know of the equal runs of many pairs, found in one vectorised pass:
on short passages numpy's cost is mostly its cost per call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt

from ..codepoints import view_codepoints
from ..folding import Folded
from .classification import classify_all

_SWAP: Final = 1
_COPY: Final = 2


class _Runs(NamedTuple):
    """What :func:`_plain_runs` finds for one pair, indexed by A's folded position."""

    plain: list[bool]
    shape: list[int]
    a_ends: list[int]
    b_ends: list[int]
    looks: list[int]
    a_starts: list[int]
    a_stops: list[int]
    b_starts: list[int]
    b_stops: list[int]
    """The folded maps of both sides, as lists."""


# One function on purpose: a single vectorised pass over every pair's runs is the point.
def _plain_runs(
    pairs: Sequence[tuple[str, Folded, str, Folded, list[tuple[str, int]]]],
) -> list[_Runs]:
    """For every folded character of A inside an equal run: whether it is a plain copy (one
    original character on each side, the same one, nothing folded away before it), its
    shape (``_SWAP``: one original character on each side, different ones, 後/后; ``_COPY``:
    one on each side, the same), and the original ends on both sides; then the positions
    inside equal runs that are not plain copies, in order. One vectorised pass over all the
    runs of all the pairs, since numpy's cost on a paragraph is mostly its cost per call; the
    first character of each run is never taken for a plain copy. The character pairs of all
    swaps are classified on the way, in one batch (:func:`classify_all`)."""
    a_at: list[int] = []
    b_at: list[int] = []
    sizes: list[int] = []
    owner: list[int] = []
    a_base = b_base = 0
    bases: list[int] = []
    for _, fa, _, fb, ops in pairs:
        bases.append(a_base)
        ia, ib = a_base, b_base
        for op, count in ops:
            if op == "=":
                a_at.append(ia)
                b_at.append(ib)
                sizes.append(count)
                ia += count
                ib += count
            elif op == "-":
                ia += count
            else:
                ib += count
        owner.append(len(sizes))
        a_base += len(fa.text)
        b_base += len(fb.text)
    bases.append(a_base)
    sa_all = np.concatenate([fa.starts for _, fa, _, _, _ in pairs])
    ea_all = np.concatenate([fa.ends for _, fa, _, _, _ in pairs])
    sb_all = np.concatenate([fb.starts for _, _, _, fb, _ in pairs])
    eb_all = np.concatenate([fb.ends for _, _, _, fb, _ in pairs])
    n = a_base
    plain = np.zeros(n, dtype=np.bool_)
    shape = np.zeros(n, dtype=np.int8)
    a_ends = np.zeros(n, dtype=np.int64)
    b_ends = np.zeros(n, dtype=np.int64)
    looks = np.zeros(0, dtype=np.int64)
    local = np.zeros(0, dtype=np.int64)
    if sizes:
        # All equal runs' indices at once: a running count, shifted to each run's start.
        counts = np.asarray(sizes, dtype=np.int64)
        offsets = np.repeat(np.cumsum(counts) - counts, counts)
        step = np.arange(int(counts.sum()), dtype=np.int64) - offsets
        xa = step + np.repeat(np.asarray(a_at, dtype=np.int64), counts)
        xb = step + np.repeat(np.asarray(b_at, dtype=np.int64), counts)
        pair = np.repeat(np.repeat(np.arange(len(pairs)), np.diff([0, *owner])), counts)
        s_a, e_a = sa_all[xa].astype(np.int64), ea_all[xa]
        s_b, e_b = sb_all[xb].astype(np.int64), eb_all[xb]
        follows = np.zeros(len(xa), dtype=np.bool_)
        follows[1:] = (
            (xa[1:] == xa[:-1] + 1)
            & (s_a[1:] == e_a[:-1])
            & (s_b[1:] == e_b[:-1])
            & (pair[1:] == pair[:-1])
        )
        a_cps, a_first, a_last = _codepoints_of([a for a, _, _, _, _ in pairs])
        b_cps, b_first, b_last = _codepoints_of([b for _, _, b, _, _ in pairs])
        a_char = a_cps[np.minimum(s_a + a_first[pair], a_last[pair])]
        b_char = b_cps[np.minimum(s_b + b_first[pair], b_last[pair])]
        same = a_char == b_char
        single = (e_a - s_a == 1) & (e_b - s_b == 1)
        swapped = single & ~same
        if swapped.any():
            codes = np.unique(
                (a_char[swapped].astype(np.uint64) << np.uint64(21)) | b_char[swapped]
            ).tolist()
            classify_all((chr(c >> 21), chr(c & 0x1FFFFF)) for c in codes)
        is_plain = follows & single & same
        plain[xa] = is_plain
        shape[xa] = np.where(single, np.where(same, _COPY, _SWAP), 0)
        a_ends[xa] = e_a
        b_ends[xa] = e_b
        looks = xa[~is_plain]
        local = looks - np.asarray(bases, dtype=np.int64)[pair[~is_plain]]
    cuts = np.searchsorted(looks, bases).tolist()
    plain_l: list[bool] = plain.tolist()
    shape_l, a_ends_l, b_ends_l, looks_l = (x.tolist() for x in (shape, a_ends, b_ends, local))
    sa_l, ea_l, sb_l, eb_l = (x.tolist() for x in (sa_all, ea_all, sb_all, eb_all))
    out: list[_Runs] = []
    b_lo = 0
    for p, (_, _, _, fb, _) in enumerate(pairs):
        lo, hi = bases[p], bases[p + 1]
        b_hi = b_lo + len(fb.text)
        out.append(
            _Runs(
                plain_l[lo:hi],
                shape_l[lo:hi],
                a_ends_l[lo:hi],
                b_ends_l[lo:hi],
                looks_l[cuts[p] : cuts[p + 1]],
                sa_l[lo:hi],
                ea_l[lo:hi],
                sb_l[b_lo:b_hi],
                eb_l[b_lo:b_hi],
            )
        )
        b_lo = b_hi
    return out


def _codepoints_of(
    texts: list[str],
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The code points of all ``texts`` in one array, and where each text's first and last
    code point are (an empty text stands as one space, so its look-ups stay in range)."""
    texts = [t or " " for t in texts]
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    first = np.cumsum(lengths) - lengths
    return view_codepoints("".join(texts)), first, first + lengths - 1
