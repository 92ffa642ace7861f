"""Folding a large text in parts side by side: forked workers fold parts into regions of
shared arrays, which are then closed up so that the text's result is never held twice."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any, Final

import numpy as np

from .. import executor
from ..codepoints import CodePoints, IntArray, _index_dtype
from ..executor import ForkExecutor, shared_array
from ..regional import Glossary
from .maps import _Apart, _apart, _dense
from .runs import _long_bounds, _run, _run_long

_OWN_SHARE: Final = 1.1
"""The calling process's part of a parallel fold, against each worker's 1."""
_Regions = list[tuple[Any, Any]]
_Parts = tuple[CodePoints, tuple[str, ...], Glossary | None, _Regions]
"""What the workers of ``_run_parts`` share: the prepared code points, the steps, the
glossary and, for each part, the region of the shared result arrays it is written into."""
_Fitted = tuple[int, _Apart]
"""A part written into its region: its length, and where its last map differs from its
first."""


def _run_parts(
    cps: CodePoints,
    separators: IntArray,
    steps: Sequence[str],
    processes: int,
    glossary: Glossary | None = None,
) -> tuple[CodePoints, IntArray, IntArray | _Apart]:
    """``_run`` of a text whose pieces are separated at ``separators``, in ``processes``
    parts that each begin at a separator: every step treats a separator as the end of a
    text, so the parts fold as they do inside the whole (tests compare the two). The first
    part folds here while forked workers fold the others, each into its own region of
    shared result arrays; the regions are then closed up, so the text's result is never
    held twice. OpenCC must convert on the calling thread for that
    (``executor.opencc_fork_safe``), or the whole folds here."""
    processes = min(processes, len(cps) // (executor.PARALLEL_MIN_CHARS // 2))
    # This process's part a little longer: a worker's part costs it a copy and the first
    # touch of the shared pages it writes (about a tenth more time).
    whole = processes - 1 + _OWN_SHARE
    targets = [int(len(cps) * (_OWN_SHARE + i - 1) / whole) for i in range(1, processes)]
    near = np.searchsorted(separators, targets)
    cuts = separators[np.minimum(near, len(separators) - 1)] if len(separators) else near[:0]
    bounds = [0, *sorted({c for c in cuts.tolist() if 0 < c < len(cps)}), len(cps)]
    if len(bounds) < 3 or not executor.opencc_fork_safe():
        return _run(cps, steps, glossary)
    pieces = list(itertools.pairwise(bounds))
    dtype = _index_dtype(len(cps))
    # Room for a part that grows by a quarter; pages never written cost no memory.
    bases = [0, *itertools.accumulate(hi - lo + (hi - lo) // 4 + 64 for lo, hi in pieces)]
    arrays = (shared_array((bases[-1],), np.uint32), shared_array((bases[-1],), dtype))
    regions: _Regions = [
        (arrays[0][b0:b1], arrays[1][b0:b1]) for b0, b1 in itertools.pairwise(bases)
    ]
    shared: _Parts = (cps, tuple(steps), glossary, regions)
    with ForkExecutor(len(pieces) - 1).map(_run_part, list(enumerate(pieces))[1:], shared) as rest:
        own = _run_into(cps[: bounds[1]], steps, glossary, regions[0], 0)
        results = [own or _run_long(cps[: bounds[1]], steps, glossary), *rest]
    del shared, cps  # the code points, if they were handed over, before the regions close up
    if all(isinstance(r, tuple) and len(r) == 2 for r in results):
        return _closed_up(arrays, bases, results)  # type: ignore[arg-type]
    parts = [
        (out_k[: r[0]], first_k[: r[0]] - lo, _dense(first_k[: r[0]], r[1]) - lo)
        if len(r) == 2
        else r
        for r, (out_k, first_k), (lo, _) in zip(results, regions, pieces, strict=True)
    ]
    return _joined(parts, [lo for lo, _ in pieces], dtype)


def _closed_up(
    arrays: tuple[Any, Any], bases: list[int], results: list[_Fitted]
) -> tuple[CodePoints, IntArray, _Apart]:
    """The parts written at ``bases`` moved down to follow each other, and the pages past
    the last given back."""
    out, first = arrays
    at, where, last = 0, [], []
    for base, (n, apart) in zip(bases, results, strict=False):
        _move_down(out, base, at, n)
        _move_down(first, base, at, n)
        where.append(apart.at + at)
        last.append(apart.last)
        at += n
    for array in arrays:
        executor.release_shared(array, at)
    return out[:at], first[:at], _apart(where, last)


_MOVE_CHUNK: Final = 1 << 20


def _move_down(array: Any, source: int, target: int, n: int) -> None:
    """``array[target:target + n] = array[source:source + n]`` for ``target <= source``, a
    chunk at a time in ascending order, so that no copy of the whole range is made."""
    if source == target:
        return
    for i in range(0, n, _MOVE_CHUNK):
        m = min(_MOVE_CHUNK, n - i)
        array[target + i : target + i + m] = array[source + i : source + i + m]


def _joined(
    parts: list[tuple[CodePoints, IntArray, IntArray]],
    offsets: list[int],
    dtype: type[np.signedinteger[Any]],
) -> tuple[CodePoints, IntArray, IntArray]:
    """The parts' results one after another in new arrays, each part's maps shifted by its
    offset and let go once copied: the way out when a part grew past its region."""
    same = all(p[1] is p[2] for p in parts)
    size = sum(len(p[0]) for p in parts)
    out = np.empty(size, dtype=np.uint32)
    first = np.empty(size, dtype=dtype)
    last = first if same else np.empty(size, dtype=dtype)
    at = 0
    for k, lo in enumerate(offsets):
        part_out, part_first, part_last = parts[k]
        span = slice(at, at + len(part_out))
        out[span], first[span] = part_out, part_first
        first[span] += lo
        if not same:
            last[span] = part_last
            last[span] += lo
        at += len(part_out)
        parts[k] = None  # type: ignore[call-overload]
        del part_out, part_first, part_last
    return out, first, last


def _run_into(
    cps: CodePoints,
    steps: Sequence[str],
    glossary: Glossary | None,
    region: tuple[Any, Any],
    shift: int,
) -> _Fitted | None:
    """``_run_long`` of ``cps`` written into ``region`` (result and first map), the maps
    shifted by ``shift``, the last map kept as where it differs from the first. None when
    the result does not fit in the region."""
    out, first = region
    at, where, last = 0, [], []
    for lo, hi in itertools.pairwise(_long_bounds(cps)):
        part, part_first, part_last = _run(cps[lo:hi], steps, glossary)
        n = len(part)
        if at + n > len(out):
            return None
        out[at : at + n] = part
        first[at : at + n] = part_first
        first[at : at + n] += lo + shift
        if part_last is not part_first:
            differ = np.flatnonzero(part_last != part_first)
            where.append(differ + at)
            last.append(part_last[differ].astype(np.int64) + (lo + shift))
        at += n
    return at, _apart(where, last)


def _run_part(
    shared: _Parts, job: tuple[int, tuple[int, int]]
) -> _Fitted | tuple[CodePoints, IntArray, IntArray]:
    """Fold one part into its region of the shared arrays and return its length and whether
    its two maps are one, or return it whole (its maps shifted by where it begins) when it
    came out longer than its region."""
    cps, steps, glossary, regions = shared
    k, (lo, hi) = job
    part = cps[lo:hi].copy()
    fitted_in = _run_into(part, steps, glossary, regions[k], lo)
    if fitted_in is not None:
        return fitted_in
    part[:] = cps[lo:hi]  # the fold wrote over it
    out, first, last = _run_long(part, steps, glossary)
    return out, first, last
