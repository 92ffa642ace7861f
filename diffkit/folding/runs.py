"""The fold chain of one text: its steps run in order, their maps composed, and a long text
folded a part at a time so that the steps' arrays are the size of a part."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import cache
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from ..codepoints import _SEP, CodePoints, IntArray, _apply_table, _index_dtype
from ..fold_steps import _STEP_FUNCTIONS, _STEP_TABLES
from ..profiles import STEPS
from ..regional import Glossary, default_glossary
from .maps import _compose


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
