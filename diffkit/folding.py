"""Folding text for matching, with a map from every folded character back to the original.

Folding is a chain of named steps (width, whitespace, annotation, script, regional wording,
punctuation, case: declared in ``vocabulary``, written in ``fold_steps``). Each step turns an array of code points into another and says, for every output character,
which input characters it came from; composing those index arrays gives, for every folded
character, the span of the original text it stands for. Folded text is only ever a comparison
key: what users are shown is the original text, found again through the map.

The steps work on numpy arrays of code points so that the common cases (one character to one,
deletions, runs collapsed to one) cost a few vectorised passes, not a Python loop per character.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final, NamedTuple

import numpy as np
import numpy.typing as npt

from . import executor
from .codepoints import (
    _SEP,
    PARAGRAPH_SEPARATOR,
    CodePoints,
    IntArray,
    _apply_table,
    _case_table,
    _class_tables,
    _index_dtype,
    _nfkc_marked,
    _opencc,
    _punctuation_table,
    _ranges,
    _variant_table,
    to_codepoints,
    to_text,
    view_codepoints,
)
from .executor import ForkExecutor, shared_array
from .fold_steps import _STEP_FUNCTIONS, _STEP_TABLES, _convertible
from .profiles import (  # the names importers have always found here
    DEFAULT_PROFILE as DEFAULT_PROFILE,
    PROFILES as PROFILES,
    STEP_HELP as STEP_HELP,
    STEPS as STEPS,
    FoldProfile as FoldProfile,
    fitted as fitted,
    resolve_profile as resolve_profile,
)
from .regional import (
    Glossary,
    default_glossary,
)


@dataclass(frozen=True, eq=False)
class Folded:
    """Folded text and, for each of its characters, the original span it came from."""

    text: str
    starts: IntArray
    """``starts[i]``: offset in the original of the first character folded into ``text[i]``."""
    ends: IntArray
    """``ends[i]``: offset just past the last original character folded into ``text[i]``."""

    def original_range(self, i: int, j: int) -> tuple[int, int]:
        """The original offsets ``[start, end)`` covered by folded characters ``[i, j)``."""
        if j <= i:
            at = (
                int(self.starts[i])
                if i < len(self.starts)
                else int(self.ends[-1])
                if len(self.ends)
                else 0
            )
            return at, at
        return int(self.starts[i]), int(self.ends[j - 1])

    def cut(self, i: int, j: int) -> tuple[int, int, Folded]:
        """Folded characters ``[i, j)`` as a Folded of their own, with offsets relative to the
        original range ``[start, end)`` they cover, less the paragraph separators (the line
        breaks they stand for are whitespace of the original). Returns ``(start, end, cut)``.
        """
        start, end = self.original_range(i, j)
        text = self.text[i:j]
        starts, ends = self.starts[i:j] - start, self.ends[i:j] - start
        if PARAGRAPH_SEPARATOR in text:
            keep = view_codepoints(text) != _SEP
            text, starts, ends = text.replace(PARAGRAPH_SEPARATOR, ""), starts[keep], ends[keep]
        return start, end, Folded(text, starts, ends)

    def folded_range(self, start: int, end: int) -> tuple[int, int]:
        """The folded indices ``[i, j)`` whose characters come from original ``[start, end)``."""
        return self._search(start), self._search(end)

    def _search(self, offset: int) -> int:
        # A Python int against 32-bit offsets makes numpy copy the whole map to 64 bits first,
        # on every call; as a 32-bit scalar it is a plain binary search.
        at: Any = offset
        if self.starts.dtype == np.int32 and -(2**31) <= offset < 2**31:
            at = np.int32(offset)
        return int(np.searchsorted(self.starts, at, side="left"))


@cache
def _composed_table(names: tuple[str, ...]) -> npt.NDArray[np.uint32]:
    table = _STEP_TABLES[names[0]]()
    for name in names[1:]:
        table = _STEP_TABLES[name]()[table]  # every table maps the BMP into the BMP
    return table


def _run(
    cps: CodePoints, steps: Sequence[str], glossary: Glossary | None = None
) -> tuple[CodePoints, IntArray, IntArray]:
    """Run ``steps`` in order; the maps start as the identity, built only if no step moves a
    character (most steps keep the length, and the first that does not gives the map)."""
    first: IntArray | None = None
    last: IntArray | None = None
    tables: tuple[str, ...] = ()
    dtype = _index_dtype(len(cps))
    for name in STEPS:
        if name not in steps:
            continue
        if name in _STEP_FUNCTIONS:
            if tables:
                cps, tables = _apply_table(cps, _composed_table(tables)), ()
            cps, src_s, src_e = _STEP_FUNCTIONS[name](cps, glossary or default_glossary())
            if src_s is not None and src_e is not None:
                first, last = _compose(first, last, src_s, src_e, dtype)
        if name in _STEP_TABLES:
            tables += (name,)
    if tables:
        cps = _apply_table(cps, _composed_table(tables))
    if first is None or last is None:
        first = last = np.arange(len(cps), dtype=dtype)
    return cps, first, last


_PART_CHARS: Final = 1 << 21
"""A long text folds a part of about this many characters at a time, so that the steps'
arrays are the size of a part, not of the text."""


def _run_long(
    cps: CodePoints, steps: Sequence[str], glossary: Glossary | None = None
) -> tuple[CodePoints, IntArray, IntArray]:
    """``_run`` one part after another, each beginning at a separator as in
    :func:`_run_parts` (so each folds as it does inside the whole), each part's result copied
    into the arrays of the whole as it comes."""
    bounds = _long_bounds(cps)
    if len(bounds) < 3:
        return _run(cps, steps, glossary)
    dtype = _index_dtype(len(cps))
    room = len(cps) + len(cps) // 8 + 64
    out, first = np.empty(room, dtype=np.uint32), np.empty(room, dtype=dtype)
    last: IntArray | None = None  # one map for both ends while every part gives one
    at = 0
    for lo, hi in itertools.pairwise(bounds):
        part, part_first, part_last = _run(cps[lo:hi], steps, glossary)
        n = len(part)
        if at + n > room:  # a part grew past the room left: more room for all
            room = at + n + (len(cps) - hi) + (len(cps) - hi) // 8 + 64
            out, first = _grown(out, at, room), _grown(first, at, room)
            last = None if last is None else _grown(last, at, room)
        out[at : at + n] = part
        first[at : at + n] = part_first
        first[at : at + n] += lo
        if last is None and part_last is not part_first:
            last = np.empty(room, dtype=dtype)
            last[:at] = first[:at]
        if last is not None:
            last[at : at + n] = part_last
            last[at : at + n] += lo
        at += n
    for array in (out, first) if last is None else (out, first, last):
        array.resize((at,), refcheck=False)  # gives the room back
    return out, first, first if last is None else last


def _long_bounds(cps: CodePoints) -> list[int]:
    """Where ``_run_long`` cuts a text: at the separator nearest each multiple of
    ``_PART_CHARS``."""
    separators = np.flatnonzero(cps == _SEP)
    targets = np.arange(_PART_CHARS, len(cps) - _PART_CHARS // 2, _PART_CHARS)
    near = np.minimum(np.searchsorted(separators, targets), max(len(separators) - 1, 0))
    cuts = separators[near].tolist() if len(separators) else []
    return [0, *sorted({c for c in cuts if 0 < c < len(cps)}), len(cps)]


def _grown(array: Any, used: int, room: int) -> Any:
    grown = np.empty(room, dtype=array.dtype)
    grown[:used] = array[:used]
    return grown


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


def fold(text: str, *, profile: str | FoldProfile = "default", skip: Iterable[str] = ()) -> Folded:
    """Fold ``text`` for matching and keep the map back to it.

    >>> fold("完成(chéng)各項議程 ， 勝利閉幕").text
    '完成各项议程,胜利闭幕'
    """
    resolved = resolve_profile(profile, skip=skip)
    cps = to_codepoints(text.replace(PARAGRAPH_SEPARATOR, " "))
    out, first, last = _run(cps, resolved.steps, resolved.glossary)
    return Folded(to_text(out), first, _past(first, last))


def fold_joined(
    text: str,
    bounds: Sequence[tuple[int, int]],
    *,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
) -> tuple[Folded, IntArray]:
    """Fold each ``text[start:end]`` on its own, in one pass over the whole text: the folded
    pieces joined by U+2029, and where those separators stand in the folded text.

    ``bounds`` must be sorted and separated by at least one character; what lies between them
    is ignored. Each piece is what folding it alone gives, at the cost of one call.
    """
    starts = np.fromiter((s for s, _ in bounds), dtype=np.int64, count=len(bounds))
    ends = np.fromiter((e for _, e in bounds), dtype=np.int64, count=len(bounds))
    return fold_spans(to_codepoints(text), starts, ends, profile=profile, skip=skip)


def fold_spans(
    cps: CodePoints,
    starts: IntArray,
    ends: IntArray,
    *,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
    processes: int = 1,
) -> tuple[Folded, IntArray]:
    """:func:`fold_joined` for a text already as code points and its pieces as arrays of starts
    and ends: a caller that has both saves converting them again. ``cps`` is overwritten (the
    fold starts from it in place, sparing a copy of the text), so pass code points that are
    no longer needed. With ``processes`` > 1, a large text is cut between pieces and its
    parts are folded side by side in forked processes (see :func:`_run_parts`)."""
    resolved = resolve_profile(profile, skip=skip)
    steps, glossary = resolved.steps, resolved.glossary
    cps[np.flatnonzero(cps == _SEP)] = 0x20
    cps[_ranges(np.append(0, ends), np.append(starts, len(cps)))] = 0x20
    cps[ends[:-1]] = _SEP
    # From the first piece's start to the last one's end only: the text's edges must be
    # edges to the fold, as they are to a piece folded alone (a wrap beside one is judged
    # by the other side), not the spaces that stand for what lies beyond the pieces.
    lo, hi = (int(starts[0]), int(ends[-1])) if len(starts) else (0, 0)
    # Handed on with no name left here, so that the fold can let the code points go (when
    # the caller handed them over too) before the results it closes up grow to their size.
    inner = [cps[lo:hi]]
    del cps
    count = executor.processes(processes) if hi - lo >= executor.PARALLEL_MIN_CHARS else 1
    if count > 1:
        out, first, last = _run_parts(inner.pop(), ends[:-1] - lo, steps, count, glossary)
    else:
        out, first, last = _run_long(inner.pop(), steps, glossary)
    if lo:
        same = last is first
        if hi > np.iinfo(first.dtype).max:  # the maps were sized for the slice
            first = first.astype(np.int64)
        first += lo
        last = first if same else _shifted(last, lo, hi)
    cuts = np.flatnonzero(out == _SEP)
    if len(cuts) != max(len(starts) - 1, 0):
        raise AssertionError("fold_joined: separators were lost")  # pragma: no cover
    text = to_text(out)
    del out  # before the second map is made: a large text's arrays are not held all at once
    return Folded(text, first, _past(first, last)), cuts


def _shifted(last: IntArray | _Apart, lo: int, hi: int) -> IntArray | _Apart:
    """A last map of its own moved ``lo`` on, as ``fold_spans`` moves the first, widened
    first if ``hi`` needs it."""
    if isinstance(last, _Apart):
        return _Apart(last.at, last.last + lo)
    if hi > np.iinfo(last.dtype).max:
        last = last.astype(np.int64)
    last += lo
    return last


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


def fold_pieces(
    text: str,
    bounds: Sequence[tuple[int, int]],
    *,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
) -> list[Folded]:
    """Fold each ``text[start:end]`` on its own (see :func:`fold_joined`), one result a piece."""
    if not bounds:
        return []
    joined, cuts = fold_joined(text, bounds, profile=profile, skip=skip)
    result: list[Folded] = []
    prev = 0
    for cut in [*cuts.tolist(), len(joined.text)]:
        result.append(Folded(joined.text[prev:cut], joined.starts[prev:cut], joined.ends[prev:cut]))
        prev = cut + 1
    return result


def warm_up() -> None:
    """Build the lookup tables now rather than on the first fold."""
    _nfkc_marked()
    _class_tables()
    _case_table()
    _punctuation_table()
    _variant_table()
    _opencc()
    _convertible()
