"""Lists of entries laid out in two columns: a key, spaces, and what the key does.

A help page of key bindings or options (`"q":          退出`) puts each entry on a line of
its own, the descriptions starting at one column. Whether such a line ends with a full stop
depends on the translator (the Simplified help ends each with `。`, the Traditional one does
not), so the shape of the lines decides, not their last character: two lines at one
indentation whose descriptions start at one column (give or take a few cells: a key in another
script or phrasing is wider or narrower) after a short key and a run of spaces are two
entries, whatever script they are in.
"""

from __future__ import annotations

import re
from typing import Final
from unicodedata import east_asian_width

import numpy as np
import numpy.typing as npt

from .lines import _Table

_KEY_CELLS: Final = 40
"""A key or label this wide at most (`Control-u:`, `--print-foreign-architectures`) opens
an entry."""
_GAP: Final = re.compile(r"[^\S\n]*(?:  |\t)[^\S\n]*")
"""The run of blanks between a key and its description: two spaces or a tab at least."""
_COLUMNS: Final = re.compile(r"   |\t")
"""Columns after the description: a table's row, not an entry."""
_TAB: Final = 8
_SLACK: Final = 8
"""Cells by which two entries' description columns may differ: a key converted to another
script or phrasing (`字符串` / `字串`, `字节数` / `位元組數`) moves its description, which the
translator aligned."""


def _description_column(text: str, start: int, end: int, indent: int) -> int:
    """The cell at which the description of the line ``[start, end)`` starts, after a key
    of ``_KEY_CELLS`` at most and a gap; -1 where the line has no such shape, or more
    columns (a table's row), or its key is a number (a numbered listing's line)."""
    column = indent
    at = start
    while at < end and column - indent <= _KEY_CELLS:
        gap = _GAP.match(text, at)
        if gap is not None and at > start:
            rest = text[gap.end() : end]
            if not rest or _COLUMNS.search(rest) or text[start:at].isdigit():
                return -1
            for ch in text[at : gap.end()]:
                column = (column // _TAB + 1) * _TAB if ch == "\t" else column + 1
            return column
        column += 2 if east_asian_width(text[at]) in "WF" else 1
        at += 1
    return -1


_WRAPPED_LINES: Final = 8
"""A description wrapped onto this many lines at most, indented to its column."""


def entry_breaks(text: str, t: _Table) -> npt.NDArray[np.bool_]:
    """For every break between line i and line i + 1: whether line i + 1 opens an entry of
    the list line i's entry belongs to. Two entries are at one indentation with their
    descriptions at one column (``_SLACK``), one of them at least spaced as columns are
    (three spaces or a tab); between them only lines indented to that column (a description
    wrapped)."""
    n = len(t.start)
    out = np.zeros(max(n - 1, 0), dtype=np.bool_)
    asked = np.flatnonzero(t.columned)
    if not len(asked):
        return out
    starts, ends, indents = t.start.tolist(), t.end.tolist(), t.indent.tolist()
    columned = t.columned.tolist()
    known: dict[int, int] = {}

    def column(k: int) -> int:
        if k not in known:
            known[k] = _description_column(text, starts[k], ends[k], indents[k])
        return known[k]

    for b in sorted({*asked.tolist(), *(asked[asked + 1 < n] + 1).tolist()}):
        at = column(b)
        if at < 0:
            continue
        a = b - 1
        while (
            a > 0
            and b - a <= _WRAPPED_LINES
            and indents[a] > indents[b]
            and abs(indents[a] - at) <= _SLACK
        ):
            a -= 1
        if (
            a >= 0
            and indents[a] == indents[b]
            and (columned[a] or columned[b])
            and column(a) >= 0
            and abs(column(a) - at) <= _SLACK
        ):
            out[b - 1] = True
    return out
