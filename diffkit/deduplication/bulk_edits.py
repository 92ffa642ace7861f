"""Edits of many (representative, member) pairs at once, kept packed until they are read.

A large corpus has hundreds of thousands of repeats, each with a score of edits that are
mostly only written out. Held as a list of six-item lists an edit, they were the largest part
of a report in memory (about 130 bytes an edit, some five million edits at a million
paragraphs); here a chunk's edits are one ``int32`` array, each member's edits a slice of it
(24 bytes an edit), made into lists only when they are read. A pair of texts met twice in a
chunk (two identical copies of one variant) is diffed once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Final, overload

import numpy as np
import numpy.typing as npt

from ..differences import diff_raw_many
from ..folding import Folded
from ..model import CATEGORIES
from ..regional import Glossary

Pair = tuple[str, Folded, str, Folded]
"""Original text and folded key of a representative, then of a member."""

_CATEGORY_INDEX: Final = {c: n for n, c in enumerate(CATEGORIES)}
_WIDTH: Final = 6
_ROW_TYPE: Final = np.int32
"""Offsets are relative to a passage, far below 2**31."""


class PackedRows(Sequence[list[int]]):
    """One member's raw edits ``[a0, a1, b0, b1, category, ambiguous]`` (``category`` an
    index into CATEGORIES), stored as a slice of its chunk's array and read as lists."""

    __slots__ = ("_rows",)

    def __init__(self, rows: npt.NDArray[np.int32]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> list[int]: ...
    @overload
    def __getitem__(self, index: slice) -> list[list[int]]: ...
    def __getitem__(self, index: int | slice) -> list[int] | list[list[int]]:
        item: list[int] | list[list[int]] = self._rows[index].tolist()
        return item

    def __iter__(self) -> Iterator[list[int]]:
        rows: list[list[int]] = self._rows.tolist()
        return iter(rows)

    def __repr__(self) -> str:
        return f"PackedRows({self._rows.tolist()!r})"


def describe(
    pairs: Sequence[Pair], glossary: Glossary | None = None
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]:
    """The raw edits of each pair (``differences.diff_raw_many``, with the caller's
    ``glossary``, if any) as two arrays, cheap to pickle: each pair's number of edits, and
    all the edits' rows, pair after pair."""
    first: dict[tuple[str, str], int] = {}
    source = [first.setdefault((a, b), n) for n, (a, _, b, _) in enumerate(pairs)]
    distinct = [n for n, s in enumerate(source) if s == n]
    raws = dict(zip(distinct, diff_raw_many([pairs[n] for n in distinct], glossary), strict=True))
    counts = np.fromiter((len(raws[s]) for s in source), dtype=np.int64, count=len(source))
    index = _CATEGORY_INDEX
    flat = [
        x
        for s in source
        for a0, a1, b0, b1, category, ambiguous in raws[s]
        for x in (a0, a1, b0, b1, index[category], ambiguous)
    ]
    rows = np.asarray(flat, dtype=_ROW_TYPE).reshape(-1, _WIDTH)
    return counts, rows


def unpack(
    parts: Iterable[tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]],
) -> Iterator[PackedRows]:
    """Each pair's edits, in order, from the parts ``describe`` returned."""
    for counts, rows in parts:
        ends = np.cumsum(counts).tolist()
        start = 0
        for end in ends:
            yield PackedRows(rows[start:end])
            start = end
