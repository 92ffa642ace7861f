"""The whitespace fold step: spaces and line breaks next to CJK text or punctuation vanish,
other runs become one space; where a break joins two sentences, the bound's kind decides.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from .codepoints import (
    _SEP,
    SENTENCE_END,
    CodePoints,
    IntArray,
    StepResult,
    _class_tables,
    _index_dtype,
    _lookup,
)


def _whitespace(cps: CodePoints) -> StepResult:
    at = _space_positions(cps)
    if not len(at):
        return cps, None, None
    # Work on runs of whitespace, not characters: in CJK text they are few and short.
    opens = np.flatnonzero(np.diff(at) != 1) + 1
    run_first = np.concatenate(([0], opens))
    run_starts = at[run_first]
    run_ends = at[np.append(opens - 1, len(at) - 1)] + 1
    drop = _tight_at(cps, run_starts - 1) | _tight_at(cps, run_ends)
    newline = (cps[at] == 0x0A) | (cps[at] == 0x0D)
    only_breaks = np.add.reduceat(newline, run_first) == run_ends - run_starts
    wraps = np.flatnonzero(only_breaks & ~drop)
    left = _bound_kind(cps, run_starts[wraps] - 1, -1)
    right = _bound_kind(cps, run_ends[wraps], 1)
    _sentence_openings(cps, run_starts[wraps], left, right)
    drop[wraps] = (np.maximum(left, right) == 1) & (np.minimum(left, right) != 0)
    kept = ~drop
    gone = np.ones(len(at), dtype=np.bool_)
    gone[run_first[kept]] = False
    keep = np.ones(len(cps), dtype=np.bool_)
    keep[at[gone]] = False
    src = np.arange(len(cps), dtype=_index_dtype(len(cps)))[keep]
    out = cps[keep]
    spaces = np.searchsorted(src, run_starts[kept].astype(src.dtype))  # same type: no copy
    out[spaces] = 0x20
    last = src.copy()
    last[spaces] = run_ends[kept] - 1
    return out, src, last


def _sentence_openings(
    cps: CodePoints, breaks: IntArray, left: npt.NDArray[np.int8], right: npt.NDArray[np.int8]
) -> None:
    """Where walking back from a break meets a space, and past it a sentence's end or the
    text's start, a sentence folded alone starts after that space: the break then counts as
    one at the text's edge (``-1`` in ``left``), so ``。 0⏎0一`` folds its sentence as
    ``0⏎0一`` does. Only breaks whose right side is CJK can change, and they are few."""
    space_table, _ = _class_tables()
    for i in np.flatnonzero((left == 0) & (right == 1)).tolist():
        end = int(breaks[i])
        p = end - 1
        while p >= 0 and not space_table[min(int(cps[p]), 0xFFFF)]:
            p -= 1
        while p >= 0 and space_table[min(int(cps[p]), 0xFFFF)] and cps[p] != _SEP:
            p -= 1
        if p < 0 or cps[p] == _SEP:
            left[i] = -1
            continue
        lo = max(0, p - 40)
        window = "".join(map(chr, cps[lo:end].tolist()))
        if any(m.end() == p + 1 - lo for m in SENTENCE_END.finditer(window)):
            left[i] = -1


def _space_positions(cps: CodePoints) -> IntArray:
    """Where the whitespace is. All of it lies at or below U+3000, which CJK text mostly does
    not: where few characters do, only those are looked up."""
    space_table, _ = _class_tables()
    low = cps <= 0x3000
    if np.count_nonzero(low) * 8 > len(cps):
        return np.flatnonzero(_lookup(space_table, cps, astral=False))
    at = np.flatnonzero(low)
    return at[space_table[cps[at]]]


def _tight_at(cps: CodePoints, pos: IntArray) -> npt.NDArray[np.bool_]:
    """Whether the characters at ``pos`` are tight (see :func:`_class_tables`); positions off
    either end of the text count as tight, as the text's edges do."""
    _, tight_table = _class_tables()
    inside = (pos >= 0) & (pos < len(cps))
    out = np.ones(len(pos), dtype=np.bool_)
    values = cps[pos[inside]]
    out[inside] = tight_table[np.minimum(values, 0xFFFF)] | (
        (values >= 0x20000) & (values < 0x32000)  # astral Han
    )
    return out


def _bound_kind(cps: CodePoints, pos: IntArray, step: int, tries: int = 32) -> npt.NDArray[np.int8]:
    """For each of ``pos``, walking by ``step`` from it, what is met first: a tight character
    (CJK or punctuation) 1, a space 0, the end of the text or a paragraph separator -1.

    A run of line breaks alone that cuts a number or a Latin word standing between CJK text
    (`成立7⏎5周年`) is the wrap of CJK text, which ignores word boundaries, not a space: the
    caller asks this on both sides of the break. Where one side reaches the end of its text,
    the other side decides, so a sentence folded alone (`5⏎0周年`) folds as it did inside its
    paragraph (`。5⏎0周年`). Tokens are short, so a few vectorised steps settle nearly all;
    the rest are looked up among every boundary of the text.
    """
    space_table, tight_table = _class_tables()
    result = np.full(len(pos), -1, dtype=np.int8)
    # Walking back, a sentence's end is where a sentence folded alone would start: it ends
    # the walk as the text's start does (``。0⏎0`` folds its sentence as ``0⏎0`` does).
    ends: tuple[int, ...] = _SENTENCE_ENDS if step < 0 else ()
    which = np.arange(len(pos))
    for _ in range(tries):
        inside = (pos >= 0) & (pos < len(cps))
        which, pos = which[inside], pos[inside]
        if not len(which):
            return result
        tight = _tight_at(cps, pos)
        bound = space_table[np.minimum(cps[pos], 0xFFFF)] | tight
        result[which[bound]] = _kind(cps[pos[bound]], tight[bound], ends)
        which, pos = which[~bound], pos[~bound] + step
    if len(which):
        bounds = np.flatnonzero(
            _lookup(space_table, cps, astral=False) | _lookup(tight_table, cps, astral=False)
        )
        astral_han = np.flatnonzero((cps >= 0x20000) & (cps < 0x32000))
        if len(astral_han):
            bounds = np.union1d(bounds, astral_han)
        if step < 0:
            at = np.searchsorted(bounds, pos, side="right") - 1
            found = at >= 0
        else:
            at = np.searchsorted(bounds, pos, side="left")
            found = at < len(bounds)
        hit = bounds[at[found]]
        result[which[found]] = _kind(cps[hit], _tight_at(cps, hit), ends)
    return result


_SENTENCE_ENDS: Final = tuple(map(ord, "。！？!?…"))


def _kind(
    cps: CodePoints, tight: npt.NDArray[np.bool_], ends: tuple[int, ...] = ()
) -> npt.NDArray[np.int8]:
    stop = cps == _SEP
    if ends:
        stop |= np.isin(cps, ends)
    return np.where(stop, -1, tight.astype(np.int8)).astype(np.int8)
