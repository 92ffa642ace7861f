"""The maps from folded characters back to the original: composing one step's map with the
ones before it, and the last map held as where it differs from the first."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from ..codepoints import IntArray


def _compose(
    first: IntArray | None,
    last: IntArray | None,
    src_s: IntArray,
    src_e: IntArray,
    dtype: type[np.signedinteger[Any]],
) -> tuple[IntArray, IntArray]:
    if first is None or last is None:
        return src_s.astype(dtype, copy=False), src_e.astype(dtype, copy=False)
    if len(src_s) and (src_s[-1] >= len(first) or src_e[0] < 0):
        return _compose_past_ends(first, last, src_s, src_e)
    new_first = first[src_s]
    return new_first, new_first if src_e is src_s and last is first else last[src_e]


def _compose_past_ends(
    first: IntArray, last: IntArray, src_s: IntArray, src_e: IntArray
) -> tuple[IntArray, IntArray]:
    """``_compose`` where a step inserted text at an end of the text before it: an insertion
    maps to the empty run where it stands, its first past its last, so one at the end has the
    earlier text's length for its first and one at the start -1 for its last. Those read the
    earlier maps' ends: past the last character and before the first."""
    after_end = last[-1] + 1 if len(last) else 0
    before_start = first[0] - 1 if len(first) else -1
    firsts = np.append(first, np.asarray(after_end, dtype=first.dtype))
    lasts = np.append(last, np.asarray(before_start, dtype=last.dtype))  # [-1] is before_start
    return firsts[src_s], lasts[src_e]


class _Apart(NamedTuple):
    """The last map held as where it differs from the first. Nearly every folded character
    stands for one original character, so both maps are almost the same, and a second map
    the size of the text, held beside the folded code points, is what set a large
    document's peak."""

    at: npt.NDArray[np.int64]
    last: npt.NDArray[np.int64]


def _apart(at: list[IntArray], last: list[IntArray]) -> _Apart:
    none = np.zeros(0, dtype=np.int64)
    return _Apart(np.concatenate(at) if at else none, np.concatenate(last) if last else none)


def _dense(first: IntArray, apart: _Apart) -> IntArray:
    last = first.copy()
    last[apart.at] = apart.last
    return last


def _past(first: IntArray, last: IntArray | _Apart) -> IntArray:
    """``last + 1``, in place unless ``last`` is ``first`` (the maps are ours alone)."""
    if isinstance(last, _Apart):
        ends = first + 1
        ends[last.at] = last.last + 1
        return ends
    if last is first:
        return last + 1
    last += 1
    return last


def _shifted(last: IntArray | _Apart, lo: int, hi: int) -> IntArray | _Apart:
    """A last map of its own moved ``lo`` on, as ``fold_spans`` moves the first, widened
    first if ``hi`` needs it."""
    if isinstance(last, _Apart):
        return _Apart(last.at, last.last + lo)
    if hi > np.iinfo(last.dtype).max:
        last = last.astype(np.int64)
    last += lo
    return last
